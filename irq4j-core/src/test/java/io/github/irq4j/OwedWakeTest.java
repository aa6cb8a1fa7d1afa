package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The ISR's queueing owes the wake-up of the DPC or work-item thread, which the dispatcher sends
 * once the signal's ISRs have returned and released the lock: the deferred call still runs, before
 * the stop that follows returns, and it waits for no other signal of the same poll. Each wait is for
 * an event, bounded; none passes by waiting out a time.
 */
class OwedWakeTest {

    @Test
    void aDpcAndAWorkItemQueuedByTheIsrRunBeforeStopReturns() {
        AtomicInteger dpcs = new AtomicInteger();
        AtomicInteger workItems = new AtomicInteger();
        try (Rig rig = new Rig()) {
            Interrupt[] made = new Interrupt[2];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED)), d -> {
                made[0] = d.createInterrupt(InterruptConfig.builder((x, m) -> x.queueDpcForIsr() || true)
                        .name("with-dpc").dpc((x, o) -> dpcs.incrementAndGet()).build());
                made[1] = d.createInterrupt(InterruptConfig.builder((x, m) -> x.queueWorkItemForIsr() || true)
                        .name("with-work-item").passiveHandling(true).workItem((x, o) -> workItems.incrementAndGet()).build());
            });
            rig.host.start(rig.device);
            for (int n = 1; n <= 50; n++) {
                rig.source.fire(0);
                rig.source.fire(1);
                int want = n;
                Rig.await("ISRs " + n, () -> made[0].statistics().isrCalls() == want && made[1].statistics().isrCalls() == want);
                Rig.await("DPC and work item of ISRs " + n, () -> dpcs.get() == want && workItems.get() == want);
            }
            rig.source.fire(0);
            rig.source.fire(1);
            rig.host.stop(rig.device);
            assertThat(made[0].statistics().isrCalls() + made[1].statistics().isrCalls()).isEqualTo(102);
            assertThat(dpcs.get()).as("the last ISR's DPC ran before stop returned").isEqualTo(51);
            assertThat(workItems.get()).as("the last ISR's work item ran before stop returned").isEqualTo(51);
        }
    }

    /**
     * Two signals in one poll: the DPC queued by the first ISR runs while the second ISR still runs,
     * so its wake-up was sent between the two (not when the poll returned, which here would be
     * never: the second ISR waits for that DPC).
     */
    @Test
    void theDpcOfOneSignalWaitsForNoLaterIsrOfTheSamePoll() throws InterruptedException {
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch dpcRan = new CountDownLatch(1);
        AtomicInteger isr0Calls = new AtomicInteger();
        boolean[] sawDpc = new boolean[1];
        CountDownLatch secondDone = new CountDownLatch(1);
        try (Rig rig = new Rig()) {
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED)), d -> {
                d.createInterrupt(InterruptConfig.builder((x, m) -> {
                    if (isr0Calls.incrementAndGet() == 1) {
                        firstEntered.countDown();
                        await(gate); // holds the dispatch thread so that lines 0 and 1 are both pending at the next poll
                    } else {
                        x.queueDpcForIsr();
                    }
                    return true;
                }).name("first").dpc((x, o) -> dpcRan.countDown()).build());
                d.createInterrupt(InterruptConfig.builder((x, m) -> {
                    try {
                        sawDpc[0] = dpcRan.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    secondDone.countDown();
                    return true;
                }).name("second").build());
            });
            rig.host.start(rig.device);
            rig.source.fire(0);
            assertThat(firstEntered.await(20, TimeUnit.SECONDS)).isTrue();
            rig.source.fire(0);
            rig.source.fire(1);
            gate.countDown();
            assertThat(secondDone.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sawDpc[0]).as("the first ISR's DPC ran while the second ISR of the same poll ran").isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
