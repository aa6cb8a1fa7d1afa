package io.github.irq4j.cli.spi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
     * @throws IOException saying why not; a folder that takes no new file is named as the
     *     {@link FileSystemException#getFile() file} of the exception, not the probe file, whose
     *     temporary name would only puzzle the user
     */
    public static void probeWritable(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new IOException("it is a folder");
        }
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path probe;
        try {
            probe = Files.createTempFile(dir, "." + abs.getFileName(), ".check");
        } catch (AccessDeniedException e) {
            throw (IOException) new AccessDeniedException(dir.toString()).initCause(e);
        } catch (FileSystemException e) {
            String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw (IOException) new FileSystemException(dir.toString(), null, reason).initCause(e);
        }
        Files.delete(probe);
    }
}
