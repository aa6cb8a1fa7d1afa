package io.github.irq4j;

/**
 * A driver. Mirrors {@code EVT_WDF_DRIVER_DEVICE_ADD}: the host calls it once per device, at
 * {@code PASSIVE}, with the device in {@link DeviceState#ADDING}.
 */
@FunctionalInterface
public interface Driver {
    /**
     * Sets up the device: power callbacks, interrupts, queues, contexts.
     *
     * @throws Exception to fail the add; the device is removed and nothing is left behind
     */
    void onDeviceAdd(Device device) throws Exception;
}
