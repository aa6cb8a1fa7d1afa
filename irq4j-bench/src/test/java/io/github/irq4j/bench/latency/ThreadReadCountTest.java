package io.github.irq4j.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link ThreadReadCount} counts a named thread's read(2) calls from outside it, as the harness does for the dispatch thread. */
class ThreadReadCountTest {

    @Test
    void countsTheReadsOfTheNamedThread() throws Exception {
        Path f = Files.createTempFile("reads", ".txt");
        Files.writeString(f, "x");
        AtomicLong before = new AtomicLong();
        AtomicLong after = new AtomicLong();
        Thread t = new Thread(() -> {
            before.set(ThreadReadCount.of("reads-probe-thr"));
            try {
                for (int i = 0; i < 50; i++) {
                    Files.readAllBytes(f);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            after.set(ThreadReadCount.of("reads-probe-thr"));
        }, "reads-probe-thread");
        t.start();
        t.join();
        Files.delete(f);
        assertThat(before.get()).isGreaterThanOrEqualTo(0);
        assertThat(after.get() - before.get()).isGreaterThanOrEqualTo(50);
        assertThat(ThreadReadCount.of("no-such-thread-")).isEqualTo(-1);
    }
}
