package io.github.irq4j.bench;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.spi.InProcessInterruptSource;
import java.util.List;

/**
 * A started host with one device and one interrupt on an in-process edge line, for benchmarks and
 * the allocation test. {@link #close()} stops everything.
 */
public final class BenchHost implements AutoCloseable {

    /**
     * The verifier settings a benchmark compares: {@code OFF}; {@code THROW} without acquire-site
     * capture; {@code THROW_SITES}, {@code THROW} with a stack walk per acquire
     * ({@code captureAcquireSites(true)}; {@code Host.Builder} leaves capture off).
     */
    public enum Verifier {
        OFF(VerifierMode.OFF, false),
        THROW(VerifierMode.THROW, false),
        THROW_SITES(VerifierMode.THROW, true);

        final VerifierMode mode;
        final boolean captureSites;

        Verifier(VerifierMode mode, boolean captureSites) {
            this.mode = mode;
            this.captureSites = captureSites;
        }
    }

    public final Host host;
    public final Device device;
    public final Interrupt interrupt;
    public final InProcessInterruptSource source;

    private BenchHost(Host host, Device device, Interrupt interrupt, InProcessInterruptSource source) {
        this.host = host;
        this.device = device;
        this.interrupt = interrupt;
        this.source = source;
    }

    /**
     * Builds and starts the host.
     *
     * @param name the device and interrupt name
     * @param verifier the verifier settings
     * @param config the interrupt's configuration; its name is set here
     */
    public static BenchHost start(String name, Verifier verifier, InterruptConfig.Builder config) {
        InProcessInterruptSource source = new InProcessInterruptSource(name, 1);
        // report-only storms: a benchmark fires far above any real device on purpose (SPEC 3.1)
        Host host = Host.builder().verifierMode(verifier.mode).captureAcquireSites(verifier.captureSites)
                .interruptStorm(io.github.irq4j.StormPolicy.DEFAULT.withAction(io.github.irq4j.StormPolicy.Action.REPORT)).build();
        Interrupt[] created = new Interrupt[1];
        try {
            Device device = host.addDevice(name, d -> created[0] = d.createInterrupt(config.name(name).build()),
                    List.of(InterruptResource.line(name + ".irq", source, 0, InterruptMode.LATCHED)));
            host.start(device);
            return new BenchHost(host, device, created[0], source);
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    @Override
    public void close() {
        host.close();
    }
}
