package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.MemoryResource;
import java.util.List;
import java.util.function.Supplier;

/**
 * The scenario explored in the tests: a UART receives three bursts of bytes while an application
 * issues reads; once the schedule is idle every byte must have been delivered exactly once, in
 * order, with no fault and no verifier violation.
 */
final class UartScenario implements Explorer.Scenario {

    static final int BURSTS = 3;
    static final int BURST = 6;
    static final int READS = 4;

    private final Supplier<UartRingDriver> drivers;

    UartScenario(Supplier<UartRingDriver> drivers) {
        this.drivers = drivers;
    }

    static byte[] expected() {
        byte[] all = new byte[BURSTS * BURST];
        for (int i = 0; i < all.length; i++) {
            all[i] = UartTraffic.patternByte(i);
        }
        return all;
    }

    @Override
    public void run(DeterministicScheduler scheduler) {
        Simulation sim = scheduler.simulation();
        SimInterruptController pic = new SimInterruptController("sim-pic", LineMode.LEVEL);
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 64);
        UartRingDriver driver = drivers.get();
        try (Host host = Host.builder().environment(scheduler).build()) {
            Device device = host.addDevice("uart0", driver,
                    List.of(pic.resource("uart0.irq", 0), new MemoryResource("uart0.regs", uart.registers())));
            host.start(device);

            byte[] all = expected();
            for (int b = 0; b < BURSTS; b++) {
                byte[] burst = new byte[BURST];
                System.arraycopy(all, b * BURST, burst, 0, BURST);
                uart.feedAt(1_000L * (b + 1), burst);
            }
            for (int r = 0; r < READS; r++) {
                scheduler.scriptAt(1_000L * r + 500, "read#" + r, () -> driver.onRead(4));
            }
            scheduler.runUntilIdle();

            assertThat(uart.dropped()).as("FIFO overruns").isZero();
            assertThat(driver.delivered()).as("bytes delivered, in order, exactly once").isEqualTo(all);
            host.stop(device);
            assertThat(host.faults()).isEmpty();
            assertThat(host.violations()).isEmpty();
        }
    }
}
