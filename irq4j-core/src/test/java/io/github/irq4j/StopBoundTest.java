package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SPEC 4.2: stop() and close() end by the host's stop timeout; what still runs is reported with its
 * stack; a lock whose holder died is reported and released. The tests assert that the calls return
 * at all (within a generous bound far above the stop timeout), never how fast.
 */
class StopBoundTest {

    /** Far above the 300 ms stop timeout: only a hang exceeds it. */
    private static final long RETURNS_WITHIN_S = 30;

    private static Host.Builder bounded() {
        return Host.builder().stopTimeout(Duration.ofMillis(300)).restartPolicy(new RestartPolicy(false, 0));
    }

    /** Runs {@code action} on its own thread and fails if it has not returned after {@link #RETURNS_WITHIN_S}. */
    private static void returns(String what, Runnable action) throws InterruptedException {
        Thread t = new Thread(action, "test-" + what);
        t.setDaemon(true);
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(RETURNS_WITHIN_S));
        assertThat(t.isAlive()).as(what + " returned (it hangs: " + Arrays.toString(t.getStackTrace()) + ")").isFalse();
    }

    private static boolean stackNames(Throwable t, String method) {
        return t != null && Arrays.stream(t.getStackTrace()).anyMatch(e -> e.getClassName().equals(StopBoundTest.class.getName())
                && e.getMethodName().contains(method));
    }

    /** A callback stuck until {@code release}, deaf to interrupts (as one stuck in native code is). */
    private static void block(CountDownLatch running, CountDownLatch release) {
        running.countDown();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (release.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                release.await(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDpcThatDoesNotReturnIsReportedWithItsStackAndStopAndCloseReturn() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Rig rig = new Rig(bounded(), 4);
        try {
            rig.startOne(InterruptConfig.builder((i, m) -> i.queueDpcForIsr()).name("irq-d")
                    .dpc((i, o) -> block(running, release)));
            rig.source.fire(0);
            assertThat(running.await(RETURNS_WITHIN_S, TimeUnit.SECONDS)).isTrue();
            returns("stop", () -> rig.host.stop(rig.device));
            assertThat(rig.device.state()).isEqualTo(DeviceState.STOPPED);
            assertThat(rig.host.faults()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Fault.Kind.STOP_TIMEOUT);
                assertThat(f.where()).isEqualTo("irq-d DPC");
                assertThat(f.message()).contains("irq4j-dpc");
                assertThat(stackNames(f.cause(), "block")).as("the DPC thread's stack").isTrue();
            });
            returns("close", rig.host::close);
            assertThat(rig.host.faults()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Fault.Kind.STOP_TIMEOUT);
                assertThat(f.message()).contains("framework thread 'irq4j-dpc'");
            });
        } finally {
            release.countDown();
            rig.host.close();
        }
    }

    @Test
    void anIsrThatDoesNotReturnIsReportedWithTheDispatchThreadsStackAndStopReturns() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Rig rig = new Rig(bounded(), 4);
        try {
            rig.startOne(InterruptConfig.builder((i, m) -> {
                block(running, release);
                return true;
            }).name("irq-s"));
            rig.source.fire(0);
            assertThat(running.await(RETURNS_WITHIN_S, TimeUnit.SECONDS)).isTrue();
            returns("stop", () -> rig.host.stop(rig.device));
            assertThat(rig.host.faults()).filteredOn(f -> f.kind() == Fault.Kind.STOP_TIMEOUT)
                    .anySatisfy(f -> assertThat(stackNames(f.cause(), "block")).as("the dispatch thread's stack").isTrue())
                    .anySatisfy(f -> assertThat(f.message()).contains("irq4j-isr-test-src").contains("abandoned"));
            returns("close", rig.host::close);
        } finally {
            release.countDown();
            rig.host.close();
        }
    }

    @Test
    void aThreadThatEndsHoldingTheInterruptLockIsReportedAndStopReturns() throws InterruptedException {
        AtomicInteger isrRuns = new AtomicInteger();
        try (Rig rig = new Rig(bounded().verifierMode(VerifierMode.REPORT), 4)) {
            Interrupt irq = rig.startOne(InterruptConfig.builder((i, m) -> {
                isrRuns.incrementAndGet();
                return true;
            }).name("irq-l"));
            Thread holder = new Thread(irq::acquireLock, "lock-leaker");
            holder.start();
            holder.join(TimeUnit.SECONDS.toMillis(RETURNS_WITHIN_S));
            assertThat(holder.isAlive()).isFalse();
            rig.source.fire(0); // the dispatch thread now waits for the dead thread's lock

            returns("stop", () -> rig.host.stop(rig.device));
            assertThat(rig.host.violations()).anySatisfy(v -> {
                assertThat(v.rule()).isEqualTo(Rule.WDF_INTERRUPT_LOCK_RELEASE);
                assertThat(v.message()).contains("'lock-leaker' ended holding the interrupt lock of 'irq-l'");
            });
            assertThat(rig.host.faults()).anyMatch(f -> f.kind() == Fault.Kind.VIOLATION && f.message().contains("lock-leaker"));

            // The lock is free again: the device starts and its interrupts run.
            rig.host.start(rig.device);
            int before = isrRuns.get();
            rig.source.fire(0);
            Rig.await("an ISR after the restart", () -> isrRuns.get() > before);
        }
    }

    @Test
    void theStopTimeoutIsChecked() {
        assertThatThrownBy(() -> Host.builder().stopTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stopTimeout: PT0S");
        assertThat(List.of(Host.builder().stopTimeout(Duration.ofSeconds(1)))).hasSize(1);
    }
}
