package com.example.tick;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.WdfObject;

/**
 * A spin-lock interrupt with a DPC: the ISR counts ticks holding the interrupt spin lock and
 * queues the DPC; the DPC takes the same lock to read the count.
 */
public final class TickDriver implements Driver {

    private Interrupt interrupt;

    // Shared with the ISR: guarded by the interrupt lock.
    private long ticks;

    // Written by the DPC only (runs of one DPC never overlap).
    private volatile long dpcRuns;
    private volatile long ticksSeenByDpc;

    public TickDriver() {
    }

    @Override
    public void onDeviceAdd(Device device) {
        interrupt = device.createInterrupt(InterruptConfig.builder(this::onIsr)
                .name(device.name() + ".tick")
                .dpc(this::onDpc)
                .build());
    }

    /** The ISR: at DIRQL, holding the interrupt spin lock. Must not block. */
    private boolean onIsr(Interrupt i, int messageId) {
        ticks++;
        i.queueDpcForIsr();      // coalesces: one pending run serves any number of ticks
        return true;             // claimed: this device raised it
    }

    /** The DPC: at DISPATCH. Takes the interrupt lock to read what the ISR wrote. */
    private void onDpc(Interrupt i, WdfObject associated) {
        long seen;
        i.acquireLock();
        try {
            seen = ticks;
        } finally {
            i.releaseLock();
        }
        ticksSeenByDpc = seen;
        dpcRuns = dpcRuns + 1;
    }

    /** Ticks counted by the ISR. Takes the interrupt lock: call it while the device is started. */
    public long ticks() {
        interrupt.acquireLock();
        try {
            return ticks;
        } finally {
            interrupt.releaseLock();
        }
    }

    /** DPC runs so far. */
    public long dpcRuns() {
        return dpcRuns;
    }

    /** The tick count the last DPC read. */
    public long ticksSeenByDpc() {
        return ticksSeenByDpc;
    }

    /** The interrupt, for its statistics. */
    public Interrupt interrupt() {
        return interrupt;
    }
}
