package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IrqlTest {

    @Test
    void levelsHaveTheSpecValuesAndNames() {
        assertThat(Irql.PASSIVE.value()).isZero();
        assertThat(Irql.APC.value()).isEqualTo(1);
        assertThat(Irql.DISPATCH.value()).isEqualTo(2);
        assertThat(Irql.dirql(0).value()).isEqualTo(3);
        assertThat(Irql.dirql(5)).hasToString("DIRQL(5)").isSameAs(Irql.of(8));
        assertThat(Irql.dirql(5).isDirql()).isTrue();
        assertThat(Irql.DISPATCH.isDirql()).isFalse();
        assertThat(Irql.dirql(1).isAbove(Irql.DISPATCH)).isTrue();
        assertThat(Irql.PASSIVE.compareTo(Irql.APC)).isNegative();
    }

    @Test
    void outOfRangeLevelsAreRejectedWithTheRange() {
        assertThatThrownBy(() -> Irql.dirql(Irql.MAX_DIRQL + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: 0 <= index <= " + Irql.MAX_DIRQL);
        assertThatThrownBy(() -> Irql.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applicationThreadsRunAtPassive() {
        assertThat(Irql.current()).isSameAs(Irql.PASSIVE);
    }

    @Test
    void holdingASpinLockRaisesTheHolderAndReleaseRestoresIt() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true));
            i.acquireLock();
            try {
                assertThat(Irql.current()).isEqualTo(Irql.dirql(0));
            } finally {
                i.releaseLock();
            }
            assertThat(Irql.current()).isSameAs(Irql.PASSIVE);
        }
    }

    @Test
    void isrDpcAndWorkItemRunAtTheirLevels() {
        try (Rig rig = new Rig()) {
            Irql[] seen = new Irql[3];
            Interrupt spin = rig.startOne(InterruptConfig.builder((x, m) -> {
                seen[0] = Irql.current();
                x.queueDpcForIsr();
                return true;
            }).dpc((x, o) -> seen[1] = Irql.current()));
            rig.source.fire(0);
            Rig.await("DPC ran", () -> seen[1] != null);
            assertThat(seen[0]).isEqualTo(spin.getInfo().irql()).isEqualTo(Irql.dirql(0));
            assertThat(seen[1]).isSameAs(Irql.DISPATCH);
        }
        try (Rig rig = new Rig()) {
            Irql[] seen = new Irql[2];
            rig.startOne(InterruptConfig.builder((x, m) -> {
                seen[0] = Irql.current();
                x.queueWorkItemForIsr();
                return true;
            }).passiveHandling(true).workItem((x, o) -> seen[1] = Irql.current()));
            rig.source.fire(0);
            Rig.await("work item ran", () -> seen[1] != null);
            assertThat(seen[0]).isSameAs(Irql.PASSIVE);
            assertThat(seen[1]).isSameAs(Irql.PASSIVE);
        }
    }
}
