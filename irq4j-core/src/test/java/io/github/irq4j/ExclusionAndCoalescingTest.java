package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SPEC 2.4 (the ISR and lock holders exclude each other) and 2.5 (coalescing, no lost request). */
class ExclusionAndCoalescingTest {

    enum Kind { SPIN, PASSIVE }

    /** A counter that is only correct if every increment happens under the interrupt lock. */
    static final class Shared {
        long value; // plain field on purpose
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void isrAndLockHoldersNeverOverlap(Kind kind) throws Exception {
        try (Rig rig = new Rig()) {
            Shared shared = new Shared();
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                shared.value++;
                inside.decrementAndGet();
                return true;
            }).passiveHandling(kind == Kind.PASSIVE));
            int threads = 3;
            int perThread = 20_000;
            int fires = 20_000;
            CountDownLatch start = new CountDownLatch(1);
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int n = 0; n < perThread; n++) {
                        i.acquireLock();
                        try {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            shared.value++;
                            inside.decrementAndGet();
                        } finally {
                            i.releaseLock();
                        }
                    }
                });
                workers[t].start();
            }
            start.countDown();
            for (int n = 0; n < fires; n++) {
                rig.source.fire(0);
                if ((n & 255) == 0) {
                    long target = n;
                    Rig.await("ISR caught up", () -> i.statistics().signals() + i.statistics().coalesced() >= target);
                }
            }
            for (Thread w : workers) {
                w.join();
            }
            Rig.await("all edges served", () -> i.statistics().signals() + i.statistics().coalesced() == fires);
            long isrRuns = i.statistics().isrCalls();
            assertThat(overlaps.get()).isZero();
            // Read under the lock: the last writer's increments happen-before this read.
            i.acquireLock();
            try {
                assertThat(shared.value).isEqualTo((long) threads * perThread + isrRuns);
            } finally {
                i.releaseLock();
            }
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    @Test
    void interruptsSharingASpinLockShareOneLockAndTheHighestLevel() {
        try (Rig rig = new Rig()) {
            Interrupt[] made = new Interrupt[2];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED).withDirqlIndex(2),
                    rig.line(1, InterruptMode.LATCHED).withDirqlIndex(6)), d -> {
                SpinLock shared = d.createSpinLock("shared");
                made[0] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).spinLock(shared).build());
                made[1] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).spinLock(shared).build());
            });
            rig.host.start(rig.device);
            made[0].acquireLock();
            try {
                assertThat(Irql.current()).isEqualTo(Irql.dirql(6));
                // The same lock: taking it through the other interrupt is a recursive acquire.
                org.assertj.core.api.Assertions.assertThatThrownBy(made[1]::acquireLock)
                        .isInstanceOf(VerifierViolation.class).hasMessageContaining("already held");
            } finally {
                made[0].releaseLock();
            }
            assertThat(made[1].getInfo().irql()).isEqualTo(Irql.dirql(6));
        }
    }

    @Test
    void dpcRequestsCoalesceAndNoneIsLost() throws Exception {
        try (Rig rig = new Rig()) {
            CountDownLatch block = new CountDownLatch(1);
            AtomicInteger runs = new AtomicInteger();
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).dpc((x, o) -> {
                runs.incrementAndGet();
                try {
                    block.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(i.queueDpcForIsr()).isTrue();
            Rig.await("first run started", () -> runs.get() == 1);
            // While it runs, the flag is already clear: one more request queues one more run ...
            assertThat(i.queueDpcForIsr()).isTrue();
            // ... and further ones coalesce into it.
            for (int n = 0; n < 100; n++) {
                assertThat(i.queueDpcForIsr()).isFalse();
            }
            block.countDown();
            Rig.await("second run", () -> runs.get() == 2 && i.statistics().dpcRuns() == 2);
            i.disable(); // flushes
            assertThat(runs.get()).isEqualTo(2);
            assertThat(i.statistics().dpcQueued()).isEqualTo(2);
        }
    }

    @Test
    void requeueingFromInsideTheCallbackCausesExactlyOneMoreRun() {
        try (Rig rig = new Rig()) {
            AtomicInteger runs = new AtomicInteger();
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).passiveHandling(true).workItem((x, o) -> {
                if (runs.incrementAndGet() == 1) {
                    assertThat(x.queueWorkItemForIsr()).isTrue();
                }
            }));
            assertThat(i.queueWorkItemForIsr()).isTrue();
            Rig.await("two runs", () -> i.statistics().workItemRuns() == 2);
            i.disable();
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    @Test
    void runsOfOneWorkItemNeverOverlapEvenWithSeveralWorkers() throws Exception {
        try (Rig rig = new Rig(Host.builder().workerThreads(4), 2)) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger runs = new AtomicInteger();
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).passiveHandling(true).workItem((x, o) -> {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                if (runs.get() < 500) {
                    x.queueWorkItemForIsr(); // queued again while running: another worker is free
                }
                for (int n = 0; n < 2_000; n++) {
                    Thread.onSpinWait(); // give a second worker time to start an overlapping run
                }
                inside.decrementAndGet();
                runs.incrementAndGet();
            }));
            Thread other = new Thread(() -> {
                while (runs.get() < 500) {
                    i.queueWorkItemForIsr();
                }
            });
            other.start();
            i.queueWorkItemForIsr();
            other.join();
            i.disable(); // flush: waits for the last run
            assertThat(overlaps.get()).isZero();
            assertThat(i.statistics().workItemRuns()).isEqualTo(i.statistics().workItemQueued()).isEqualTo(runs.get());
        }
    }

    @Test
    void concurrentRequestsAreAllServed() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicInteger requestsSeen = new AtomicInteger();
            AtomicInteger pending = new AtomicInteger();
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).dpc((x, o) -> requestsSeen.addAndGet(pending.getAndSet(0))));
            int threads = 4;
            int perThread = 10_000;
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                ts[t] = new Thread(() -> {
                    for (int n = 0; n < perThread; n++) {
                        pending.incrementAndGet();  // the request, published before queueing
                        i.queueDpcForIsr();
                    }
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            i.disable();
            assertThat(requestsSeen.get()).as("every request made before a run started is served by a run")
                    .isEqualTo(threads * perThread);
            InterruptStatistics s = i.statistics();
            assertThat(s.dpcRuns()).isEqualTo(s.dpcQueued()).isBetween(1L, (long) threads * perThread);
        }
    }

    @Test
    void queueingWithoutACallbackIsASpecificError() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true));
            org.assertj.core.api.Assertions.assertThatThrownBy(i::queueDpcForIsr)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no DPC callback configured");
            org.assertj.core.api.Assertions.assertThatThrownBy(i::queueWorkItemForIsr)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no work-item callback configured");
        }
    }

    @Test
    void automaticSerializationRunsDpcsUnderTheDeviceCallbackLock() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger runs = new AtomicInteger();
            InterruptDpc dpc = (x, o) -> {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                assertThat(o).isSameAs(x.getDevice());
                inside.decrementAndGet();
                runs.incrementAndGet();
            };
            Interrupt[] made = new Interrupt[2];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED)), d -> {
                made[0] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).dpc(dpc).automaticSerialization(true).build());
                made[1] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).dpc(dpc).automaticSerialization(true).build());
            });
            rig.host.start(rig.device);
            for (int n = 0; n < 2000; n++) {
                made[n & 1].queueDpcForIsr();
            }
            made[0].disable();
            made[1].disable();
            assertThat(overlaps.get()).isZero();
            assertThat(runs.get()).isPositive();
        }
    }
}
