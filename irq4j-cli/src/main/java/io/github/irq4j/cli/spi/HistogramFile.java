package io.github.irq4j.cli.spi;

import io.github.irq4j.cli.AtomicOutput;
import io.github.irq4j.cli.IoErrors;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The file of a {@code --histogram FILE} option, for commands of other modules ({@code bench}):
 * checked writable before a run of minutes, written whole or not at all. A path that cannot be
 * written is a usage error (exit code 2) naming the path and the reason.
 */
public final class HistogramFile {

    /** The exit code of a usage error. */
    private static final int USAGE = 2;

    private HistogramFile() {
    }

    /**
     * Checks early that {@code file} can be written (its folder exists or can be made and takes a
     * new file), so a long run does not end with an error it could have given first.
     *
     * @throws CommandFailedException a usage error naming the path and the reason
     */
    public static void checkWritable(Path file) {
        try {
            OutputFiles.probeWritable(file);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /**
     * Writes the encoded log text, whole or not at all.
     *
     * @throws CommandFailedException a usage error naming the path when it cannot be written (no partial file is left)
     */
    public static void write(Path file, byte[] bytes) {
        try {
            AtomicOutput.write(file, bytes);
        } catch (CommandFailedException e) {
            throw cannotWrite(file, e.getCause() instanceof Exception c ? c : e);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** The usage error for a histogram file that cannot be written. */
    public static CommandFailedException cannotWrite(Path file, Exception e) {
        return new CommandFailedException(USAGE, "cannot write the histogram file " + file + ": " + IoErrors.reason(e)
                + "; pass --histogram FILE with a file in a folder you can write", e);
    }
}
