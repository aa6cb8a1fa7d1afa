package io.github.irq4j.cli.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on the files a command writes at its end, made before the command starts its run. */
public final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Checks that {@code file} can be written: it is not a folder, and its folder exists (or can be
     * made) and takes a new file. A long run then fails at its start, not after it, when its output
     * file cannot be written. Leaves nothing behind.
     *
     * @throws IOException saying why not
     */
    public static void probeWritable(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new IOException("it is a folder");
        }
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Files.delete(Files.createTempFile(dir, "." + abs.getFileName(), ".check"));
    }
}
