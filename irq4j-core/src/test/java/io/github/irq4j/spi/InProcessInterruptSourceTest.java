package io.github.irq4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.spi.InProcessInterruptSource.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessInterruptSourceTest {

    record Signal(int message, long count) {
    }

    private final List<Signal> signals = new ArrayList<>();
    private final SignalHandler record = (m, c) -> signals.add(new Signal(m, c));

    private static InProcessInterruptSource controller(int messages) {
        return new InProcessInterruptSource("pic", messages, Option.SERVICE_UNTIL_ACKNOWLEDGE, Option.DROP_EDGES_WHILE_DISCONNECTED);
    }

    // ------------------------------------------------------------------ plain source

    @Test
    void plainEdgesFiredWhileDisconnectedStayPendingForTheNextConnection() {
        InProcessInterruptSource s = new InProcessInterruptSource("s", 1);
        s.fire(0);
        s.fire(0, 2);
        assertThat(s.lostSignals(0)).isZero();
        assertThat(s.pendingEdges(0)).isEqualTo(3);
        s.connect();
        assertThat(s.poll(record)).isEqualTo(1);
        assertThat(signals).containsExactly(new Signal(0, 3));
    }

    @Test
    void plainSourceSignalsAgainBeforeTheAcknowledge() {
        InProcessInterruptSource s = new InProcessInterruptSource("s", 1);
        s.connect();
        s.fire(0);
        assertThat(s.poll(record)).isEqualTo(1);
        s.fire(0);
        assertThat(s.poll(record)).as("no service state").isEqualTo(1);
    }

    @Test
    void plainLevelLineSignalsOnceThenAfterEachAcknowledgeWhileAsserted() {
        InProcessInterruptSource s = new InProcessInterruptSource("s", 1);
        s.connect();
        s.assertLine(0);
        assertThat(s.poll(record)).isEqualTo(1);
        assertThat(s.poll(record)).isZero();
        s.acknowledge(0, false);
        assertThat(s.poll(record)).isEqualTo(1);
        s.deassertLine(0);
        s.acknowledge(0, true);
        assertThat(s.poll(record)).isZero();
        assertThat(s.isAsserted(0)).isFalse();
    }

    @Test
    void optionsAreReportedAndNullsRejected() {
        assertThat(new InProcessInterruptSource("s", 1).has(Option.SERVICE_UNTIL_ACKNOWLEDGE)).isFalse();
        InProcessInterruptSource c = controller(1);
        assertThat(c.has(Option.SERVICE_UNTIL_ACKNOWLEDGE)).isTrue();
        assertThat(c.has(Option.DROP_EDGES_WHILE_DISCONNECTED)).isTrue();
        assertThat(c.toString()).contains("SERVICE_UNTIL_ACKNOWLEDGE", "DROP_EDGES_WHILE_DISCONNECTED");
        assertThatThrownBy(() -> new InProcessInterruptSource("s", 1, (Option) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InProcessInterruptSource("s", 0)).hasMessageContaining("expected: >= 1");
    }

    // ------------------------------------------------------------------ controller rules

    @Test
    void aSignalIsInServiceUntilItsAcknowledge() {
        InProcessInterruptSource c = controller(2);
        c.connect();
        c.fire(0);
        assertThat(c.poll(record)).isEqualTo(1);
        c.fire(0);
        c.fire(0);
        assertThat(c.hasPendingSignals()).isFalse();
        assertThat(c.poll(record)).as("in service").isZero();
        assertThat(c.pendingEdges(0)).isEqualTo(2);
        c.acknowledge(0, true);
        assertThat(c.poll(record)).isEqualTo(1);
        assertThat(signals).containsExactly(new Signal(0, 1), new Signal(0, 2));
    }

    @Test
    void aLevelLineIsNotResignalledWhileInServiceAndIsAfterwardsWhileAsserted() {
        InProcessInterruptSource c = controller(1);
        c.connect();
        assertThat(c.addAssertion(0)).isTrue();
        assertThat(c.poll(record)).isEqualTo(1);
        c.removeAssertion(0);
        c.addAssertion(0);
        assertThat(c.poll(record)).as("still in service").isZero();
        c.acknowledge(0, false);
        assertThat(c.poll(record)).isEqualTo(1);
        c.removeAssertion(0);
        c.acknowledge(0, true);
        assertThat(c.poll(record)).isZero();
    }

    @Test
    void closedWhileDisconnectedDropsAndCountsEdgesButKeepsThosePendingAtTheDisconnect() {
        InProcessInterruptSource c = controller(1);
        c.fire(0, 2);
        assertThat(c.lostSignals(0)).isEqualTo(2);
        c.connect();
        c.fire(0);
        c.disconnect();
        assertThat(c.hasPendingSignals()).as("closed").isFalse();
        assertThat(c.poll(record)).as("closed").isZero();
        c.fire(0);
        assertThat(c.lostSignals(0)).isEqualTo(3);
        c.connect();
        assertThat(c.poll(record)).isEqualTo(1);
        assertThat(signals).containsExactly(new Signal(0, 1));
    }

    @Test
    void connectingEndsEveryService() {
        InProcessInterruptSource c = controller(1);
        c.connect();
        c.addAssertion(0);
        assertThat(c.poll(record)).isEqualTo(1);
        c.disconnect();
        c.connect();
        assertThat(c.poll(record)).isEqualTo(1);
    }

    @Test
    void wiredOrLineIsAssertedWhileAnyInputIs() {
        InProcessInterruptSource c = controller(1);
        assertThat(c.addAssertion(0)).isTrue();
        assertThat(c.addAssertion(0)).isFalse();
        assertThat(c.removeAssertion(0)).isFalse();
        assertThat(c.isAsserted(0)).isTrue();
        assertThat(c.removeAssertion(0)).isTrue();
        assertThat(c.isAsserted(0)).isFalse();
    }

    @Test
    void aSignalTakenInThePollWaitsForTheNextPollWhenTheHandlerRaisesIt() {
        InProcessInterruptSource c = controller(2);
        c.connect();
        c.fire(0);
        assertThat(c.poll((m, n) -> {
            record.onSignal(m, n);
            c.fire(1);
        })).isEqualTo(1);
        assertThat(c.poll(record)).isEqualTo(1);
        assertThat(signals).containsExactly(new Signal(0, 1), new Signal(1, 1));
    }

    @Test
    void aThrowingHandlerPutsBackTheSignalItThrewOnAndTheRest() {
        InProcessInterruptSource c = controller(3);
        c.connect();
        c.fire(0);
        c.addAssertion(1);
        c.fire(2, 2);
        int[] calls = {0};
        assertThatThrownBy(() -> c.poll((m, n) -> {
            if (calls[0]++ == 1) {
                throw new IllegalStateException("boom");
            }
        })).hasMessage("boom");
        assertThat(c.poll(record)).as("line 0 stays in service; 1 and 2 went back").isEqualTo(2);
        assertThat(signals).containsExactly(new Signal(1, 1), new Signal(2, 2));
    }

    @Test
    void plainSourcePutsBackALevelSignalTheHandlerThrewOn() {
        InProcessInterruptSource s = new InProcessInterruptSource("s", 1);
        s.connect();
        s.assertLine(0);
        assertThatThrownBy(() -> s.poll((m, n) -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(s.poll(record)).isEqualTo(1);
    }

    @Test
    void maskHoldsSignalsAndUnmaskDeliversThem() {
        InProcessInterruptSource c = controller(1);
        c.connect();
        c.mask(0);
        c.fire(0);
        assertThat(c.poll(record)).isZero();
        c.unmask(0);
        assertThat(c.poll(record)).isEqualTo(1);
    }

    @Test
    void awaitParksUntilAnotherThreadAsserts() throws Exception {
        InProcessInterruptSource c = controller(1);
        c.connect();
        CountDownLatch returned = new CountDownLatch(1);
        Thread dispatcher = new Thread(() -> {
            while (!c.hasPendingSignals()) {
                c.await(-1);
            }
            returned.countDown();
        });
        dispatcher.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dispatcher.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(returned.getCount()).isEqualTo(1);
        c.addAssertion(0);
        assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
        dispatcher.join();
    }

    @Test
    void edgesFromManyThreadsAreCountedExactlyWithServiceAndAcknowledge() throws Exception {
        InProcessInterruptSource c = controller(1);
        c.connect();
        int threads = 4;
        int perThread = 20_000;
        long[] total = {0};
        SignalHandler ack = (m, n) -> {
            total[0] += n;
            c.acknowledge(m, true);
        };
        Thread[] firers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            firers[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    c.fire(0);
                }
            });
            firers[t].start();
        }
        for (Thread f : firers) {
            while (f.isAlive()) {
                c.poll(ack);
            }
        }
        c.poll(ack);
        assertThat(total[0]).isEqualTo((long) threads * perThread);
        assertThat(c.lostSignals(0)).isZero();
    }
}
