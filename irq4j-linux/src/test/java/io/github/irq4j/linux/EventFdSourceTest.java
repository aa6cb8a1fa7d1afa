package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link EventFdSource} against the real kernel, driven through the SPI by hand. */
class EventFdSourceTest {

    /** Records every (message, count) a poll hands over. */
    static final class Recorder implements SignalHandler {
        final List<long[]> signals = new ArrayList<>();

        @Override
        public void onSignal(int message, long count) {
            signals.add(new long[] {message, count});
        }

        long total() {
            return signals.stream().mapToLong(s -> s[1]).sum();
        }
    }

    static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void oneSignalIsOnePollResult() throws IOException {
        EventFdSource source = new EventFdSource("efd-one");
        try {
            source.connect();
            Recorder r = new Recorder();
            assertThat(source.poll(r)).isZero();
            source.signal(1);
            assertThat(source.poll(r)).isEqualTo(1);
            assertThat(r.signals).hasSize(1);
            assertThat(r.signals.get(0)).containsExactly(0, 1);
            assertThat(source.poll(r)).isZero();
            assertThat(source.lostSignals(0)).isZero();
        } finally {
            source.disconnect();   // the test is the dispatch thread
            source.close();
        }
    }

    @Test
    void signalsBeforePollCoalesceAndAreCounted() throws IOException {
        EventFdSource source = new EventFdSource("efd-coalesce");
        try {
            source.signal(1);
            source.signal(1);
            source.signal(3);          // before open: the counter keeps them
            source.connect();
            Recorder r = new Recorder();
            assertThat(source.poll(r)).isEqualTo(1);
            assertThat(r.signals.get(0)).containsExactly(0, 5);
            assertThat(source.lostSignals(0)).isEqualTo(4);
        } finally {
            source.disconnect();   // the test is the dispatch thread
            source.close();
        }
    }

    @Test
    void aSingleSignalOnAFullCounterIsRefusedAndAddsNothing() throws IOException {
        EventFdSource source = new EventFdSource("efd-full");
        try {
            assertThat(source.signal(0, Long.MAX_VALUE)).isTrue();
            assertThat(source.signal(0, Long.MAX_VALUE)).isTrue();   // the counter now holds 2^64 - 2, its maximum
            assertThat(source.signal(0, 1)).isFalse();                   // the call-state-free write fails, the fallback answers
            source.connect();
            Recorder r = new Recorder();
            assertThat(source.poll(r)).isEqualTo(1);
            assertThat(r.signals.get(0)[1]).isEqualTo(-2L);              // 2^64 - 2 as an unsigned long: nothing added
            assertThat(source.signal(0, 1)).isTrue();                    // the read emptied it
        } finally {
            source.disconnect();
            source.close();
        }
    }

    @Test
    void everySignalFromAnotherThreadIsCounted() throws Exception {
        EventFdSource source = new EventFdSource("efd-many", 3);
        try {
            source.connect();
            int perMessage = 20_000;
            Thread producer = Thread.ofPlatform().name("efd-producer").start(() -> {
                try {
                    for (int i = 0; i < perMessage; i++) {
                        for (int m = 0; m < 3; m++) {
                            source.signal(m, 1);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long[] perMessageTotal = new long[3];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            SignalHandler h = (m, c) -> perMessageTotal[m] += c;
            while ((perMessageTotal[0] + perMessageTotal[1] + perMessageTotal[2]) < 3L * perMessage) {
                assertThat(System.nanoTime()).as("all signals within 30 s").isLessThan(deadline);
                if (source.poll(h) == 0) {
                    source.await(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
            producer.join();
            assertThat(source.poll(h)).isZero();
            assertThat(perMessageTotal).containsExactly(perMessage, perMessage, perMessage);
        } finally {
            source.disconnect();   // the test is the dispatch thread
            source.close();
        }
    }

    @Test
    void wakeupReturnsABlockedAwaitAtOnce() throws Exception {
        for (int messages : new int[] {1, 2}) {
            EventFdSource source = new EventFdSource("efd-wake", messages);
            try {
                CountDownLatch opened = new CountDownLatch(1);
                CountDownLatch returned = new CountDownLatch(1);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread dispatcher = Thread.ofPlatform().name("efd-dispatch").start(() -> {
                    try {
                        source.connect();
                        opened.countDown();
                        source.await(-1);          // no timeout: only wakeup() ends it
                        returned.countDown();
                    } catch (Throwable t) {
                        failure.set(t);
                    } finally {
                        source.disconnect();
                    }
                });
                assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
                source.wakeup();
                assertThat(returned.await(10, TimeUnit.SECONDS)).as("await returned after wakeup").isTrue();
                dispatcher.join(10_000);
                assertThat(failure.get()).isNull();
            } finally {
                source.disconnect();   // the test is the dispatch thread
                source.close();
            }
        }
    }

    @Test
    void wakeupConsumedByPollStillEndsTheNextAwait() throws IOException {
        EventFdSource source = new EventFdSource("efd-wake-poll", 2);   // several fds: poll uses epoll_wait(0)
        try {
            source.connect();
            source.wakeup();
            assertThat(source.poll(new Recorder())).isZero();          // takes the wake-up edge
            source.await(-1);                                         // must not block
            source.wakeup();
            source.await(-1);
        } finally {
            source.disconnect();   // the test is the dispatch thread
            source.close();
        }
    }

    @Test
    void wakeupBeforeOpenEndsTheFirstAwait() throws IOException {
        EventFdSource source = new EventFdSource("efd-wake-early");
        try {
            source.wakeup();
            source.connect();
            source.await(-1);
        } finally {
            source.disconnect();   // the test is the dispatch thread
            source.close();
        }
    }

    @Test
    void awaitReturnsWhenSignalled() throws Exception {
        EventFdSource source = new EventFdSource("efd-await");
        try {
            source.connect();
            Thread signaller = Thread.ofPlatform().start(() -> {
                try {
                    source.signal(2);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            source.await(-1);
            signaller.join();
            Recorder r = new Recorder();
            assertThat(source.poll(r)).isEqualTo(1);
            assertThat(r.total()).isEqualTo(2);
        } finally {
            source.disconnect();   // the test is the dispatch thread
            source.close();
        }
    }

    @Test
    void maskKeepsSignalsPendingUntilUnmask() throws IOException {
        for (int messages : new int[] {1, 2}) {
            EventFdSource source = new EventFdSource("efd-mask", messages);
            try {
                source.connect();
                source.mask(0);
                source.signal(0, 1);
                source.signal(0, 1);
                Recorder r = new Recorder();
                assertThat(source.poll(r)).isZero();
                source.await(0);                    // a masked fd does not make epoll_wait return
                source.unmask(0);
                assertThat(source.poll(r)).isEqualTo(1);
                assertThat(r.signals.get(0)).containsExactly(0, 2);
            } finally {
                source.disconnect();   // the test is the dispatch thread
                source.close();
            }
        }
    }

    @Test
    void maskSetBeforeOpenIsApplied() throws IOException {
        EventFdSource source = new EventFdSource("efd-mask-early");
        try {
            source.mask(0);
            source.signal(1);
            source.connect();
            assertThat(source.poll(new Recorder())).isZero();
            source.unmask(0);
            assertThat(source.poll(new Recorder())).isEqualTo(1);
        } finally {
            source.disconnect();   // the test is the dispatch thread
            source.close();
        }
    }

    @Test
    void lifeCycleErrorsAreSpecific() throws IOException {
        EventFdSource source = new EventFdSource("efd-life");
        assertThatThrownBy(() -> source.poll(new Recorder())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("poll() while not connected");
        source.connect();
        assertThatThrownBy(source::connect).isInstanceOf(IllegalStateException.class).hasMessageContaining("already connected");
        assertThatThrownBy(() -> source.signal(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signal count 0");
        assertThatThrownBy(() -> source.mask(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message 1 (expected: 0 <= message < 1)");
        assertThatThrownBy(source::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("efd-life: close() while connected");
        source.disconnect();
        source.close();
        assertThat(source.isConnected()).isFalse();
        assertThatThrownBy(() -> source.signal(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("efd-life: closed, its eventfds are released");
        assertThatThrownBy(source::connect).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("efd-life: connect() after close()");
    }

    @Test
    void disconnectAndCloseCloseEveryDescriptor() throws IOException {
        long before = openFds();
        EventFdSource source = new EventFdSource("efd-fds", 4);
        assertThat(openFds()).isEqualTo(before + 4);
        source.connect();
        assertThat(openFds()).isEqualTo(before + 6);      // + epoll + wake-up eventfd
        source.disconnect();
        assertThat(openFds()).isEqualTo(before + 4);
        source.connect();                                    // reconnect
        source.disconnect();
        source.close();
        assertThat(openFds()).isEqualTo(before);
    }
}
