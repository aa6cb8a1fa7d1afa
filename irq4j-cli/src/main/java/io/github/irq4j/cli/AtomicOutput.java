package io.github.irq4j.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output file ({@code --output}) so that it appears whole or not at all: the content goes
 * to a temporary file beside it, moved into place only when writing succeeded. A crash half-way
 * leaves the previous file (or none), never a truncated one.
 */
public final class AtomicOutput {

    /** Writes the content. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer w) throws IOException;
    }

    private AtomicOutput() {
    }

    /**
     * @throws CliException naming the file and the reason when it cannot be written
     * @throws IOException never for the file itself (reported as {@link CliException}); only from {@code content}
     */
    static void write(Path file, Content content) throws IOException {
        writeStream(file, os -> {
            try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8))) {
                content.writeTo(w);
            }
        });
    }

    /** Writes bytes (an image), whole or not at all; errors as {@link #write(Path, Content)}. */
    public static void write(Path file, byte[] bytes) throws IOException {
        writeStream(file, os -> os.write(bytes));
    }

    private interface StreamContent {
        void writeTo(java.io.OutputStream os) throws IOException;
    }

    /**
     * A new empty file beside {@code target}, created as a plain write creates one (0666 less the
     * umask), not with {@link Files#createTempFile}'s 0600: the move keeps the temporary's
     * permissions, and a report is read by others. When {@code target} exists, its permissions.
     */
    private static Path temporaryBeside(Path target) throws IOException {
        Path dir = target.getParent() != null ? target.getParent() : Path.of("");
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;   // another writer's name: draw again
                }
                throw e;
            }
            try {
                if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // the target's permissions could not be read or applied: the new file keeps the umask's
            }
            return tmp;
        }
    }

    private static void writeStream(Path file, StreamContent content) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp;
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            tmp = temporaryBeside(abs);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + IoErrors.reason(e) + "; pass a path in a folder you can write", e);
        }
        boolean moved = false;
        try {
            try (java.io.OutputStream os = Files.newOutputStream(tmp)) {
                content.writeTo(os);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
