package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.irq4j.internal.ThreadState;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** SPEC 6: for every runtime rule, a use that breaks it and a legal use that does not. */
class VerifierRulesTest {

    private static InterruptConfig.Builder spin() {
        return InterruptConfig.builder((i, m) -> true).name("uart0");
    }

    private static InterruptConfig.Builder passive() {
        return InterruptConfig.builder((i, m) -> true).name("uart0").passiveHandling(true);
    }

    // ------------------------------------------------------------ WdfInterruptLock

    @Test
    void recursiveAcquireIsAViolationNamingWhereTheLockWasTaken() {
        try (Rig rig = new Rig(Host.builder().captureAcquireSites(true), 2)) {
            Interrupt i = rig.startOne(spin());
            i.acquireLock();
            try {
                VerifierViolation v = catchThrowableOfType(VerifierViolation.class, i::acquireLock);
                assertThat(v.rule()).isEqualTo(Rule.WDF_INTERRUPT_LOCK);
                assertThat(v.violation().interrupt()).isEqualTo("uart0");
                assertThat(v.violation().thread()).isEqualTo(Thread.currentThread().getName());
                assertThat(v.violation().currentIrql()).isEqualTo(Irql.dirql(0));
                assertThat(v.violation().acquiredAt()).startsWith("VerifierRulesTest.java:");
                assertThat(v).hasMessageStartingWith("WdfInterruptLock: acquireLock() on 'uart0' already held by this thread (VerifierRulesTest.java:")
                        .hasMessageContaining("call releaseLock() first");
            } finally {
                i.releaseLock();
            }
            assertThat(rig.host.violations()).hasSize(1);
        }
    }

    @Test
    void releaseWithoutAcquireIsAViolation() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(spin());
            VerifierViolation v = catchThrowableOfType(VerifierViolation.class, i::releaseLock);
            assertThat(v.rule()).isEqualTo(Rule.WDF_INTERRUPT_LOCK);
            assertThat(v).hasMessageContaining("without acquireLock()");
        }
    }

    @Test
    void strictAlternationIsLegal() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(spin());
            for (int n = 0; n < 3; n++) {
                i.acquireLock();
                i.releaseLock();
            }
            try (InterruptLockScope held = i.acquireLockScope()) {
                assertThat(Irql.current().isDirql()).isTrue();
            }
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    // ------------------------------------------------------------ WdfInterruptLockRelease

    @Test
    void aWorkItemReturningWithTheLockHeldIsReportedAndTheLockIsFreedForTheIsr() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).name("uart0").passiveHandling(true)
                    .workItem((x, o) -> x.acquireLock())); // and forget to release
            i.queueWorkItemForIsr();
            Rig.await("violation reported", () -> !rig.host.violations().isEmpty());
            Violation v = rig.host.violations().get(0);
            assertThat(v.rule()).isEqualTo(Rule.WDF_INTERRUPT_LOCK_RELEASE);
            assertThat(v.message()).contains("uart0 work item returned holding the interrupt lock of 'uart0'");
            // the fault log records the VIOLATION fault after the verifier recorded the violation
            Rig.await("the VIOLATION fault", () -> rig.host.faults().stream().anyMatch(f -> f.kind() == Fault.Kind.VIOLATION));
            // The framework released it, then failed the device per the default policy.
            Rig.await("device failed per policy", () -> rig.device.state() == DeviceState.FAILED);
        }
    }

    @Test
    void aCallbackThatReleasesInFinallyIsLegal() {
        try (Rig rig = new Rig()) {
            CountDownLatch ran = new CountDownLatch(1);
            Interrupt i = rig.startOne(passive().workItem((x, o) -> {
                x.acquireLock();
                try {
                    assertThat(Irql.current()).isSameAs(Irql.PASSIVE);
                } finally {
                    x.releaseLock();
                }
                ran.countDown();
            }));
            i.queueWorkItemForIsr();
            Rig.await("work item ran", () -> ran.getCount() == 0);
            i.disable();
            assertThat(rig.host.violations()).isEmpty();
            assertThat(rig.host.faults()).isEmpty();
        }
    }

    // ------------------------------------------------------------ InterruptLockNotEnabled

    @Test
    void lockBeforeEnableAndAfterDisableAreViolations() {
        try (Rig rig = new Rig()) {
            Interrupt[] made = new Interrupt[1];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED)), d -> made[0] = d.createInterrupt(passive().build()));
            Interrupt i = made[0];
            VerifierViolation before = catchThrowableOfType(VerifierViolation.class, i::acquireLock);
            assertThat(before.rule()).isEqualTo(Rule.INTERRUPT_LOCK_NOT_ENABLED);
            assertThat(before).hasMessageContaining("before the interrupt was enabled");
            assertThat(catchThrowableOfType(VerifierViolation.class, i::tryToAcquireLock).rule())
                    .isEqualTo(Rule.INTERRUPT_LOCK_NOT_ENABLED);

            rig.host.start(rig.device);
            i.acquireLock(); // legal while enabled
            i.releaseLock();

            i.disable();
            VerifierViolation after = catchThrowableOfType(VerifierViolation.class, i::acquireLock);
            assertThat(after.rule()).isEqualTo(Rule.INTERRUPT_LOCK_NOT_ENABLED);
            assertThat(after).hasMessageContaining("after the interrupt was disabled");
            i.enable();
            assertThat(i.tryToAcquireLock()).isTrue();
            i.releaseLock();
        }
    }

    // ------------------------------------------------------------ InterruptLockArbitraryThread

    @Test
    void acquireLockOnAPassiveInterruptInAnArbitraryThreadCallbackIsAViolation() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(passive());
            ThreadState ts = ThreadState.current();
            ts.enterArbitrary();
            try {
                VerifierViolation v = catchThrowableOfType(VerifierViolation.class, i::acquireLock);
                assertThat(v.rule()).isEqualTo(Rule.INTERRUPT_LOCK_ARBITRARY_THREAD);
                assertThat(v).hasMessageContaining("use tryToAcquireLock()");
                // The way of the WdfInterruptTryToAcquireLock page's example is legal there.
                assertThat(i.tryToAcquireLock()).isTrue();
                i.releaseLock();
            } finally {
                ts.exitArbitrary();
            }
        }
    }

    @Test
    void acquireLockOnASpinLockInterruptInAnArbitraryThreadCallbackIsLegal() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(spin());
            ThreadState ts = ThreadState.current();
            ts.enterArbitrary();
            try {
                i.acquireLock();
                i.releaseLock();
            } finally {
                ts.exitArbitrary();
            }
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    // ------------------------------------------------------------ InterruptTryLockPassiveOnly

    @Test
    void tryToAcquireLockOnASpinLockInterruptIsAViolationAndReturnsFalseInReportMode() {
        try (Rig rig = Rig.withVerifier(VerifierMode.THROW)) {
            Interrupt i = rig.startOne(spin());
            assertThat(catchThrowableOfType(VerifierViolation.class, i::tryToAcquireLock).rule())
                    .isEqualTo(Rule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY);
        }
        try (Rig rig = Rig.withVerifier(VerifierMode.REPORT)) {
            Interrupt i = rig.startOne(spin());
            assertThat(i.tryToAcquireLock()).isFalse();
            assertThat(rig.host.violations()).extracting(Violation::rule).containsExactly(Rule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY);
        }
    }

    @Test
    void tryToAcquireLockOnAPassiveInterruptIsLegal() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(passive());
            assertThat(i.tryToAcquireLock()).isTrue();
            assertThat(i.tryToAcquireLock()).as("the holder retrying gets false").isFalse();
            i.releaseLock();
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    // ------------------------------------------------------------ InterruptSpinLockPassive

    @Test
    void acquireSpinLockOnAPassiveInterruptIsABugCheckThatStopsTheDeviceNotTheJvm() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(passive());
            BugCheckException e = catchThrowableOfType(BugCheckException.class, i::acquireSpinLock);
            assertThat(e.code()).isEqualTo(BugCheckCode.INTERRUPT_SPIN_LOCK_ON_PASSIVE_INTERRUPT);
            assertThat(e.device()).isEqualTo("dev");
            assertThat(e).hasMessageContaining("InterruptSpinLockPassive");
            Rig.await("device stopped", () -> rig.device.state() == DeviceState.FAILED);
            assertThat(rig.host.faults()).anyMatch(f -> f.kind() == Fault.Kind.BUG_CHECK);
        }
    }

    @Test
    void releaseSpinLockWithAnotherLevelIsAViolationAndTheReturnedLevelIsRestored() {
        try (Rig rig = Rig.withVerifier(VerifierMode.REPORT)) {
            Interrupt i = rig.startOne(spin());
            Irql old = i.acquireSpinLock();
            assertThat(old).isSameAs(Irql.PASSIVE);
            i.releaseSpinLock(Irql.DISPATCH);
            assertThat(rig.host.violations()).extracting(Violation::rule).containsExactly(Rule.INTERRUPT_SPIN_LOCK_PASSIVE);
            assertThat(Irql.current()).isSameAs(Irql.PASSIVE);
        }
    }

    @Test
    void releaseSpinLockWithAnotherLevelInThrowModeThrowsWithTheLockReleasedAndTheLevelRestored() {
        try (Rig rig = Rig.withVerifier(VerifierMode.THROW)) {
            Interrupt i = rig.startOne(spin());
            Irql old = i.acquireSpinLock();
            assertThatThrownBy(() -> i.releaseSpinLock(Irql.DISPATCH)).isInstanceOf(VerifierViolation.class)
                    .hasMessageContaining("InterruptSpinLockPassive").hasMessageContaining("the returned level is restored");
            assertThat(Irql.current()).isSameAs(old);
            // Released: taking it again is no recursion, and its release is clean.
            Irql again = i.acquireSpinLock();
            i.releaseSpinLock(again);
            assertThat(Irql.current()).isSameAs(old);
            assertThat(rig.host.violations()).extracting(Violation::rule).containsExactly(Rule.INTERRUPT_SPIN_LOCK_PASSIVE);
        }
    }

    @Test
    void spinLockPairingIsLegal() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(spin());
            Irql old = i.acquireSpinLock();
            assertThat(Irql.current()).isEqualTo(Irql.dirql(0));
            i.releaseSpinLock(old);
            assertThat(Irql.current()).isSameAs(old);
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    // ------------------------------------------------------------ IrqlTooHigh

    @Test
    void takingAPassiveLockAtDispatchIsIrqlTooHigh() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicReference<Throwable> seen = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Interrupt[] made = new Interrupt[2];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED)), d -> {
                made[0] = d.createInterrupt(passive().name("passive0").build());
                made[1] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).name("spin1").dpc((x, o) -> {
                    try {
                        made[0].acquireLock();
                    } catch (Throwable t) {
                        seen.set(t);
                    } finally {
                        done.countDown();
                    }
                }).build());
            });
            rig.host.start(rig.device);
            made[1].queueDpcForIsr();
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(seen.get()).isInstanceOf(VerifierViolation.class);
            VerifierViolation v = (VerifierViolation) seen.get();
            assertThat(v.rule()).isEqualTo(Rule.IRQL_TOO_HIGH);
            assertThat(v.violation().currentIrql()).isSameAs(Irql.DISPATCH);
            assertThat(v.violation().requiredIrql()).isSameAs(Irql.PASSIVE);
        }
    }

    @Test
    void enableAtDispatchIsIrqlTooHighButASpinLockFromADpcIsLegal() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicReference<Throwable> enableFailure = new AtomicReference<>();
            AtomicReference<Irql> inLock = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Interrupt i = rig.startOne(spin().dpc((x, o) -> {
                x.acquireLock();
                try {
                    inLock.set(Irql.current());
                } finally {
                    x.releaseLock();
                }
                try {
                    x.enable();
                } catch (Throwable t) {
                    enableFailure.set(t);
                }
                done.countDown();
            }));
            i.queueDpcForIsr();
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(inLock.get()).isEqualTo(Irql.dirql(0));
            assertThat(((VerifierViolation) enableFailure.get()).rule()).isEqualTo(Rule.IRQL_TOO_HIGH);
        }
    }

    // ------------------------------------------------------------ modes

    @Test
    void offModeChecksNothing() {
        try (Rig rig = Rig.withVerifier(VerifierMode.OFF)) {
            Interrupt i = rig.startOne(spin());
            i.releaseLock(); // unchecked; no report
            assertThat(rig.host.violations()).isEmpty();
            assertThat(rig.host.verifierMode()).isEqualTo(VerifierMode.OFF);
        }
    }

    @Test
    void listenerSeesEveryViolation() {
        List<Violation> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.REPORT).verifierListener(heard::add), 2)) {
            Interrupt i = rig.startOne(spin());
            i.releaseLock();
            assertThat(heard).hasSize(1).first().extracting(Violation::rule).isEqualTo(Rule.WDF_INTERRUPT_LOCK);
        }
    }

    @Test
    void byDefaultTheSiteIsTheCallbackThatTookTheLock() {
        try (Rig rig = new Rig()) {
            java.util.concurrent.atomic.AtomicReference<VerifierViolation> seen = new java.util.concurrent.atomic.AtomicReference<>();
            Interrupt i = rig.startOne(passive().workItem((x, o) -> {
                x.acquireLock();
                try {
                    x.acquireLock();
                } catch (VerifierViolation v) {
                    seen.set(v);
                } finally {
                    x.releaseLock();
                }
            }));
            i.queueWorkItemForIsr();
            Rig.await("work item ran", () -> seen.get() != null);
            assertThat(seen.get().violation().acquiredAt()).isEqualTo("in uart0 work item");
            assertThat(seen.get()).hasMessageContaining("already held by this thread (in uart0 work item)");
        }
    }

    @Test
    void sitesAreNotCapturedWhenTurnedOff() {
        try (Rig rig = new Rig(Host.builder().captureAcquireSites(false), 2)) {
            Interrupt i = rig.startOne(spin());
            i.acquireLock();
            try {
                VerifierViolation v = catchThrowableOfType(VerifierViolation.class, i::acquireLock);
                assertThat(v.violation().acquiredAt()).isEqualTo("-");
            } finally {
                i.releaseLock();
            }
        }
        assertThatThrownBy(() -> Rule.byId("NoSuchRule")).hasMessageContaining("unknown rule id");
        assertThat(Rule.byId("WdfInterruptLock")).isEqualTo(Rule.WDF_INTERRUPT_LOCK);
    }
}
