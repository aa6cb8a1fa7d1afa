package io.github.irq4j.linux;

import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An interrupt source over the vectors of one VFIO IRQ index (INTx, MSI or MSI-X): message i is
 * vector i. Opening creates one eventfd per vector and hands them to the kernel with
 * {@code VFIO_DEVICE_SET_IRQS} ({@code DATA_EVENTFD | ACTION_TRIGGER}); closing detaches them
 * ({@code DATA_NONE | ACTION_TRIGGER}, count 0) and closes them. A poll reads each ready eventfd;
 * a count above 1 means coalesced interrupts, accumulated in {@link #lostSignals(int)}.
 *
 * <p>INTx is level-triggered and the kernel masks it on each interrupt: {@link #acknowledge}
 * unmasks it ({@code ACTION_UNMASK}) after an ISR claimed it. An unclaimed INTx stays masked
 * (the device asserted a line no ISR recognised, which would otherwise storm) until
 * {@link #unmask(int)}. {@link #mask}/{@link #unmask} use {@code ACTION_MASK}/{@code ACTION_UNMASK}
 * for INTx; MSI and MSI-X, which vfio-pci cannot mask, are masked in the epoll set and their
 * signals stay pending in the eventfd.
 */
public final class VfioSource extends EpollSource {

    private final VfioDevice device;
    private final int irqIndex;
    private final int vectors;
    /** The connection's eventfds by vector, -1 where not open. Dispatch thread (open/close). */
    private final int[] eventFds;
    /** A prepared {@code vfio_irq_set} for the INTx unmask after a claim, from the connection's arena. */
    private MemorySegment unmaskIntx;

    /**
     * Checks the IRQ index and vector count against the device ({@code VFIO_DEVICE_GET_IRQ_INFO}).
     *
     * @param irqIndex {@link Vfio#VFIO_PCI_INTX_IRQ_INDEX} (0), MSI (1) or MSI-X (2)
     * @param vectors how many vectors, 1 to the index's count (1 for INTx)
     * @throws IllegalArgumentException if the index has fewer vectors or cannot signal an eventfd
     */
    public VfioSource(VfioDevice device, int irqIndex, int vectors) throws IOException {
        super(device.name() + "#" + Vfio.irqIndexName(irqIndex), Math.max(vectors, 1));
        this.device = device;
        this.irqIndex = irqIndex;
        int[] info = device.irqInfo(irqIndex);
        if (vectors < 1 || vectors > info[1]) {
            throw new IllegalArgumentException(name() + ": " + vectors + " vectors (expected: 1 <= vectors <= "
                    + info[1] + ", the count VFIO_DEVICE_GET_IRQ_INFO reports for " + Vfio.irqIndexName(irqIndex) + ")");
        }
        if ((info[0] & Vfio.VFIO_IRQ_INFO_EVENTFD) == 0) {
            throw new IllegalArgumentException(name() + ": " + Vfio.irqIndexName(irqIndex)
                    + " cannot signal an eventfd (VFIO_IRQ_INFO_EVENTFD not set)");
        }
        this.vectors = vectors;
        this.eventFds = new int[vectors];
        Arrays.fill(eventFds, -1);
    }

    /** The VFIO IRQ index: 0 INTx, 1 MSI, 2 MSI-X. */
    public int irqIndex() {
        return irqIndex;
    }

    private boolean intx() {
        return irqIndex == Vfio.VFIO_PCI_INTX_IRQ_INDEX;
    }

    @Override
    void openKernel(CallState st) throws IOException {
        for (int v = 0; v < vectors; v++) {
            eventFds[v] = EventFd.create(name() + " vector " + v);
        }
        unmaskIntx = connectionArena().allocate(Vfio.IRQ_SET_DATA, 4);
        VfioDevice.fillIrqSet(unmaskIntx, Vfio.VFIO_IRQ_SET_DATA_NONE | Vfio.VFIO_IRQ_SET_ACTION_UNMASK, irqIndex, 1);
        device.setIrqs(Vfio.VFIO_IRQ_SET_DATA_EVENTFD | Vfio.VFIO_IRQ_SET_ACTION_TRIGGER, irqIndex, vectors, eventFds, st);
        for (int v = 0; v < vectors; v++) {
            register(eventFds[v], st);   // index = vector = message
        }
    }

    @Override
    void closeKernel() {
        if (eventFds[0] >= 0) {
            try {
                device.setIrqs(Vfio.VFIO_IRQ_SET_DATA_NONE | Vfio.VFIO_IRQ_SET_ACTION_TRIGGER, irqIndex, 0, null,
                        CallState.forCurrentThread());
            } catch (IOException | RuntimeException e) {
                // Detaching failed (device gone); closing the eventfds below still ends delivery.
            }
        }
        for (int v = 0; v < vectors; v++) {
            FileDescriptors.close(eventFds[v]);
            eventFds[v] = -1;
        }
        unmaskIntx = null;
    }

    @Override
    int drain(int index, SignalHandler handler, CallState st) throws IOException {
        long count = EventFd.read(eventFds[index], st, name());
        if (count == 0) {
            return 0;
        }
        if (count > 1) {
            addLost(index, count - 1);
        }
        handler.onSignal(index, count);
        return 1;
    }

    /** Unmasks INTx after a claim ({@code ACTION_UNMASK}, prepared in open); nothing for MSI/MSI-X. Dispatch thread. */
    @Override
    public void acknowledge(int message, boolean claimed) {
        if (!intx() || !claimed || isMasked(0)) {
            return;
        }
        try {
            device.setIrqs(unmaskIntx, dispatchState());
        } catch (NativeIoException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void maskAtSource(int message, boolean mask, CallState st) throws IOException {
        if (!intx()) {
            super.maskAtSource(message, mask, st);
            return;
        }
        device.setIrqs(Vfio.VFIO_IRQ_SET_DATA_NONE | (mask ? Vfio.VFIO_IRQ_SET_ACTION_MASK : Vfio.VFIO_IRQ_SET_ACTION_UNMASK),
                irqIndex, 1, null, st);
    }
}
