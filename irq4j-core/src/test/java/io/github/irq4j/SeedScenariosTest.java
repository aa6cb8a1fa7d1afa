package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The scenarios the five WDF reference pages describe (docs/SPEC.md, "Where the contract comes from"). */
class SeedScenariosTest {

    /**
     * The {@code IWDFInterrupt::AcquireInterruptLock} page's deadlock: the ISR holds the interrupt
     * lock, sends I/O whose completion re-enters the driver on the same thread, and the driver's
     * dispatch routine calls acquireLock. Reported, not deadlocked.
     */
    @Test
    void seed000RecursiveAcquireFromTheIsrThreadIsReportedInsteadOfDeadlocking() {
        try (Rig rig = Rig.withVerifier(VerifierMode.REPORT)) {
            AtomicBoolean isrReturned = new AtomicBoolean();
            Interrupt[] self = new Interrupt[1];
            Runnable ioDispatchRoutine = () -> {
                self[0].acquireLock();      // the deadlock the AcquireInterruptLock page describes
                self[0].releaseLock();
            };
            self[0] = rig.startOne(InterruptConfig.builder((i, m) -> {
                ioDispatchRoutine.run();    // "completion ... sends a request to the UMDF driver"
                isrReturned.set(true);
                return true;
            }).name("umdf0").passiveHandling(true));
            rig.source.fire(0);
            Rig.await("the ISR returned", isrReturned::get);
            assertThat(rig.host.violations()).extracting(Violation::rule)
                    .contains(Rule.WDF_INTERRUPT_LOCK);
            assertThat(rig.host.violations().get(0).message()).contains("already held by this thread (ISR of 'umdf0')");
        }
    }

    /** The {@code WdfInterruptTryToAcquireLock} page: it returns false at once while another thread holds the lock. */
    @Test
    void seed001TryToAcquireReturnsFalseAtOnceWhileAnotherThreadHoldsTheLock() throws Exception {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).passiveHandling(true));
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                i.acquireLock();
                try {
                    held.countDown();
                    letGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    i.releaseLock();
                }
            });
            holder.start();
            assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(i.tryToAcquireLock()).isFalse();
            letGo.countDown();
            holder.join();
            assertThat(i.tryToAcquireLock()).isTrue();
            i.releaseLock();
        }
    }

    /** The {@code WdfInterruptTryToAcquireLock} page: ... and while the ISR holds it. */
    @Test
    void seed001TryToAcquireReturnsFalseWhileTheIsrRuns() throws Exception {
        try (Rig rig = new Rig()) {
            CountDownLatch inIsr = new CountDownLatch(1);
            CountDownLatch leaveIsr = new CountDownLatch(1);
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> {
                inIsr.countDown();
                try {
                    leaveIsr.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }).passiveHandling(true));
            rig.source.fire(0);
            assertThat(inIsr.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(i.tryToAcquireLock()).isFalse();
            leaveIsr.countDown();
            Rig.await("ISR finished", () -> i.statistics().claimed() == 1);
            assertThat(i.tryToAcquireLock()).isTrue();
            i.releaseLock();
        }
    }

    /** The {@code WdfInterruptTryToAcquireLock} page's example: EvtIoRead tries the lock, else hands the request to a work item that blocks on it. */
    @Test
    void seed001ReadFallsBackToAWorkItemThatAcquiresTheLock() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicReference<String> request = new AtomicReference<>();
            AtomicReference<String> completedBy = new AtomicReference<>();
            CountDownLatch inIsr = new CountDownLatch(1);
            CountDownLatch leaveIsr = new CountDownLatch(1);
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> {
                inIsr.countDown();
                try {
                    leaveIsr.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }).passiveHandling(true).workItem((x, o) -> {
                x.acquireLock();
                try {
                    completedBy.set("work item: " + request.get());
                } finally {
                    x.releaseLock();
                }
            }));
            rig.source.fire(0);
            assertThat(inIsr.await(20, TimeUnit.SECONDS)).isTrue();
            // EvtIoRead in an arbitrary thread:
            request.set("read#1");
            if (i.tryToAcquireLock()) {
                try {
                    completedBy.set("onRead");
                } finally {
                    i.releaseLock();
                }
            } else {
                i.queueWorkItemForIsr();
            }
            leaveIsr.countDown();
            Rig.await("request completed", () -> completedBy.get() != null);
            assertThat(completedBy.get()).isEqualTo("work item: read#1");
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    /** The {@code KeAcquireInterruptSpinLock} page: it returns the caller's old level; code under it runs at DIRQL. */
    @Test
    void seed004OldLevelComesBackThroughReleaseSpinLock() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicReference<Irql> oldInDpc = new AtomicReference<>();
            AtomicReference<Irql> underLock = new AtomicReference<>();
            AtomicReference<Irql> afterRelease = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Interrupt[] made = new Interrupt[1];
            rig.add("dev", java.util.List.of(rig.line(0, InterruptMode.LATCHED).withDirqlIndex(7)), d ->
                    made[0] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).dpc((x, o) -> {
                        Irql old = x.acquireSpinLock();
                        underLock.set(Irql.current());
                        x.releaseSpinLock(old);
                        oldInDpc.set(old);
                        afterRelease.set(Irql.current());
                        done.countDown();
                    }).build()));
            rig.host.start(rig.device);
            Irql old = made[0].acquireSpinLock();
            assertThat(old).isSameAs(Irql.PASSIVE);
            assertThat(Irql.current()).isEqualTo(Irql.dirql(7));
            made[0].releaseSpinLock(old);
            made[0].queueDpcForIsr();
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(oldInDpc.get()).isSameAs(Irql.DISPATCH);
            assertThat(underLock.get()).isEqualTo(Irql.dirql(7));
            assertThat(afterRelease.get()).isSameAs(Irql.DISPATCH);
            assertThat(made[0].synchronizeExecution(ctx -> Irql.current() == Irql.dirql(7) && ctx.equals("ctx"), "ctx")).isTrue();
        }
    }

    /** The {@code IWDFInterrupt} interface page: its ten methods on the UMDF 1 view. */
    @Test
    void seed003TheUmdf1ViewHasTheTenMethods() {
        try (Rig rig = new Rig()) {
            int[] runs = new int[1];
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).passiveHandling(true)
                    .workItem((x, o) -> runs[0]++));
            Umdf1Interrupt u = i.asUmdf1();
            assertThat(u.interrupt()).isSameAs(i);
            assertThat(u.getDevice()).isSameAs(rig.device);
            assertThat(u.getInfo().irql()).isSameAs(Irql.PASSIVE);
            u.acquireInterruptLock();
            u.releaseInterruptLock();
            assertThat(u.tryToAcquireInterruptLock()).isTrue();
            u.releaseInterruptLock();
            assertThat(u.queueWorkItemForIsr()).isTrue();
            Rig.await("work item ran", () -> runs[0] == 1);
            u.setPolicy(InterruptPolicy.ONE_CLOSE_PROCESSOR, InterruptPriority.HIGH, 0);
            u.setExtendedPolicy(new InterruptExtendedPolicy(InterruptPolicy.MACHINE_DEFAULT, InterruptPriority.LOW, 0, 0));
            assertThat(i.getInfo().policy().priority()).isEqualTo(InterruptPriority.LOW);
            u.disable();
            u.enable();
            assertThat(rig.host.violations()).isEmpty();
        }
        try (Rig rig = new Rig()) {
            Interrupt spin = rig.startOne(InterruptConfig.builder((x, m) -> true));
            org.assertj.core.api.Assertions.assertThatThrownBy(spin::asUmdf1)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("passive interrupts only");
        }
    }
}
