/**
 * irq4j's sample drivers: the {@code WdfInterruptTryToAcquireLock} page's UART driver and its
 * variants, a spin-lock timer driver, the edu device's driver, and the drivers of the Linux
 * sources; the command line runs them ({@code irq4j demo}, {@code irq4j run}).
 */
module io.github.irq4j.samples {
    requires transitive io.github.irq4j.core;
    requires io.github.irq4j.sim;

    exports io.github.irq4j.samples;
}
