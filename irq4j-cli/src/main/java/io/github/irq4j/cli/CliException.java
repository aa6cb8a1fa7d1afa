package io.github.irq4j.cli;

import io.github.irq4j.cli.spi.CommandFailedException;

/**
 * A failure the command reports as one line and an exit code: bad input found while running
 * (unknown driver class, unknown device scheme: {@link ExitCode#USAGE}), or a run that failed or
 * ended with verifier findings or faults ({@link ExitCode#FAILED}). Anything else that escapes a
 * command is a crash ({@link ExitCode#CRASH}).
 */
final class CliException extends CommandFailedException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        this(ExitCode.FAILED, message, null);
    }

    CliException(String message, Throwable cause) {
        this(ExitCode.FAILED, message, cause);
    }

    private CliException(int exitCode, String message, Throwable cause) {
        super(exitCode, message, cause);
    }

    /** The command line is wrong: exit code {@link ExitCode#USAGE}. */
    static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message, null);
    }

    /** The command line is wrong: exit code {@link ExitCode#USAGE}. */
    static CliException usage(String message, Throwable cause) {
        return new CliException(ExitCode.USAGE, message, cause);
    }
}
