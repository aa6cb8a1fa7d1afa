package io.github.irq4j;

import io.github.irq4j.spi.InProcessInterruptSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A host with one device on an in-process source, for tests. */
final class Rig implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    final Host host;
    final InProcessInterruptSource source;
    Device device;

    Rig(Host.Builder builder, int lines) {
        this.host = builder.build();
        this.source = new InProcessInterruptSource("test-src", lines);
    }

    Rig() {
        this(Host.builder(), 4);
    }

    static Rig withVerifier(VerifierMode mode) {
        return new Rig(Host.builder().verifierMode(mode), 4);
    }

    InterruptResource line(int message, InterruptMode mode) {
        return InterruptResource.line("irq" + message, source, message, mode);
    }

    /** Adds a device whose driver runs {@code onAdd}, with the given resources. */
    Device add(String name, List<? extends Resource> resources, Consumer<Device> onAdd) {
        device = host.addDevice(name, d -> onAdd.accept(d), resources);
        return device;
    }

    /** Adds and starts a device with one interrupt on edge line 0 built from {@code config}. */
    Interrupt startOne(InterruptConfig.Builder config) {
        Interrupt[] created = new Interrupt[1];
        add("dev", List.of(line(0, InterruptMode.LATCHED)), d -> created[0] = d.createInterrupt(config.build()));
        host.start(device);
        return created[0];
    }

    /** Waits until {@code condition} holds, failing after {@link #DEADLINE}. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting for: " + what);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    @Override
    public void close() {
        host.close();
    }
}
