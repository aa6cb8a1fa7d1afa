package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.IoQueue;
import io.github.irq4j.IoQueueConfig;
import io.github.irq4j.IoQueueDispatchType;
import io.github.irq4j.Request;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.WdfObject;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * A spin-lock (DIRQL) driver with a DPC for a device that is nothing but its interrupt: a Linux
 * {@code timerfd} ({@code --device timerfd:1ms}) or an {@code eventfd} with a signaller
 * ({@code --device eventfd:rate=1000}). There is no status register to read: the line is not
 * shared and each signal is the event, so the ISR claims every one.
 *
 * <p>The ISR runs at DIRQL holding the interrupt spin lock; it counts the tick and its time in
 * state shared with the rest of the driver and queues its DPC ({@code WdfInterruptQueueDpcForIsr}).
 * The DPC runs at DISPATCH, takes a snapshot of that state under {@code acquireLock()}
 * ({@code WdfInterruptAcquireLock}) and keeps it as its own copy; several ticks may come per DPC
 * (a DPC queued while queued is not queued again), which the snapshot shows. The default queue's
 * reads return the state, also taken under the lock (queue callbacks may lock a spin-lock
 * interrupt: the {@code InterruptLockArbitraryThread} rule is about passive interrupts).
 *
 * <p>Read of {@value #STATUS_LENGTH} bytes: three big-endian longs, the ticks the ISR claimed, the
 * ticks the last DPC saw, and the DPC runs.
 */
public final class TimerFdDpcDriver implements Driver {

    /** Size of a status read. */
    public static final int STATUS_LENGTH = 24;

    private Interrupt interrupt;

    // Shared with the ISR: guarded by the interrupt spin lock.
    private long isrTicks;
    private long lastIsrNanos;

    // The DPC's own copy: written by the DPC only (one DPC of an interrupt runs at a time); read
    // by others after the device stopped, or stale.
    private long dpcSnapshotTicks;
    private long dpcSnapshotIsrNanos;
    private volatile long dpcRuns;

    private volatile LongConsumer deferredLatencyProbe;

    public TimerFdDpcDriver() {
    }

    @Override
    public void onDeviceAdd(Device device) {
        interrupt = device.createInterrupt(InterruptConfig.builder(this::onIsr)
                .name(device.name() + ".irq")
                .dpc(this::onDpc)
                .build());
        device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL)
                .name(device.name() + ".status").defaultQueue(true)
                .onRead(this::onRead).build());
    }

    /** The ISR, at DIRQL holding the spin lock: count the tick, queue the DPC, claim. */
    boolean onIsr(Interrupt i, int messageId) {
        isrTicks++;
        lastIsrNanos = System.nanoTime();
        i.queueDpcForIsr();
        return true;
    }

    /** The DPC, at DISPATCH: snapshot the shared state under the interrupt lock. */
    void onDpc(Interrupt i, WdfObject associated) {
        long ticks;
        long isrNanos;
        i.acquireLock();
        try {
            ticks = isrTicks;
            isrNanos = lastIsrNanos;
        } finally {
            i.releaseLock();
        }
        LongConsumer probe = deferredLatencyProbe;
        if (probe != null) {
            probe.accept(System.nanoTime() - isrNanos);
        }
        dpcSnapshotTicks = ticks;
        dpcSnapshotIsrNanos = isrNanos;
        dpcRuns = dpcRuns + 1;
    }

    /** EvtIoRead: the counters, the ISR's taken under the lock. */
    void onRead(IoQueue q, Request request, long length) {
        if (length < STATUS_LENGTH) {
            request.complete(RequestStatus.BUFFER_TOO_SMALL);
            return;
        }
        // The DPC's counters first (runs, then its snapshot, the reverse of the order the DPC
        // writes them), the ISR's last: each only grows, so the status reads ticks >= DPC ticks
        // >= DPC runs even when a DPC runs during this read (read after the ticks, a DPC's
        // snapshot could be newer than them: a clean-clone run saw ticks 23 against 24).
        long runs = dpcRuns;
        long snapshot = dpcSnapshotTicks;
        long ticks;
        interrupt.acquireLock();
        try {
            ticks = isrTicks;
        } finally {
            interrupt.releaseLock();
        }
        ByteBuffer out = request.retrieveOutputBuffer();
        out.putLong(ticks).putLong(snapshot).putLong(runs);
        request.completeWithInformation(RequestStatus.SUCCESS, STATUS_LENGTH);
    }

    /** Receives, in each DPC, the time from the start of the last ISR it saw to the DPC's snapshot. */
    public void setDeferredLatencyProbe(LongConsumer probe) {
        this.deferredLatencyProbe = probe;
    }

    /** DPC runs so far. */
    public long dpcRuns() {
        return dpcRuns;
    }

    /** The tick count the last DPC saw. Read it after the device stopped, or accept a stale value. */
    public long dpcSnapshotTicks() {
        return dpcSnapshotTicks;
    }

    /** The {@code System.nanoTime()} of the ISR the last DPC saw; after the device stopped. */
    public long dpcSnapshotIsrNanos() {
        return dpcSnapshotIsrNanos;
    }
}
