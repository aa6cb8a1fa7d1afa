package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.DevicePowerState;
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
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A driver for QEMU's {@code edu} PCI device (register map in {@link EduRegisters}), written as a
 * KMDF driver for a PCI device with a spin-lock (DIRQL) interrupt: the same class runs over UIO
 * ({@code uio_pci_generic}, INTx), over VFIO (INTx or MSI) and on the simulator's model.
 *
 * <ul>
 * <li>{@code EvtDevicePrepareHardware}: takes BAR 0 (the device's {@code MemoryResource}) and checks
 *     the identification register ({@code 0xRRrr00ed}) and the liveness register (reads back the
 *     inversion of what was written); a device that fails either does not start.</li>
 * <li>ISR (DIRQL, interrupt spin lock held): reads the interrupt status, claims only the bits this
 *     driver owns ({@link #OWNED_BITS}), acknowledges exactly those, records them for the DPC and
 *     queues the DPC. A status with none of its bits (another device on a shared line, or a value
 *     someone else raised) is not claimed: the ISR returns {@code false} and leaves it alone.</li>
 * <li>DPC ({@code DISPATCH}): takes the recorded bits and the pending request under the interrupt
 *     lock and completes the request (or, for a DMA round trip, programs its second leg).</li>
 * <li>Default queue, sequential ({@code WdfIoQueueDispatchSequential}): the device computes one
 *     factorial or one DMA at a time, so the queue hands the driver one request at a time and the
 *     DPC's completion lets the next one in. Device controls: {@link #IOCTL_FACTORIAL} (input: a
 *     4-byte n, 0 to 12; output: n! in 4 bytes), {@link #IOCTL_PING} (raises the driver's doorbell
 *     bit; output: 8 bytes, the nanoseconds from the raise to the ISR), {@link #IOCTL_DMA_ROUND_TRIP}
 *     (input: 1 to {@link #MAX_DMA_LENGTH} bytes, sent to the device's buffer by DMA and read back into host memory by
 *     DMA; output: the bytes that came back; needs an {@link EduDmaWindow}, else
 *     {@code NOT_SUPPORTED}). Input and output are big-endian.</li>
 * <li>Power-down ({@code EvtDeviceD0ExitPreInterruptsDisabled}): purges the queue (queued requests
 *     are cancelled), waits for a delivery in progress, and cancels the request the device was
 *     working on; {@code EvtDeviceD0Exit} turns the device's interrupt requests off. An interrupt that
 *     arrives for a cancelled request is claimed and acknowledged but completes nothing
 *     ({@link #strayInterrupts()}).</li>
 * </ul>
 */
public final class EduDriver implements Driver, PnpPowerCallbacks {

    /** Device control: factorial. Input a big-endian int n (0 to {@link #MAX_FACTORIAL_N}); output n! as a big-endian int. */
    public static final int IOCTL_FACTORIAL = 0x0022_2000;
    /** Device control: raise the doorbell bit {@link #INT_PING}; output the raise-to-ISR time in ns as a big-endian long. */
    public static final int IOCTL_PING = 0x0022_2004;
    /** Device control: DMA the input to the device's buffer and back; output the bytes read back. */
    public static final int IOCTL_DMA_ROUND_TRIP = 0x0022_2008;
    /**
     * The longest DMA round trip: one byte less than the device's 4 KiB buffer, because QEMU's edu
     * (7.2) rejects a transfer that ends exactly at the buffer's end as out of bounds and stops
     * the machine ({@code hw_error}).
     */
    public static final int MAX_DMA_LENGTH = EduRegisters.DMA_BUFFER_SIZE - 1;
    /** The largest n whose factorial fits the device's unsigned 32-bit register. */
    public static final int MAX_FACTORIAL_N = 12;
    /**
     * The driver's doorbell: an interrupt status bit the device never raises by itself, which
     * {@link #IOCTL_PING} writes to the raise register (the software-triggered interrupt of the
     * edu device) to measure the interrupt path.
     */
    public static final int INT_PING = 0x002;
    /** The interrupt status bits this driver claims; any other bit belongs to someone else. */
    public static final int OWNED_BITS = EduRegisters.INT_FACTORIAL | INT_PING | EduRegisters.INT_DMA;

    /** How long power-down waits for a device control callback in progress to return. */
    private static final long CALLBACK_DRAIN_NANOS = 10_000_000_000L;

    private final EduDmaWindow dma;
    private Interrupt interrupt;
    private Registers regs;
    private IoQueue queue;
    private volatile int deviceVersion;

    // Shared by the ISR, the DPC and the I/O path: guarded by the interrupt spin lock.
    private Request current;
    private EduCommand currentKind = EduCommand.NONE;
    private int dmaLength;
    private int pendingBits;
    private long pingRaisedNanos;
    private long pingIsrNanos;
    /** Between onEnable and onDisable: factorials may raise their interrupt. */
    private boolean interruptEnabled;

    // Counters, each written under the interrupt lock (ISR or DPC), read without it.
    private volatile long factorialInterrupts;
    private volatile long pingInterrupts;
    private volatile long dmaInterrupts;
    private volatile long notOwnedStatus;
    private volatile long strayInterrupts;

    private final AtomicLong raisesRequested = new AtomicLong();
    private final AtomicLong callbacksEntered = new AtomicLong();
    private final AtomicInteger inCallback = new AtomicInteger();

    /** A driver without DMA ({@link #IOCTL_DMA_ROUND_TRIP} answers {@code NOT_SUPPORTED}), as over UIO. */
    public EduDriver() {
        this(null);
    }

    /** A driver that performs DMA through {@code dma} ({@code null}: none). */
    public EduDriver(EduDmaWindow dma) {
        this.dma = dma;
    }

    @Override
    public void onDeviceAdd(Device device) {
        device.setPnpPowerCallbacks(this);
        interrupt = device.createInterrupt(InterruptConfig.builder(this::onIsr)
                .name(device.name() + ".irq")
                .dpc(this::onDpc)
                .onEnable((i, d) -> onEnable())
                .onDisable((i, d) -> onDisable())
                .build());
        queue = device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL)
                .name(device.name() + ".requests").defaultQueue(true)
                .onRead(this::onRead).onDeviceControl(this::onDeviceControl).build());
    }

    /** EvtDevicePrepareHardware: BAR 0, identification and liveness. */
    @Override
    public void onPrepareHardware(Device device, List<Resource> resources) {
        Registers bar = SampleResources.registers(device, resources, "the edu device's BAR 0", "edu");
        deviceVersion = EduRegisters.checkIdentity(device.name(), bar);
        regs = bar;
    }

    /** After a restart, deliver requests again. */
    @Override
    public void onD0EntryPostInterruptsEnabled(Device device, DevicePowerState previousState) {
        queue.start();
    }

    /**
     * Power-down while the interrupt lock can still be taken: no new requests, none queued, and the
     * request the device works on cancelled.
     */
    @Override
    public void onD0ExitPreInterruptsDisabled(Device device, DevicePowerState targetState) {
        queue.purge();
        awaitDeliveriesReturned();
        Request cancelled;
        interrupt.acquireLock();
        try {
            cancelled = current;
            current = null;
            currentKind = EduCommand.NONE;
        } finally {
            interrupt.releaseLock();
        }
        if (cancelled != null) {
            cancelled.complete(RequestStatus.CANCELLED);
        }
    }

    /** Waits (bounded) until every device control the queue delivered has returned from its callback. */
    private void awaitDeliveriesReturned() {
        long deadline = System.nanoTime() + CALLBACK_DRAIN_NANOS;
        while ((inCallback.get() > 0 || callbacksEntered.get() < queue.statistics().delivered()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * Disables the interrupt in the middle of traffic ({@code WdfInterruptDisable}), as a driver
     * does around a reset: first the queue stops delivering and a delivery in progress returns (the
     * I/O path takes the interrupt lock, which is not allowed while the interrupt is disabled),
     * then {@link Interrupt#disable()}. The request on the device stays pending; queued ones wait.
     * {@code PASSIVE}; blocks until the interrupt's DPC has been flushed.
     */
    public void disableInterrupt() {
        queue.stop();
        awaitDeliveriesReturned();
        interrupt.disable();
    }

    /**
     * Enables the interrupt again ({@code WdfInterruptEnable}; {@code onEnable} re-raises what
     * finished meanwhile) and restarts the queue. {@code PASSIVE}.
     */
    public void enableInterrupt() {
        interrupt.enable();
        queue.start();
    }

    /** The interrupt is disconnected: turn the device's interrupt requests off and clear what is left. */
    @Override
    public void onD0Exit(Device device, DevicePowerState targetState) {
        regs.write32(EduRegisters.STATUS, 0);
        regs.write32(EduRegisters.INT_ACK, regs.read32(EduRegisters.INT_STATUS) & OWNED_BITS);
    }

    /**
     * EvtInterruptEnable (interrupt lock held): let factorials raise their interrupt again, and
     * re-raise what happened while the interrupt was disabled, so that no request waits forever: a
     * factorial that finished silently, or an owned status bit whose interrupt went unclaimed (an
     * MSI message is an edge: it is not sent again by itself).
     */
    private void onEnable() {
        interruptEnabled = true;
        regs.write32(EduRegisters.STATUS, EduRegisters.STATUS_RAISE_IRQ);
        int pending = regs.read32(EduRegisters.INT_STATUS) & OWNED_BITS;
        if (currentKind == EduCommand.FACTORIAL && (regs.read32(EduRegisters.STATUS) & EduRegisters.STATUS_COMPUTING) == 0) {
            pending |= EduRegisters.INT_FACTORIAL;
        }
        if (pending != 0) {
            regs.write32(EduRegisters.INT_RAISE, pending);
        }
    }

    /** EvtInterruptDisable (interrupt lock held): a factorial finishing from now on raises no interrupt. */
    private void onDisable() {
        interruptEnabled = false;
        regs.write32(EduRegisters.STATUS, 0);
    }

    /** The ISR, at DIRQL holding the spin lock: claim and acknowledge only the bits this driver owns. */
    boolean onIsr(Interrupt i, int messageId) {
        int status = regs.read32(EduRegisters.INT_STATUS);
        int mine = status & OWNED_BITS;
        if (mine == 0) {
            notOwnedStatus = notOwnedStatus + 1;
            return false;
        }
        regs.write32(EduRegisters.INT_ACK, mine);
        if ((mine & INT_PING) != 0) {
            pingIsrNanos = System.nanoTime();
            pingInterrupts = pingInterrupts + 1;
        }
        if ((mine & EduRegisters.INT_FACTORIAL) != 0) {
            factorialInterrupts = factorialInterrupts + 1;
        }
        if ((mine & EduRegisters.INT_DMA) != 0) {
            dmaInterrupts = dmaInterrupts + 1;
        }
        pendingBits |= mine;
        i.queueDpcForIsr();
        return true;
    }

    /** The DPC, at DISPATCH: finish (or advance) the pending request. */
    void onDpc(Interrupt i, WdfObject associated) {
        Request done = null;
        EduCommand kind;
        int result = 0;
        long latency = 0;
        i.acquireLock();
        try {
            int bits = pendingBits;
            pendingBits = 0;
            kind = currentKind;
            int expected = kind.interruptBit();
            if ((bits & ~expected) != 0) {
                strayInterrupts = strayInterrupts + Integer.bitCount(bits & ~expected);
            }
            if ((bits & expected) != 0) {
                if (kind == EduCommand.DMA_TO_DEVICE) {
                    currentKind = EduCommand.DMA_TO_RAM;
                    startDma(EduRegisters.DMA_BUFFER, dma.deviceAddress() + EduRegisters.DMA_BUFFER_SIZE, dmaLength,
                            EduRegisters.DMA_CMD_TO_RAM);
                } else {
                    done = current;
                    current = null;
                    currentKind = EduCommand.NONE;
                    result = kind == EduCommand.FACTORIAL ? regs.read32(EduRegisters.FACTORIAL) : 0;
                    latency = pingIsrNanos - pingRaisedNanos;
                }
            }
        } finally {
            i.releaseLock();
        }
        if (done != null) {
            kind.complete(done, result, latency, dma);
        }
    }

    /**
     * EvtIoRead (what {@code ./irq4j run} sends): rings the doorbell as {@link #IOCTL_PING} does and
     * returns the first bytes (at most 8) of the big-endian raise-to-ISR time in ns.
     */
    void onRead(IoQueue q, Request request, long length) {
        callbacksEntered.incrementAndGet();
        inCallback.incrementAndGet();
        try {
            startPing(request, Long.BYTES, EduCommand.DOORBELL_READ);
        } finally {
            inCallback.decrementAndGet();
        }
    }

    /** EvtIoDeviceControl: validate, then program the device under the interrupt lock. */
    void onDeviceControl(IoQueue q, Request request, long outputLength, long inputLength, int code) {
        callbacksEntered.incrementAndGet();
        inCallback.incrementAndGet();
        try {
            switch (code) {
                case IOCTL_FACTORIAL -> startFactorial(request, outputLength, inputLength);
                case IOCTL_PING -> startPing(request, outputLength, EduCommand.PING);
                case IOCTL_DMA_ROUND_TRIP -> startDmaRoundTrip(request, outputLength, inputLength);
                default -> request.complete(RequestStatus.INVALID_DEVICE_REQUEST);
            }
        } finally {
            inCallback.decrementAndGet();
        }
    }

    private void startFactorial(Request request, long outputLength, long inputLength) {
        if (inputLength != Integer.BYTES || outputLength < Integer.BYTES) {
            request.complete(RequestStatus.INVALID_PARAMETER);
            return;
        }
        int n = request.retrieveInputBuffer().getInt(0);
        if (n < 0 || n > MAX_FACTORIAL_N) {
            request.complete(RequestStatus.INVALID_PARAMETER);
            return;
        }
        boolean busy;
        interrupt.acquireLock();
        try {
            busy = current != null || (regs.read32(EduRegisters.STATUS) & EduRegisters.STATUS_COMPUTING) != 0;
            if (!busy) {
                current = request;
                currentKind = EduCommand.FACTORIAL;
                raisesRequested.incrementAndGet();
                regs.write32(EduRegisters.STATUS, interruptEnabled ? EduRegisters.STATUS_RAISE_IRQ : 0);
                regs.write32(EduRegisters.FACTORIAL, n);
            }
        } finally {
            interrupt.releaseLock();
        }
        if (busy) {
            request.complete(RequestStatus.DEVICE_NOT_READY);
        }
    }

    private void startPing(Request request, long outputLength, EduCommand command) {
        if (outputLength < Long.BYTES) {
            request.complete(RequestStatus.BUFFER_TOO_SMALL);
            return;
        }
        boolean busy;
        interrupt.acquireLock();
        try {
            busy = current != null;
            if (!busy) {
                current = request;
                currentKind = command;
                raisesRequested.incrementAndGet();
                pingRaisedNanos = System.nanoTime();
                regs.write32(EduRegisters.INT_RAISE, INT_PING);
            }
        } finally {
            interrupt.releaseLock();
        }
        if (busy) {
            request.complete(RequestStatus.DEVICE_NOT_READY);
        }
    }

    private void startDmaRoundTrip(Request request, long outputLength, long inputLength) {
        if (dma == null) {
            request.complete(RequestStatus.NOT_SUPPORTED);
            return;
        }
        if (inputLength < 1 || inputLength > MAX_DMA_LENGTH || outputLength < inputLength) {
            request.complete(RequestStatus.INVALID_PARAMETER);
            return;
        }
        int length = (int) inputLength;
        ByteBuffer in = request.retrieveInputBuffer();
        MemorySegment send = dma.memory();
        for (int k = 0; k < length; k++) {
            send.set(ValueLayout.JAVA_BYTE, k, in.get(k));
        }
        boolean busy;
        interrupt.acquireLock();
        try {
            busy = current != null;
            if (!busy) {
                current = request;
                currentKind = EduCommand.DMA_TO_DEVICE;
                dmaLength = length;
                raisesRequested.addAndGet(2);
                startDma(dma.deviceAddress(), EduRegisters.DMA_BUFFER, length, 0);
            }
        } finally {
            interrupt.releaseLock();
        }
        if (busy) {
            request.complete(RequestStatus.DEVICE_NOT_READY);
        }
    }

    /** Programs one DMA transfer that raises {@link EduRegisters#INT_DMA} when done. Interrupt lock held. */
    private void startDma(long source, long destination, int length, int direction) {
        regs.write64(EduRegisters.DMA_SOURCE, source);
        regs.write64(EduRegisters.DMA_DESTINATION, destination);
        regs.write64(EduRegisters.DMA_COUNT, length);
        regs.write64(EduRegisters.DMA_COMMAND, EduRegisters.DMA_CMD_START | direction | EduRegisters.DMA_CMD_RAISE_IRQ);
    }

    /** The device's version from the identification register ({@code 0xRRrr}), once prepared. */
    public int deviceVersion() {
        return deviceVersion;
    }

    /** Interrupts the driver asked the device for: one per factorial and ping, two per DMA round trip. */
    public long raisesRequested() {
        return raisesRequested.get();
    }

    /** ISR calls that found the factorial bit. */
    public long factorialInterrupts() {
        return factorialInterrupts;
    }

    /** ISR calls that found the doorbell bit. */
    public long pingInterrupts() {
        return pingInterrupts;
    }

    /** ISR calls that found the DMA bit. */
    public long dmaInterrupts() {
        return dmaInterrupts;
    }

    /** ISR calls that found none of the driver's bits (not claimed). */
    public long notOwnedStatus() {
        return notOwnedStatus;
    }

    /** Owned bits the DPC found with no request waiting for them (for example after a cancel). */
    public long strayInterrupts() {
        return strayInterrupts;
    }
}
