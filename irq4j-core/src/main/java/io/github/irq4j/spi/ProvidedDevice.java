package io.github.irq4j.spi;

import io.github.irq4j.Resource;
import java.util.List;

/** A device opened by a {@link DeviceProvider}: its resources, and what to close after the run. */
public interface ProvidedDevice extends AutoCloseable {

    /** The device's name, such as {@code "uart0"}. */
    String name();

    /** The resources to hand to {@link io.github.irq4j.Host#addDevice}. */
    List<io.github.irq4j.Resource> resources();

    /**
     * Starts whatever produces the device's interrupts (a simulated device's traffic, a timer).
     * Called after the driver's device has started. Default: nothing.
     */
    default void startTraffic() {
    }

    /** Releases the device. */
    @Override
    void close();
}
