package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11's release-side audit (DECISIONS "Release-side checks"): a release the verifier rejects
 * leaves the lock and the level as they must be: released and restored when the caller's own hold
 * was wrong, held when the hold is the framework's (ISR, onEnable, onDisable).
 */
class ReleaseChecksTest {

    /** What the ISR saw around its release call: the throwable, and its level after. */
    record Seen(Throwable thrown, Irql after) {
    }

    @ParameterizedTest(name = "releaseSpinLock({0}) in the ISR")
    @ValueSource(ints = {0, 2})
    void releaseSpinLockInTheIsrIsAViolationAndTheIsrKeepsItsLock(int level) {
        AtomicReference<Seen> seen = new AtomicReference<>();
        Irql given = Irql.of(level);
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> {
                Throwable t = null;
                try {
                    x.releaseSpinLock(given);   // PASSIVE is what the framework saved; DISPATCH is wrong too
                } catch (Throwable e) {
                    t = e;
                }
                seen.set(new Seen(t, Irql.current()));
                return true;
            }).name("uart0"));
            rig.source.fire(0);
            Rig.await("the ISR ran", () -> seen.get() != null);
            assertThat(seen.get().thrown()).isInstanceOf(VerifierViolation.class);
            assertThat(((VerifierViolation) seen.get().thrown()).rule()).isEqualTo(Rule.WDF_INTERRUPT_LOCK);
            assertThat(seen.get().thrown()).hasMessageContaining("inside an ISR");
            assertThat(seen.get().after()).as("the ISR still holds its lock at its level").isEqualTo(Irql.dirql(0));
            // The framework released it when the ISR returned.
            i.acquireLock();
            i.releaseLock();
        }
    }

    @Test
    void releaseLockInOnEnableIsAViolationAndTheLockStaysHeld() {
        AtomicReference<Irql> after = new AtomicReference<>();
        try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.REPORT), 2)) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).name("uart0").onEnable((x, d) -> {
                x.releaseLock();
                after.set(Irql.current());
            }));
            assertThat(after.get()).as("onEnable still holds the lock").isEqualTo(Irql.dirql(0));
            assertThat(rig.host.violations()).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo(Rule.WDF_INTERRUPT_LOCK);
                assertThat(v.message()).contains("releaseLock() on 'uart0' inside onEnable");
            });
            assertThat(Irql.current()).isEqualTo(Irql.PASSIVE);
            i.acquireLock();
            i.releaseLock();
        }
    }

    @Test
    void releaseLockInOnDisableIsAViolationAndOnlyThere() {
        AtomicReference<Irql> after = new AtomicReference<>();
        try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.REPORT), 2)) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).name("uart0").onDisable((x, d) -> {
                x.releaseLock();
                after.set(Irql.current());
            }));
            i.acquireLock();   // outside the framework's holds: a plain release, no finding
            i.releaseLock();
            assertThat(rig.host.violations()).isEmpty();
            rig.host.stop(rig.device);
            assertThat(after.get()).as("onDisable still holds the lock").isEqualTo(Irql.dirql(0));
            assertThat(rig.host.violations()).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo(Rule.WDF_INTERRUPT_LOCK);
                assertThat(v.message()).contains("releaseLock() on 'uart0' inside onDisable");
            });
            assertThat(Irql.current()).isEqualTo(Irql.PASSIVE);
        }
    }

    @Test
    void aWrongLevelReleaseLeavesTheLockReleasedAndTheLevelRestored() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).name("uart0"));
            Irql old = i.acquireSpinLock();
            VerifierViolation v = catchThrowableOfType(VerifierViolation.class, () -> i.releaseSpinLock(Irql.DISPATCH));
            assertThat(v.rule()).isEqualTo(Rule.INTERRUPT_SPIN_LOCK_PASSIVE);
            assertThat(Irql.current()).isEqualTo(old);
            i.acquireLock();   // free again: not a recursive acquire
            i.releaseLock();
        }
    }

    @Test
    void aLockScopeClosedAfterItsLockWasReleasedThrowsWithNothingHeld() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).name("uart0"));
            VerifierViolation v = catchThrowableOfType(VerifierViolation.class, () -> {
                try (InterruptLockScope scope = i.acquireLockScope()) {
                    i.releaseLock();
                }
            });
            assertThat(v.rule()).isEqualTo(Rule.WDF_INTERRUPT_LOCK);
            assertThat(v).hasMessageContaining("releaseLock() on 'uart0' without acquireLock()");
            assertThat(Irql.current()).isEqualTo(Irql.PASSIVE);
            i.acquireLock();
            i.releaseLock();
        }
    }
}
