package io.github.irq4j.sim;

import io.github.irq4j.InterruptResource;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.Resource;
import io.github.irq4j.spi.ProvidedDevice;
import java.util.List;

/**
 * A simulated device opened by a provider: its own {@link Simulation} and
 * {@link SimInterruptController}, an interrupt resource on that controller and a memory resource
 * with the device's registers. {@link #startTraffic()} paces the simulation with the wall clock on a
 * {@link RealTimePacer} thread; {@link #close()} stops it.
 */
public abstract sealed class SimProvidedDevice implements ProvidedDevice permits UartDevice, TimerDevice, EduDevice {

    private final String name;
    private final Simulation simulation;
    private final SimInterruptController controller;
    private final List<Resource> resources;
    /** The pacer once traffic started, else null; guarded by {@code this}. */
    private RealTimePacer pacer;
    private boolean closed;

    SimProvidedDevice(String name, Simulation simulation, SimInterruptController controller,
                      InterruptResource interrupt, MemoryResource memory) {
        this.name = name;
        this.simulation = simulation;
        this.controller = controller;
        this.resources = List.of(interrupt, memory);
    }

    @Override
    public final String name() {
        return name;
    }

    /** The interrupt resource, then the memory resource. */
    @Override
    public final List<Resource> resources() {
        return resources;
    }

    /** The device's simulation (its virtual clock). */
    public final Simulation simulation() {
        return simulation;
    }

    /** The controller the device's line is on. */
    public final SimInterruptController controller() {
        return controller;
    }

    /** The interrupt resource. */
    public final InterruptResource interruptResource() {
        return (InterruptResource) resources.get(0);
    }

    /** The memory resource with the device's registers. */
    public final MemoryResource memoryResource() {
        return (MemoryResource) resources.get(1);
    }

    /**
     * Starts the device's traffic and a pacer thread that advances its virtual time with the wall
     * clock. Idempotent.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public final synchronized void startTraffic() {
        if (closed) {
            throw new IllegalStateException(name + ": startTraffic() after close(); open the device again");
        }
        if (pacer != null) {
            return;
        }
        onStartTraffic();
        pacer = RealTimePacer.start(simulation.clock(), name);
    }

    /** Whether the pacer runs. */
    public final synchronized boolean isTrafficRunning() {
        return pacer != null && pacer.isRunning();
    }

    /** Starts what produces interrupts (generator, timer); called before the pacer starts. */
    abstract void onStartTraffic();

    /** Stops what produces interrupts; called after the pacer stopped. */
    abstract void onStopTraffic();

    /** Stops the pacer thread and the traffic. Idempotent. */
    @Override
    public final void close() {
        RealTimePacer p;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            p = pacer;
            pacer = null;
        }
        if (p != null) {
            p.close();
        }
        onStopTraffic();
    }
}
