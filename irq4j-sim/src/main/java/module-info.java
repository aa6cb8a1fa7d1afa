/**
 * irq4j's simulated hardware: interrupt controllers, devices (UART, timer, the QEMU edu device)
 * with memory-mapped registers, a virtual clock, and the deterministic scheduler that turns one
 * seed into one interleaving of ISRs, DPCs, work items and device events. For tests, and for the
 * {@code sim:} devices of the command line.
 *
 * <p>One package, all of it API: {@link io.github.irq4j.sim}. Its {@code DeviceProvider}s serve
 * the {@code uart}, {@code timer} and {@code edu} device specs (found by {@code ServiceLoader} on
 * the module path through the {@code provides} below, on the class path through
 * {@code META-INF/services}).
 */
module io.github.irq4j.sim {
    requires transitive io.github.irq4j.core;

    exports io.github.irq4j.sim;

    provides io.github.irq4j.spi.DeviceProvider with
            io.github.irq4j.sim.UartDeviceProvider,
            io.github.irq4j.sim.TimerDeviceProvider,
            io.github.irq4j.sim.EduDeviceProvider;
}
