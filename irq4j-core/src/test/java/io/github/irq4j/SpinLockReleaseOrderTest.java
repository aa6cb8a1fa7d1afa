package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC 1 and 2.4: releasing a lock restores the level the holder would have without it, in
 * whatever order a thread releases the locks it holds. {@code KeReleaseInterruptSpinLock} restores
 * the {@code OldIrql} its caller passes; the levels below are the ones a thread must have for
 * what it still holds: a thread that still holds B runs at B's level, and one that holds nothing
 * is back where it started.
 */
class SpinLockReleaseOrderTest {

    /** Interrupt "a" at DIRQL(0) on line 0 and "b" at DIRQL(1) on line 1, on one started device. */
    private static Interrupt[] twoLevels(Rig rig) {
        Interrupt[] made = new Interrupt[2];
        rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED)), d -> {
            made[0] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).name("a").build());
            made[1] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).name("b").build());
        });
        rig.host.start(rig.device);
        assertThat(made[0].getInfo().irql()).isEqualTo(Irql.dirql(0));
        assertThat(made[1].getInfo().irql()).isEqualTo(Irql.dirql(1));
        return made;
    }

    @Test
    void releasingSpinLocksOutOfOrderRestoresTheLevelsOfWhatIsStillHeld() {
        try (Rig rig = Rig.withVerifier(VerifierMode.THROW)) {
            Interrupt[] ab = twoLevels(rig);
            Irql oldA = ab[0].acquireSpinLock();
            Irql oldB = ab[1].acquireSpinLock();
            assertThat(oldA).isSameAs(Irql.PASSIVE);
            assertThat(oldB).isEqualTo(Irql.dirql(0));
            assertThat(Irql.current()).isEqualTo(Irql.dirql(1));

            ab[0].releaseSpinLock(oldA);
            assertThat(Irql.current()).as("holding b only").isEqualTo(Irql.dirql(1));
            ab[1].releaseSpinLock(oldB); // the level b's acquire returned: no violation
            assertThat(Irql.current()).as("holding nothing").isSameAs(Irql.PASSIVE);
            assertThat(rig.host.violations()).isEmpty();

            // and the locks work in order afterwards, with the levels each acquire returns
            Irql again = ab[0].acquireSpinLock();
            assertThat(again).isSameAs(Irql.PASSIVE);
            ab[0].releaseSpinLock(again);
            assertThat(Irql.current()).isSameAs(Irql.PASSIVE);
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    @Test
    void releasingInterruptLocksOutOfOrderRestoresTheLevelsOfWhatIsStillHeld() {
        try (Rig rig = Rig.withVerifier(VerifierMode.THROW)) {
            Interrupt[] ab = twoLevels(rig);
            ab[0].acquireLock();
            ab[1].acquireLock();
            ab[0].releaseLock();
            assertThat(Irql.current()).as("holding b only").isEqualTo(Irql.dirql(1));
            ab[1].releaseLock();
            assertThat(Irql.current()).as("holding nothing").isSameAs(Irql.PASSIVE);
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    @Test
    void aLowerLockTakenUnderAHigherOneKeepsItsOwnLevelWhenTheHigherGoesFirst() {
        // b (DIRQL(1)) then a (DIRQL(0)) is above a's synchronize level, which the verifier reports:
        // with it OFF the levels must still be those of what is held
        try (Rig rig = Rig.withVerifier(VerifierMode.OFF)) {
            Interrupt[] ab = twoLevels(rig);
            Irql oldB = ab[1].acquireSpinLock();
            Irql oldA = ab[0].acquireSpinLock();
            assertThat(oldA).isEqualTo(Irql.dirql(1));
            assertThat(Irql.current()).isEqualTo(Irql.dirql(1));
            ab[1].releaseSpinLock(oldB);
            assertThat(Irql.current()).as("holding a only").isEqualTo(Irql.dirql(0));
            ab[0].releaseSpinLock(oldA);
            assertThat(Irql.current()).as("holding nothing").isSameAs(Irql.PASSIVE);
        }
    }

    @Test
    void threeLocksReleasedFromTheMiddle() {
        try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.THROW), 4)) {
            Interrupt[] made = new Interrupt[3];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED),
                    rig.line(2, InterruptMode.LATCHED)), d -> {
                for (int n = 0; n < 3; n++) {
                    made[n] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).name("l" + n).build());
                }
            });
            rig.host.start(rig.device);
            Irql o0 = made[0].acquireSpinLock();
            Irql o1 = made[1].acquireSpinLock();
            Irql o2 = made[2].acquireSpinLock();
            made[1].releaseSpinLock(o1);
            assertThat(Irql.current()).isEqualTo(Irql.dirql(2));
            made[2].releaseSpinLock(o2);
            assertThat(Irql.current()).as("holding l0 only").isEqualTo(Irql.dirql(0));
            made[0].releaseSpinLock(o0);
            assertThat(Irql.current()).isSameAs(Irql.PASSIVE);
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    @Test
    void theVerifierStillComparesWithWhatAcquireReturnedAfterARebase() {
        try (Rig rig = Rig.withVerifier(VerifierMode.THROW)) {
            Interrupt[] ab = twoLevels(rig);
            Irql oldA = ab[0].acquireSpinLock();
            ab[1].acquireSpinLock(); // returned DIRQL(0)
            ab[0].releaseSpinLock(oldA);
            // PASSIVE is the level b's release restores now, but not what its acquire returned
            assertThatThrownBy(() -> ab[1].releaseSpinLock(Irql.PASSIVE)).isInstanceOf(VerifierViolation.class)
                    .hasMessageContaining("it returned DIRQL(0)");
            assertThat(Irql.current()).as("released and restored before the report").isSameAs(Irql.PASSIVE);
            assertThat(rig.host.violations()).extracting(Violation::rule).containsExactly(Rule.INTERRUPT_SPIN_LOCK_PASSIVE);

            // the next hold of b is compared with its own acquire, not the rebased one
            Irql again = ab[1].acquireSpinLock();
            assertThat(again).isSameAs(Irql.PASSIVE);
            ab[1].releaseSpinLock(again);
            assertThat(Irql.current()).isSameAs(Irql.PASSIVE);
            assertThat(rig.host.violations()).hasSize(1);
        }
    }
}
