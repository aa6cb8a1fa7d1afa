package io.github.irq4j.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The C baseline of {@link ScaleBenchmark}, compiled and run small: both ways its handlers wait, and a wrong mode. */
class EpollScaleBaselineTest {

    @Test
    void blockingAndHybridEachGiveOneMeanPerWindowAndCase() throws Exception {
        for (String mode : new String[] {"blocking", "hybrid"}) {
            EpollScaleBaseline.Windows w = EpollScaleBaseline.run(50, 1, 100, 3, mode);
            for (double[] windows : new double[][] {w.one(), w.same(), w.turn()}) {
                assertThat(windows).as(mode).hasSize(3);
                // a round trip is a write(2), an epoll_wait and a read(2): more than 100 ns, less than the 5 s the harness waits
                for (double ns : windows) {
                    assertThat(ns).as(mode).isBetween(100.0, 5e9);
                }
            }
        }
    }

    @Test
    void anUnknownModeIsRefusedByTheProgramWithWhatItTakes() {
        assertThatThrownBy(() -> EpollScaleBaseline.run(10, 1, 10, 1, "spin"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exit 2")
                .hasMessageContaining("mode 'spin' (expected: blocking or hybrid)");
    }
}
