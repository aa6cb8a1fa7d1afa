package io.github.irq4j.stress;

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
 * One started host, device and interrupt, shared by every {@code @State} object of one jcstress
 * test class (jcstress makes thousands of state objects; a host per state would be far too slow).
 * Each test keeps its per-state data in the state object and only uses the interrupt's lock and
 * deferred calls from the fixture, so state objects stay independent of each other.
 *
 * <p>The host's framework threads are daemons: the forked jcstress VM exits without closing it.
 */
final class Fixture {

    final Host host;
    final Device device;
    final Interrupt interrupt;
    /** Fires the interrupt's line from any thread; the ISR runs on the dispatch thread. */
    final InProcessInterruptSource source;

    private Fixture(Host host, Device device, Interrupt interrupt, InProcessInterruptSource source) {
        this.host = host;
        this.device = device;
        this.interrupt = interrupt;
        this.source = source;
    }

    /**
     * Builds and starts a host with one device and one interrupt on an in-process edge line.
     *
     * @param name the device and interrupt name
     * @param mode the verifier mode; acquire sites are never captured (no stack walks per acquire)
     * @param config the interrupt's configuration (ISR, kind, deferred callback); its name is set here
     */
    static Fixture start(String name, VerifierMode mode, InterruptConfig.Builder config) {
        return start(name, Host.builder().verifierMode(mode).captureAcquireSites(false), config);
    }

    /**
     * A started host with one device and two spin-lock interrupts that claim every interrupt,
     * {@code name + "-a"} at {@code DIRQL(0)} on line 0 and {@code name + "-b"} at {@code DIRQL(1)}
     * on line 1 of one in-process source; acquire sites are never captured.
     */
    static Interrupt[] startTwoLevels(String name, VerifierMode mode) {
        InProcessInterruptSource source = new InProcessInterruptSource(name, 2);
        Host host = Host.builder().verifierMode(mode).captureAcquireSites(false).build();
        Interrupt[] created = new Interrupt[2];
        Device device = host.addDevice(name, d -> {
            created[0] = d.createInterrupt(InterruptConfig.builder((i, m) -> true).name(name + "-a").build());
            created[1] = d.createInterrupt(InterruptConfig.builder((i, m) -> true).name(name + "-b").build());
        }, List.of(InterruptResource.line(name + ".irq0", source, 0, InterruptMode.LATCHED),
                InterruptResource.line(name + ".irq1", source, 1, InterruptMode.LATCHED)));
        host.start(device);
        return created;
    }

    /** As {@link #start(String, VerifierMode, InterruptConfig.Builder)} with a host builder of the caller's. */
    static Fixture start(String name, Host.Builder hostBuilder, InterruptConfig.Builder config) {
        InProcessInterruptSource source = new InProcessInterruptSource(name, 1);
        Host host = hostBuilder.build();
        Interrupt[] created = new Interrupt[1];
        Device device = host.addDevice(name, d -> created[0] = d.createInterrupt(
                        config.name(name).build()),
                List.of(InterruptResource.line(name + ".irq", source, 0, InterruptMode.LATCHED)));
        host.start(device);
        return new Fixture(host, device, created[0], source);
    }
}
