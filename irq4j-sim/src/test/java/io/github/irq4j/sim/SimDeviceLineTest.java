package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The level a model drives reaches the controller after its lock is released, and ends right under races. */
class SimDeviceLineTest {

    private static SimDevice device(SimInterruptController pic) {
        return SimDevice.builder("d", new Simulation()).levelLine(pic.levelOutput(0)).causes(1)
                .interruptStatus("STATUS", 0, 4).interruptAck("ACK", 4, 4).build();
    }

    @Test
    void theLineFollowsEveryChangeOnceTheCallReturns() {
        SimInterruptController pic = new SimInterruptController("pic", LineMode.LEVEL);
        SimDevice dev = device(pic);
        dev.raise(1);
        assertThat(pic.isAsserted(0)).isTrue();
        dev.registers().write32(4, 1);
        assertThat(pic.isAsserted(0)).isFalse();
        synchronized (dev.lock()) {   // a model's own block around a change: sent at once, under the lock
            dev.raise(1);
            assertThat(pic.isAsserted(0)).isTrue();
        }
    }

    @Test
    void twoThreadsChangingTheLevelAtOnceLeaveTheLineAtTheModelsLevel() throws Exception {
        for (int trial = 0; trial < 20; trial++) {
            SimInterruptController pic = new SimInterruptController("pic", LineMode.LEVEL);
            SimDevice dev = device(pic);
            Thread raiser = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    dev.raise(1);
                }
            });
            Thread acker = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    dev.registers().write32(4, 1);
                }
            });
            raiser.join(60_000);
            acker.join(60_000);
            assertThat(raiser.isAlive() || acker.isAlive()).as("both threads ended").isFalse();
            assertThat(pic.isAsserted(0)).as("trial " + trial + ": the line is asserted exactly when a cause is latched")
                    .isEqualTo(dev.pendingCauses() != 0);
        }
    }
}
