package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptStatistics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The soak end to end on a short run, and the accounting gap the soak found, pinned deterministically. */
class SoakTest {

    @Test
    void aShortSoakBalancesAndTookEveryKindOfAction() throws Exception {
        SoakRun.Result r = new SoakRun(Duration.ofSeconds(3), 7, line -> { }).run();
        assertThat(r.account().mismatches()).isEmpty();
        assertThat(r.violations()).isEmpty();
        assertThat(r.otherFaults()).isEmpty();
        assertThat(r.clean()).isTrue();
        // 3 s of actions 1 to 20 ms apart: well over 100 actions; each kind has a share of 3 % or more
        SoakRun.Actions a = r.actions();
        assertThat(a.disables()).isPositive();
        assertThat(a.restarts()).isPositive();
        assertThat(a.cancellations()).isPositive();
        assertThat(a.faultsArmed()).isPositive();
        assertThat(r.account().sent()).isPositive();
        assertThat(r.account().signalled()).isPositive();
        assertThat(r.account().faultsInjected()).isPositive();
    }

    @Test
    void aDurationThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new SoakRun(Duration.ZERO, 1, line -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: more than 0");
    }

    /**
     * Two interrupts on two lines of one source: power-up connects the first (the source opens),
     * runs its onEnable, then connects the second. Edges the second line raises in between are
     * taken by the dispatch thread with no interrupt on that line. They must be counted lost by the
     * second interrupt, not vanish (before the fix its counters stayed all zero).
     */
    @Test
    void edgesOnALineWhoseInterruptIsNotYetConnectedAreCountedLost() {
        SimInterruptController pic = new SimInterruptController("two-lines", LineMode.EDGE, LineMode.MSI);
        Interrupt[] created = new Interrupt[2];
        Driver driver = (Device device) -> {
            created[0] = device.createInterrupt(InterruptConfig.builder((i, m) -> true).name("first")
                    .passiveHandling(true).onEnable((i, d) -> raiseOnSecondLineAndAwaitItsDispatch(pic)).build());
            created[1] = device.createInterrupt(InterruptConfig.builder((i, m) -> true).name("second").passiveHandling(true).build());
        };
        try (Host host = Host.builder().build()) {
            Device device = host.addDevice("dev", driver, List.of(pic.resource("first.irq", 0), pic.resource("second.msi", 1)));
            host.start(device);
            host.stop(device);
            InterruptStatistics second = created[1].statistics();
            long edges = pic.statistics(1).edges();
            assertThat(edges).isEqualTo(5);
            assertThat(second.isrCalls() + second.coalesced() + second.lost())
                    .as("edges of line 1 = handled + coalesced + lost, %s", second).isEqualTo(edges);
            assertThat(second.lost()).isEqualTo(5);
            assertThat(host.faults()).isEmpty();
            assertThat(host.violations()).isEmpty();
        }
    }

    /** In the first interrupt's onEnable: the source is open, line 1 has no interrupt yet. */
    private static void raiseOnSecondLineAndAwaitItsDispatch(SimInterruptController pic) {
        for (int i = 0; i < 5; i++) {
            pic.raiseEdge(1);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (pic.statistics(1).signals() + pic.statistics(1).merged() < 5) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the dispatch thread did not take line 1's edges within 30 s: " + pic.statistics(1));
            }
            LockSupport.parkNanos(1_000_000);
        }
        // taken from the source; acknowledged right after dispatch returns
        while (pic.statistics(1).claimed() + pic.statistics(1).unclaimed() < pic.statistics(1).signals()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("line 1's signals were not acknowledged within 30 s: " + pic.statistics(1));
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
