package com.example.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.sim.DeterministicScheduler;
import io.github.irq4j.sim.Explorer;
import io.github.irq4j.sim.LineMode;
import io.github.irq4j.sim.SimInterruptController;
import io.github.irq4j.sim.SimTimer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TickDriver on a simulated 1 ms timer, under 100 different interleavings of ISR and DPC. */
class TickDriverTest {

    /** One run: 20 ms of virtual time, then every count must add up. */
    static void twentyMilliseconds(DeterministicScheduler scheduler) {
        SimInterruptController pic = new SimInterruptController("pic", LineMode.EDGE);
        SimTimer timer = new SimTimer("timer0", scheduler.simulation(), pic, 0, 1_000_000);
        TickDriver driver = new TickDriver();
        try (Host host = Host.builder().environment(scheduler).build()) {
            Device device = host.addDevice("tick0", driver, List.of(pic.resource("tick0.irq", 0)));
            host.start(device);
            timer.start();
            scheduler.runUntil(20_000_000);                 // 20 ms of virtual time: 20 expirations

            InterruptStatistics s = driver.interrupt().statistics();
            long ticks = scheduler.call(driver::ticks);     // on the framework thread, under the lock
            assertEquals(20, timer.edgesRaised());
            assertEquals(timer.edgesRaised(), s.isrCalls() + s.coalesced(), "every edge ran the ISR or was merged");
            assertEquals(s.isrCalls(), ticks, "one tick per ISR call");
            assertEquals(s.dpcRuns(), driver.dpcRuns());
            assertTrue(driver.dpcRuns() >= 1 && driver.dpcRuns() <= ticks, "DPC requests coalesce");
            assertEquals(ticks, driver.ticksSeenByDpc(), "the last DPC ran after the last ISR and saw every tick");

            timer.stop();
            host.stop(device);
            assertEquals(List.of(), host.violations());
            assertEquals(List.of(), host.faults());
        }
    }

    @Test
    void everyTickIsCountedUnderEverySchedule() {
        Explorer.Outcome failure = Explorer.explore(1, 100, TickDriverTest::twentyMilliseconds);
        assertNull(failure, () -> failure.report());
    }
}
