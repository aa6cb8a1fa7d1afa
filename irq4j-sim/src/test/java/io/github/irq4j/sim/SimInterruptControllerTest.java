package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.ShareDisposition;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimInterruptControllerTest {

    private final SimInterruptController pic =
            new SimInterruptController("pic", LineMode.EDGE, LineMode.LEVEL, LineMode.MSI, LineMode.LEVEL);
    private final RecordingHandler handler = new RecordingHandler(pic);

    @Test
    void edgesBeforeDispatchMergeIntoOneSignalWithTheirCount() {
        pic.connect();
        pic.raiseEdge(0);
        pic.raiseEdge(0);
        pic.raiseEdge(0);

        assertThat(pic.poll(handler)).isEqualTo(1);
        assertThat(handler.signals).containsExactly(new RecordingHandler.Signal(0, 3));
        LineStatistics s = pic.statistics(0);
        assertThat(s.edges()).isEqualTo(3);
        assertThat(s.signals()).isEqualTo(1);
        assertThat(s.merged()).isEqualTo(2);
        assertThat(s.claimed()).isEqualTo(1);
        assertThat(s.lost()).isZero();
        assertThat(pic.poll(handler)).isZero();
    }

    @Test
    void edgesDuringServiceAreLatchedAndDeliveredAfterAcknowledge() {
        pic.connect();
        handler.acknowledge = false;
        pic.raiseEdge(0);
        assertThat(pic.poll(handler)).isEqualTo(1);
        pic.raiseEdge(0);
        pic.raiseEdge(0);
        assertThat(pic.poll(handler)).as("in service until acknowledged").isZero();
        assertThat(pic.statistics(0).pendingEdges()).isEqualTo(2);

        pic.acknowledge(0, true);
        assertThat(pic.poll(handler)).isEqualTo(1);
        assertThat(handler.signals).containsExactly(new RecordingHandler.Signal(0, 1), new RecordingHandler.Signal(0, 2));
        assertThat(pic.statistics(0).merged()).isEqualTo(1);
    }

    @Test
    void edgesWhileClosedAreDroppedAndCountedAsLost() {
        pic.raiseEdge(2);
        pic.raiseEdge(2);
        assertThat(pic.lostSignals(2)).isEqualTo(2);
        pic.connect();
        assertThat(pic.poll(handler)).isZero();
        pic.raiseEdge(2);
        assertThat(pic.poll(handler)).isEqualTo(1);
        pic.disconnect();
        pic.raiseEdge(2);
        assertThat(pic.lostSignals(2)).isEqualTo(3);
        assertThat(pic.statistics(2).edges()).isEqualTo(4);
    }

    @Test
    void levelLineResignalsAfterAcknowledgeWhileStillAsserted() {
        pic.connect();
        LevelOutput out = pic.levelOutput(1);
        out.set(true);
        handler.claim = false;

        for (int i = 0; i < 5; i++) {
            assertThat(pic.poll(handler)).isEqualTo(1);
        }
        assertThat(handler.signals).allMatch(s -> s.message() == 1 && s.count() == 1).hasSize(5);
        LineStatistics s = pic.statistics(1);
        assertThat(s.unclaimed()).isEqualTo(5);
        assertThat(s.resignals()).isEqualTo(5);
        assertThat(s.assertions()).isEqualTo(1);

        out.set(false);
        assertThat(pic.poll(handler)).isZero();
        assertThat(pic.hasPendingSignals()).isFalse();
    }

    @Test
    void levelLineIsNotResignalledWhileInService() {
        pic.connect();
        handler.acknowledge = false;
        pic.levelOutput(1).set(true);
        assertThat(pic.poll(handler)).isEqualTo(1);
        assertThat(pic.poll(handler)).isZero();
        pic.acknowledge(1, true);
        assertThat(pic.poll(handler)).isEqualTo(1);
    }

    @Test
    void sharedLevelLineIsWiredOr() {
        pic.connect();
        LevelOutput a = pic.levelOutput(3);
        LevelOutput b = pic.levelOutput(3);
        a.set(true);
        b.set(true);
        a.set(false);
        assertThat(pic.isAsserted(3)).isTrue();
        assertThat(pic.poll(handler)).isEqualTo(1);
        b.set(false);
        assertThat(pic.isAsserted(3)).isFalse();
        assertThat(pic.poll(handler)).isZero();
        assertThat(pic.statistics(3).assertions()).isEqualTo(1);
    }

    @Test
    void maskingHoldsSignalsUntilUnmask() {
        pic.connect();
        pic.mask(0);
        pic.mask(1);
        pic.raiseEdge(0);
        pic.raiseEdge(0);
        pic.levelOutput(1).set(true);
        assertThat(pic.poll(handler)).isZero();
        assertThat(pic.hasPendingSignals()).isFalse();
        assertThat(pic.isMasked(0)).isTrue();

        pic.unmask(0);
        assertThat(pic.poll(handler)).isEqualTo(1);
        assertThat(handler.signals).containsExactly(new RecordingHandler.Signal(0, 2));
        pic.unmask(1);
        assertThat(pic.poll(handler)).isEqualTo(1);
        assertThat(pic.statistics(0).lost()).isZero();
    }

    @Test
    void msiVectorsAreEdgesPerMessageAndMarkedMessageSignaled() {
        pic.connect();
        pic.raiseEdge(2);
        pic.raiseEdge(0);
        assertThat(pic.poll(handler)).isEqualTo(2);
        assertThat(handler.signals).containsExactly(new RecordingHandler.Signal(0, 1), new RecordingHandler.Signal(2, 1));

        InterruptResource msi = pic.resource("dev.msi", 2);
        assertThat(msi.messageSignaled()).isTrue();
        assertThat(msi.mode()).isEqualTo(InterruptMode.LATCHED);
        assertThat(pic.resource("dev.irq", 1).mode()).isEqualTo(InterruptMode.LEVEL_SENSITIVE);
        assertThat(pic.sharedResource("dev.irq", 3).shareDisposition()).isEqualTo(ShareDisposition.SHARED);
        assertThatThrownBy(() -> pic.sharedResource("dev.msi", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSI vector, which is never shared");
    }

    @Test
    void wrongKindOfSignalIsRejectedWithTheFix() {
        assertThatThrownBy(() -> pic.raiseEdge(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("levelOutput(1)");
        assertThatThrownBy(() -> pic.levelOutput(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raiseEdge(0)");
        assertThatThrownBy(() -> pic.raiseEdge(4))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("0 <= line < 4");
        assertThatThrownBy(() -> SimInterruptController.of("x", 0, LineMode.EDGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 <= lines <= 1024");
    }

    @Test
    void aThrowingHandlerPutsUndeliveredSignalsBack() {
        pic.connect();
        pic.raiseEdge(0);
        pic.raiseEdge(2);
        pic.raiseEdge(2);
        assertThatThrownBy(() -> pic.poll((m, c) -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        // The signal being handled when the handler threw, and those after it, go back to pending.
        assertThat(pic.poll(handler)).isEqualTo(2);
        assertThat(handler.signals).containsExactly(new RecordingHandler.Signal(0, 1), new RecordingHandler.Signal(2, 2));
        assertThat(pic.statistics(2).signals()).isEqualTo(1);
    }

    @Test
    void awaitParksUntilASignalArrivesFromAnotherThread() throws Exception {
        pic.connect();
        CountDownLatch returned = new CountDownLatch(1);
        Thread dispatcher = new Thread(() -> {
            pic.await(-1);
            returned.countDown();
        });
        dispatcher.start();
        waitUntilParked(dispatcher);
        assertThat(returned.getCount()).isEqualTo(1);
        pic.levelOutput(1).set(true);
        assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.join();
    }

    @Test
    void wakeupEndsTheCurrentOrNextAwait() throws Exception {
        pic.connect();
        pic.wakeup();
        pic.await(-1); // returns at once: the wakeup was pending

        CountDownLatch returned = new CountDownLatch(1);
        Thread dispatcher = new Thread(() -> {
            pic.await(-1);
            returned.countDown();
        });
        dispatcher.start();
        waitUntilParked(dispatcher);
        pic.wakeup();
        assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.join();
    }

    @Test
    void signallingFromManyThreadsLosesNoEdge() throws Exception {
        SimInterruptController p = SimInterruptController.of("p", 1, LineMode.EDGE);
        p.connect();
        RecordingHandler h = new RecordingHandler(p);
        int threads = 4;
        int perThread = 20_000;
        Thread[] raisers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            raisers[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    p.raiseEdge(0);
                }
            });
            raisers[t].start();
        }
        boolean alive = true;
        while (alive) {
            p.poll(h);
            alive = false;
            for (Thread r : raisers) {
                alive |= r.isAlive();
            }
        }
        p.poll(h);
        long total = h.signals.stream().mapToLong(RecordingHandler.Signal::count).sum();
        assertThat(total).isEqualTo((long) threads * perThread);
        LineStatistics s = p.statistics(0);
        assertThat(s.signals() + s.merged()).isEqualTo(s.edges());
    }

    private static void waitUntilParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(t.getState()).isEqualTo(Thread.State.WAITING);
    }
}
