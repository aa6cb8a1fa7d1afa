package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.IoQueue;
import io.github.irq4j.IoQueueConfig;
import io.github.irq4j.IoQueueDispatchType;
import io.github.irq4j.PnpPowerCallbacks;
import io.github.irq4j.Registers;
import io.github.irq4j.Request;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.Resource;
import io.github.irq4j.WdfObject;
import io.github.irq4j.sim.SimTimer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A spin-lock (DIRQL) driver in the style of a PCI DMA device, on the simulated timer: the ISR runs
 * at DIRQL holding the interrupt spin lock, reads and acknowledges the status register, records
 * what the hardware reported in state shared with the rest of the driver, and queues its DPC; the
 * DPC ({@code DISPATCH}) takes a snapshot of that state under {@code acquireLock()}; the I/O path
 * programs the device (a write sets the period register) and reads the state under the same lock.
 * This is the pattern of the {@code KeAcquireInterruptSpinLock} page (the ISR and the code that
 * touches what it touches share the interrupt spin lock), with {@code WdfInterruptAcquireLock} used
 * as the Static Driver Verifier rule {@code WdfInterruptLock} requires.
 *
 * <p>Requests on the default (parallel) queue:
 * <ul>
 * <li>read of 16 bytes: two big-endian longs, interrupts the ISR claimed and the hardware's
 *     {@code COUNT} register at the last ISR;</li>
 * <li>write of 8 bytes: a big-endian period in nanoseconds ({@code >= 1000}) programmed into
 *     {@code PERIOD_NS}.</li>
 * </ul>
 * Spin-lock interrupts may be locked from the arbitrary threads of queue callbacks: the
 * {@code InterruptLockArbitraryThread} rule is about passive interrupts.
 */
public final class SpinLockTimerDriver implements Driver, PnpPowerCallbacks {

    /** Size of a status read. */
    public static final int STATUS_LENGTH = 16;

    private Interrupt interrupt;
    private Registers regs;
    private IoQueue queue;

    // Shared with the ISR: guarded by the interrupt spin lock.
    private long isrTicks;
    private long hardwareCount;
    private long programmedPeriodNs;

    // The DPC's own copy: written by the DPC only (one DPC runs at a time per interrupt).
    private long dpcSnapshotTicks;
    private volatile long dpcRuns;

    private volatile long isrStartNanos;
    private volatile LongConsumer deferredLatencyProbe;

    public SpinLockTimerDriver() {
    }

    @Override
    public void onDeviceAdd(Device device) {
        device.setPnpPowerCallbacks(this);
        interrupt = device.createInterrupt(InterruptConfig.builder(this::onIsr)
                .name(device.name() + ".irq")
                .dpc(this::onDpc)
                .onEnable((i, d) -> regs.write32(SimTimer.CONTROL, SimTimer.CONTROL_ENABLE | SimTimer.CONTROL_INT_ENABLE))
                .onDisable((i, d) -> regs.write32(SimTimer.CONTROL, 0))
                .build());
        queue = device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL)
                .name(device.name() + ".requests").defaultQueue(true)
                .onRead(this::onRead).onWrite(this::onWrite).build());
    }

    @Override
    public void onPrepareHardware(Device device, List<Resource> resources) {
        regs = SampleResources.registers(device, resources, "the timer's", "timer");
    }

    /** The ISR, at DIRQL holding the spin lock: read and acknowledge the status, record, queue the DPC. */
    boolean onIsr(Interrupt i, int messageId) {
        int status = regs.read32(SimTimer.INT_STATUS);
        if (status == 0) {
            return false;
        }
        isrStartNanos = System.nanoTime();
        regs.write32(SimTimer.INT_ACK, status);
        isrTicks++;
        hardwareCount = regs.read64(SimTimer.COUNT);
        i.queueDpcForIsr();
        return true;
    }

    /** The DPC, at DISPATCH: snapshot the shared state under the interrupt lock. */
    void onDpc(Interrupt i, WdfObject associated) {
        LongConsumer probe = deferredLatencyProbe;
        if (probe != null) {
            probe.accept(System.nanoTime() - isrStartNanos);
        }
        long ticks;
        i.acquireLock();
        try {
            ticks = isrTicks;
        } finally {
            i.releaseLock();
        }
        dpcSnapshotTicks = ticks;
        dpcRuns = dpcRuns + 1;
    }

    /** EvtIoRead: the status, read under the lock. */
    void onRead(IoQueue q, Request request, long length) {
        if (length < STATUS_LENGTH) {
            request.complete(RequestStatus.BUFFER_TOO_SMALL);
            return;
        }
        long ticks;
        long count;
        interrupt.acquireLock();
        try {
            ticks = isrTicks;
            count = hardwareCount;
        } finally {
            interrupt.releaseLock();
        }
        ByteBuffer out = request.retrieveOutputBuffer();
        out.putLong(ticks).putLong(count);
        request.completeWithInformation(RequestStatus.SUCCESS, STATUS_LENGTH);
    }

    /** EvtIoWrite: program the period register under the lock, as a DMA driver programs a transfer. */
    void onWrite(IoQueue q, Request request, long length) {
        if (length != Long.BYTES) {
            request.complete(RequestStatus.INVALID_PARAMETER);
            return;
        }
        long period = request.retrieveInputBuffer().getLong(0);
        if (period < SimTimer.MIN_PERIOD_NS) {
            request.complete(RequestStatus.INVALID_PARAMETER);
            return;
        }
        interrupt.acquireLock();
        try {
            regs.write64(SimTimer.PERIOD_NS, period);
            programmedPeriodNs = period;
        } finally {
            interrupt.releaseLock();
        }
        request.completeWithInformation(RequestStatus.SUCCESS, Long.BYTES);
    }

    /** Receives, in each DPC, the time from the ISR start to the DPC's start. */
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

    /** The period the I/O path programmed last (0 if none); after the device stopped. */
    public long programmedPeriodNs() {
        return programmedPeriodNs;
    }
}
