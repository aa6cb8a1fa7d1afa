package io.github.irq4j.bench.latency;

import java.io.IOException;

/**
 * The C baseline could not be built or did not finish: no C compiler, a failing compile, or the
 * program exiting with an error (a lost interrupt among them). The message is one line saying what
 * happened and what to do.
 */
public final class BaselineException extends IOException {
    private static final long serialVersionUID = 1L;

    public BaselineException(String message) {
        super(message);
    }

    public BaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}
