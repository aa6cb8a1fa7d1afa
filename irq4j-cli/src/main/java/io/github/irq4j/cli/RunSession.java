package io.github.irq4j.cli;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.DriverCallbackException;
import io.github.irq4j.Fault;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.Resource;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.Violation;
import io.github.irq4j.sim.SimProvidedDevice;
import io.github.irq4j.spi.ProvidedDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One run of a driver on a provided device: a host in {@link VerifierMode#REPORT} (so a rule broken
 * on a framework thread is recorded, not thrown into the framework), the device added and started,
 * the device's traffic started, then stopped and removed at {@link #close()}.
 */
final class RunSession implements AutoCloseable {

    private final String driverName;
    private final ProvidedDevice provided;
    private final Host host;
    private final Device device;
    private final long startNanos;
    /** Set by stop(); guarded by this. */
    private boolean stopped;
    /** Set by close(); guarded by this. */
    private boolean closed;

    /**
     * Adds and starts the device.
     *
     * @throws CliException if the driver failed in {@code onDeviceAdd} or while starting; the
     *         message names the callback and the driver's own message
     */
    RunSession(String driverName, Driver driver, ProvidedDevice provided, List<Resource> resources, Host.Builder builder) {
        this.driverName = Objects.requireNonNull(driverName, "driverName");
        this.provided = Objects.requireNonNull(provided, "provided");
        this.host = builder.build();
        Device d;
        try {
            d = host.addDevice(provided.name(), driver, resources);
        } catch (DriverCallbackException e) {
            host.close();
            provided.close();
            throw new CliException("driver " + driverName + " failed in " + e.callback() + " on device '"
                    + provided.name() + "': " + rootMessage(e), e);
        } catch (RuntimeException e) {
            host.close();
            provided.close();
            throw new CliException("driver " + driverName + " could not be added to device '" + provided.name()
                    + "': " + rootMessage(e), e);
        }
        try {
            host.start(d);
        } catch (DriverCallbackException e) {
            host.close();
            provided.close();
            throw new CliException("driver " + driverName + " failed to start on device '" + provided.name()
                    + "' in " + e.callback() + ": " + rootMessage(e), e);
        } catch (RuntimeException e) {
            host.close();
            provided.close();
            throw new CliException("driver " + driverName + " failed to start on device '" + provided.name()
                    + "': " + rootMessage(e), e);
        }
        this.device = d;
        this.startNanos = System.nanoTime();
    }

    /** Starts the device's traffic (after the caller attached its measurements). */
    void startTraffic() {
        provided.startTraffic();
    }

    static Host.Builder defaultHost() {
        return Host.builder().verifierMode(VerifierMode.REPORT).captureAcquireSites(true);
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return c == t ? String.valueOf(m) : c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    String driverName() {
        return driverName;
    }

    ProvidedDevice provided() {
        return provided;
    }

    Host host() {
        return host;
    }

    Device device() {
        return device;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** The device's interrupts with their counters, in creation order. */
    List<StatsFile.Row> rows() {
        List<StatsFile.Row> rows = new ArrayList<>();
        for (Interrupt i : device.interrupts()) {
            rows.add(new StatsFile.Row(i.name(), i.statistics()));
        }
        return rows;
    }

    List<Violation> violations() {
        return host.violations();
    }

    List<Fault> faults() {
        return host.faults();
    }

    /** The host's exact violation counts; {@link #violations()} keeps the recent ones only. */
    List<io.github.irq4j.FindingCount> violationCounts() {
        return host.violationCounts();
    }

    /** The host's exact fault counts; {@link #faults()} keeps the recent ones only. */
    List<io.github.irq4j.FindingCount> faultCounts() {
        return host.faultCounts();
    }

    /**
     * Stops the device (its queued DPCs and work items run first, then its interrupts are
     * disconnected and their dispatch threads end); the counters stay readable until
     * {@link #close()}. A simulated device's traffic is stopped first, so the report's device
     * counters describe a quiet device: closing a {@link SimProvidedDevice} only stops its pacer.
     * A kernel device (eventfd, timerfd, UIO) is released only at {@link #close()}, after the host
     * has closed: releasing it earlier would free what a dispatch thread may still be polling.
     * Idempotent.
     */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (provided instanceof SimProvidedDevice) {
                provided.close();
            }
        } finally {
            host.stop(device);
        }
    }

    /** Stops if not stopped, closes the host (its framework and dispatch threads end), then releases the device. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            try {
                host.close();
            } finally {
                provided.close();
            }
        }
    }
}
