package io.github.irq4j.linux;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.spi.InProcessInterruptSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A program that uses only an in-process source, run by {@link NativeAccessWarningTest} in a child JVM. */
public final class InProcessOnlyProgram {

    private InProcessOnlyProgram() {
    }

    public static void main(String[] args) {
        AtomicInteger isrCalls = new AtomicInteger();
        try (Host host = Host.builder().build()) {
            InProcessInterruptSource source = new InProcessInterruptSource("in-process", 1);
            Device device = host.addDevice("dev", d -> d.createInterrupt(InterruptConfig.builder((i, m) -> {
                isrCalls.incrementAndGet();
                return true;
            }).build()), List.of(InterruptResource.line("dev.irq", source, 0, InterruptMode.LATCHED)));
            host.start(device);
            source.fire(0);
            host.stop(device);
            System.out.println("isr calls: " + isrCalls.get() + ", applied: " + device.interrupts().getFirst().getInfo().applied());
        }
    }
}
