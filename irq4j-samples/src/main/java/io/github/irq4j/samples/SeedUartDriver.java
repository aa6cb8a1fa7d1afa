package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.DevicePowerState;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.IoQueue;
import io.github.irq4j.PnpPowerCallbacks;
import io.github.irq4j.Registers;
import io.github.irq4j.Request;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.Resource;
import io.github.irq4j.WdfObject;
import io.github.irq4j.WorkItem;
import io.github.irq4j.WorkItemConfig;
import io.github.irq4j.sim.SimUart;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The driver of the {@code WdfInterruptTryToAcquireLock} page's example on the simulated UART,
 * shared by its two variants {@link SequentialUartDriver} and {@link ParallelUartDriver}.
 *
 * <p>A passive-level interrupt ({@code passiveHandling(true)}): the ISR runs at {@code PASSIVE}
 * holding the interrupt's wait lock, reads {@code INT_STATUS}, moves the bytes of the receive FIFO
 * into a driver-side ring ({@link UartReadContext}) shared with the I/O path, acknowledges, and
 * queues the interrupt's work item, which serves waiting reads. Reads arrive in {@code EvtIoRead}
 * ({@link #onRead}), an arbitrary thread, which may not block on the passive lock:
 * <blockquote>For passive-level interrupt objects, drivers must call
 * WdfInterruptTryToAcquireLock instead of WdfInterruptAcquireLock, when running in an arbitrary
 * thread, such as a queue object callback function. [...] If the method returns FALSE, the driver
 * queues a work item to perform the work in a non-arbitrary thread.</blockquote>
 * A read completes when its buffer is full: bytes are delivered in the order the UART received
 * them. A read that cannot be filled at once waits in the driver (sequential variant) or in the
 * manual queue (parallel variant) and is filled by the work items as bytes arrive.
 */
public abstract class SeedUartDriver implements Driver, PnpPowerCallbacks {

    /** Shared with the ISR: guarded by the interrupt lock. */
    final UartReadContext shared = new UartReadContext();

    Interrupt interrupt;
    Registers regs;
    /** The example's {@code ReadWorkItem}: serves a read the I/O path could not. */
    WorkItem readWorkItem;
    IoQueue defaultQueue;

    /** Requests completed with data; any thread. */
    final AtomicLong completedReads = new AtomicLong();
    /** Reads served in EvtIoRead after tryToAcquireLock() succeeded. */
    final AtomicLong tryLockHits = new AtomicLong();
    /** Reads handed to the work item because tryToAcquireLock() failed. */
    final AtomicLong handedToWorkItem = new AtomicLong();
    /** EvtIoRead calls begun, compared with the queue's deliveries at power-down. */
    private final AtomicLong readsEntered = new AtomicLong();
    /** EvtIoRead callbacks in progress, for power-down. */
    private final java.util.concurrent.atomic.AtomicInteger inRead = new java.util.concurrent.atomic.AtomicInteger();
    /** A copy of the ring's overrun count, published by the ISR. */
    private volatile long ringOverruns;
    /** ISR start time, for the deferred-latency probe; written by the ISR. */
    private volatile long isrStartNanos;
    private volatile LongConsumer deferredLatencyProbe;

    @Override
    public void onDeviceAdd(Device device) {
        device.setPnpPowerCallbacks(this);
        interrupt = device.createInterrupt(InterruptConfig.builder(this::onIsr)
                .name(device.name() + ".irq")
                .passiveHandling(true)
                .workItem(this::onInterruptWorkItem)
                .onEnable((i, d) -> regs.write32(SimUart.INT_MASK, 0))
                .onDisable((i, d) -> regs.write32(SimUart.INT_MASK, SimUart.INT_ALL))
                .build());
        readWorkItem = device.createWorkItem(WorkItemConfig.builder(this::onReadWorkItem)
                .name(device.name() + ".readWorkItem").build());
        createQueues(device);
    }

    /** Creates the default queue (and any other queue) with {@link #onRead} as its read callback. */
    abstract void createQueues(Device device);

    @Override
    public void onPrepareHardware(Device device, List<Resource> resources) {
        regs = SampleResources.registers(device, resources, "the UART's", "uart");
    }

    /**
     * The ISR ({@code EvtInterruptIsr}): at {@code PASSIVE}, holding the interrupt lock. Reads
     * and acknowledges the causes; drains the FIFO into the shared ring, which quiets the level line.
     */
    boolean onIsr(Interrupt i, int messageId) {
        int causes = regs.read32(SimUart.INT_STATUS);
        if (causes == 0) {
            return false; // not ours
        }
        isrStartNanos = System.nanoTime();
        for (int n = regs.read32(SimUart.RX_COUNT); n > 0; n--) {
            shared.put((byte) regs.read32(SimUart.DATA));
        }
        regs.write32(SimUart.INT_ACK, causes);
        ringOverruns = shared.ringOverruns();
        i.queueWorkItemForIsr();
        return true;
    }

    /** {@code EvtInterruptWorkItem}: new bytes arrived; serve waiting reads. A non-arbitrary thread. */
    void onInterruptWorkItem(Interrupt i, WdfObject associated) {
        LongConsumer probe = deferredLatencyProbe;
        if (probe != null) {
            probe.accept(System.nanoTime() - isrStartNanos);
        }
        serveWaitingReads();
    }

    /** The example's {@code EvtReadWorkItemCallback}: serve the read(s) EvtIoRead handed over. */
    void onReadWorkItem(WorkItem workItem) {
        serveWaitingReads();
    }

    /**
     * The example's {@code EvtIoRead}, in an arbitrary thread: try the lock; if it is free, do the
     * locked read and release, then finish; if not, hand the request to the work item.
     */
    void onRead(IoQueue queue, Request request, long length) {
        inRead.incrementAndGet();
        readsEntered.incrementAndGet();
        try {
            if (interrupt.tryToAcquireLock()) {
                boolean full;
                try {
                    full = readOrParkLocked(request);
                } finally {
                    interrupt.releaseLock();
                }
                tryLockHits.incrementAndGet();
                if (full) {
                    readFunctionFinish(request);
                }
            } else {
                handedToWorkItem.incrementAndGet();
                handToWorkItem(request);
            }
        } finally {
            inRead.decrementAndGet();
        }
    }

    /**
     * The example's {@code ReadFunctionLocked}: moves buffered bytes into the request. Needs the
     * interrupt lock.
     *
     * @return whether the request's buffer is full
     */
    boolean readFunctionLocked(Request request) {
        return shared.moveTo(request.retrieveOutputBuffer());
    }

    /** The example's {@code ReadFunctionFinish}: completes the request with the bytes it holds. */
    void readFunctionFinish(Request request) {
        request.completeWithInformation(RequestStatus.SUCCESS, request.retrieveOutputBuffer().position());
        completedReads.incrementAndGet();
    }

    /**
     * Holding the interrupt lock in EvtIoRead: fills the request from the ring if the variant lets
     * it take bytes now, else (or if the ring ran dry) keeps it waiting for the work items.
     *
     * @return whether the request is full and should be finished by the caller
     */
    abstract boolean readOrParkLocked(Request request);

    /** tryToAcquireLock() failed in EvtIoRead: give the request to the work item. */
    abstract void handToWorkItem(Request request);

    /** Fills waiting reads from the ring under acquireLock() and completes the full ones. Work items only. */
    abstract void serveWaitingReads();

    /**
     * Before the interrupt is disabled (its lock is still usable): stop the default queue, let
     * every EvtIoRead already delivered run and end (a delivery scheduled before the stop may not
     * have started yet), flush the read work item, then complete the reads the
     * driver still holds with {@code CANCELLED}: no byte can arrive for them any more.
     */
    @Override
    public void onD0ExitPreInterruptsDisabled(Device device, DevicePowerState targetState) {
        defaultQueue.stop();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((inRead.get() > 0 || readsEntered.get() < defaultQueue.statistics().delivered())
                && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        readWorkItem.flush();
        cancelHeldReads();
    }

    /** After a restart, deliver again. */
    @Override
    public void onD0EntryPostInterruptsEnabled(Device device, DevicePowerState previousState) {
        defaultQueue.start();
    }

    /** Takes the reads the driver holds under acquireLock() and completes them with CANCELLED. */
    abstract void cancelHeldReads();

    /** Receives, in each interrupt work item, the time from the ISR start to the work item's start. */
    public void setDeferredLatencyProbe(LongConsumer probe) {
        this.deferredLatencyProbe = probe;
    }

    /** Reads completed with data. */
    public long completedReads() {
        return completedReads.get();
    }

    /** Reads served directly in EvtIoRead (tryToAcquireLock() returned true). */
    public long tryLockHits() {
        return tryLockHits.get();
    }

    /** Reads handed to the read work item (tryToAcquireLock() returned false). */
    public long handedToWorkItem() {
        return handedToWorkItem.get();
    }

    /** Bytes the ISR dropped because the driver's ring was full. */
    public long ringOverruns() {
        return ringOverruns;
    }
}
