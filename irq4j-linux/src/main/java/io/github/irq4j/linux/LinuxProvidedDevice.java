package io.github.irq4j.linux;

import io.github.irq4j.Resource;
import io.github.irq4j.spi.ProvidedDevice;
import java.util.List;

/** A device a Linux {@link io.github.irq4j.spi.DeviceProvider} opened: its resources, what starts its traffic, what closes it. */
final class LinuxProvidedDevice implements ProvidedDevice {

    /** Starts a device's traffic; may fail with an I/O error. */
    @FunctionalInterface
    interface Starter {
        void start() throws java.io.IOException;
    }

    private final String name;
    private final List<Resource> resources;
    private final Starter starter;
    private final Runnable closer;

    LinuxProvidedDevice(String name, List<? extends Resource> resources, Starter starter, Runnable closer) {
        this.name = name;
        this.resources = List.copyOf(resources);
        this.starter = starter;
        this.closer = closer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Resource> resources() {
        return resources;
    }

    /** @throws java.io.UncheckedIOException if the kernel refuses (arming the timer) */
    @Override
    public void startTraffic() {
        if (starter != null) {
            try {
                starter.start();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(name + ": starting traffic failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Stops the device's traffic and closes its sources and mappings. Call it after the host has
     * stopped the device; a second call retries what a first one could not do.
     *
     * @throws IllegalStateException if a source is still connected (the device was not stopped);
     *         the message names the source and says to stop the device first
     */
    @Override
    public void close() {
        closer.run();
    }

    @Override
    public String toString() {
        return "ProvidedDevice{" + name + ", resources=" + resources.stream().map(Resource::name).toList() + "}";
    }
}
