/**
 * irq4j core: the interrupt object, its locks and levels, the device life cycle around it, the
 * runtime verifier, and the interrupt-source SPI. Depends on the JDK only.
 */
module io.github.irq4j.core {
    requires jdk.jfr; // the irq4j.* JFR events (SPEC 4.5)

    exports io.github.irq4j;
    exports io.github.irq4j.spi;

    uses io.github.irq4j.spi.DispatchThreadTuner;
    uses io.github.irq4j.spi.DeviceProvider;
}
