package io.github.irq4j.bench.latency;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many {@code read(2)} calls a thread of this JVM has made: the {@code syscr} line of
 * {@code /proc/self/task/TID/io}, the thread found by its name ({@code comm}, which Linux cuts to
 * 15 bytes). Read from outside the thread, before and after a run, so counting costs the dispatch
 * loop nothing: in busy-poll, each poll is one read, and the run's time over the reads is one poll's
 * cost, measured the same way the C program counts its handler's reads.
 */
final class ThreadReadCount {

    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadReadCount() {
    }

    /** The read calls of the one thread whose name starts with {@code namePrefix} (at most 15 bytes), or -1 if none or several. */
    static long of(String namePrefix) {
        long found = -1;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).strip();
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                if (comm.startsWith(namePrefix)) {
                    if (found >= 0) {
                        return -1;
                    }
                    found = syscr(task);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return -1; // not Linux, or /proc not mounted
        }
        return found;
    }

    private static long syscr(Path task) {
        try {
            for (String line : Files.readAllLines(task.resolve("io"))) {
                if (line.startsWith("syscr:")) {
                    return Long.parseLong(line.substring("syscr:".length()).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
