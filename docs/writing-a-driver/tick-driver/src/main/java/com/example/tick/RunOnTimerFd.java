package com.example.tick;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.linux.TimerFdSource;
import java.util.List;

/** Runs {@link TickDriver} on a real 1 ms timerfd for one second and prints its counters. */
public final class RunOnTimerFd {

    public static void main(String[] args) throws Exception {
        // Resources close in reverse order: the host (which stops the device) first, then the timerfd.
        try (TimerFdSource timer = new TimerFdSource("tick", 1_000_000);      // 1 ms period
             Host host = Host.builder().build()) {                            // verifier in THROW mode
            TickDriver driver = new TickDriver();
            Device device = host.addDevice("tick0", driver,
                    List.of(InterruptResource.line("tick0.irq", timer, 0, InterruptMode.LATCHED)));
            host.start(device);                                               // onDeviceAdd ran; now connect + enable
            timer.start();                                                    // arm the timerfd
            Thread.sleep(1_000);                                              // let it tick for a second
            timer.stop();
            host.stop(device);                                                // disable, flush the DPC, disconnect

            long ticks = driver.ticksSeenByDpc();                             // the flushed DPC saw the last tick
            InterruptStatistics s = driver.interrupt().statistics();
            System.out.printf("ticks=%d isrCalls=%d claimed=%d overruns=%d dpcRuns=%d violations=%d faults=%d%n",
                    ticks, s.isrCalls(), s.claimed(), s.coalesced(), s.dpcRuns(),
                    host.violations().size(), host.faults().size());
        }
    }
}
