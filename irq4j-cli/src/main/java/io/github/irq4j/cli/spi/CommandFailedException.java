package io.github.irq4j.cli.spi;

import io.github.irq4j.cli.IoErrors;

/**
 * A run of a command that failed in a way the user can act on: the command line prints its
 * message (and its cause's, when the message alone does not say what was wrong) as one stderr line
 * and exits with {@link #exitCode()}, 1 unless a subclass says otherwise. No stack trace unless
 * {@code --verbose}.
 */
public class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exit code of a failed run. */
    public static final int FAILED = 1;

    private final int exitCode;

    /** A failed run: exit code 1. */
    public CommandFailedException(String message, Throwable cause) {
        this(FAILED, message, cause);
    }

    /** A failure with its own exit code (the command line's usage errors use 2). */
    protected CommandFailedException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * A failed run because of an I/O error, with the reason in words ({@code "permission denied
     * (/tmp/x)"}) rather than NIO's bare path: "{@code doing}: reason".
     */
    public static CommandFailedException io(String doing, java.io.IOException e) {
        return new CommandFailedException(doing + ": " + IoErrors.reason(e), e);
    }

    /** The process's exit code for this failure. */
    public final int exitCode() {
        return exitCode;
    }
}
