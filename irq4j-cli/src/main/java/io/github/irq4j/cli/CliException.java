package io.github.irq4j.cli;

/**
 * A failure the command reports as one line and an exit code: bad input found while running
 * (unknown driver class, unknown device scheme, a driver that fails to start) or a run that ended
 * with verifier findings or faults.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
