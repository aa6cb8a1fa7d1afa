package io.github.irq4j.linux;

import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * An interrupt source over a UIO device ({@code /dev/uioN}, such as {@code uio_pci_generic}
 * for a PCI INTx line): message 0. A poll reads the 4-byte total interrupt count; the difference
 * to the last count is handed to the ISRs as the signal's count, and a difference above 1 is
 * counted as {@code delta - 1} lost interrupts (SPEC 3). After the ISRs ran,
 * {@link #acknowledge} re-enables the interrupt by writing a 4-byte 1 (the kernel handler of
 * {@code uio_pci_generic} masks INTx on each interrupt). {@link #mask}/{@link #unmask} write 0/1.
 * <pre>{@code
 * UioSource uio = new UioSource(Path.of("/dev/uio0"));    // probes the node: ENOENT says what to load
 * MappedRegisters bar = MappedRegisters.mapUio(Path.of("/dev/uio0"), 0);
 * }</pre>
 */
public final class UioSource extends EpollSource {

    private final Path device;
    /** The connection's descriptor of /dev/uioN; -1 when closed. Dispatch thread (open/close under the source lock). */
    private volatile int fd = -1;
    /** The last total count read; -1 until known. Dispatch thread only. */
    private long lastCount = -1;

    /**
     * Probes {@code device} (opens and closes it) so that a missing or forbidden device fails here.
     *
     * @param device such as {@code /dev/uio0}
     * @throws IllegalArgumentException if the path is not {@code /dev/uioN}
     * @throws NativeIoException {@code ENOENT} (no UIO device: load {@code uio_pci_generic} and bind
     *         the device), {@code EACCES} (permissions)
     */
    public UioSource(Path device) throws IOException {
        super(device.toString(), 1);
        Uio.uioName(device);
        this.device = device;
        FileDescriptors.close(Uio.open(device));
    }

    /** The device node. */
    public Path device() {
        return device;
    }

    @Override
    void openKernel(Arena arena, CallState st) throws IOException {
        int f = Uio.open(device);
        fd = f;
        lastCount = Uio.sysfsCount(device);
        register(f, st);
        if (!isMasked(0)) {
            Uio.irqControl(f, true, st, device.toString());
        }
    }

    @Override
    void closeKernel() {
        int f = fd;
        fd = -1;
        FileDescriptors.close(f);
    }

    @Override
    int drain(int index, SignalHandler handler, CallState st) throws IOException {
        long total = Uio.readCount(fd, st, device.toString());
        if (total < 0) {
            return 0;
        }
        long delta = lastCount < 0 ? 1 : (total - lastCount) & 0xFFFF_FFFFL;
        lastCount = total;
        if (delta == 0) {
            delta = 1;   // the count wrapped around 2^32 exactly: one interrupt at least
        }
        if (delta > 1) {
            addLost(0, delta - 1);
        }
        handler.onSignal(0, delta);
        return 1;
    }

    /** Re-enables the interrupt (writes 1) unless {@link #mask} is in force. Dispatch thread. */
    @Override
    public void acknowledge(int message, boolean claimed) {
        if (isMasked(0)) {
            return;
        }
        try {
            Uio.irqControl(fd, true, dispatchState(), device.toString());
        } catch (NativeIoException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void maskAtSource(int message, boolean mask, CallState st) throws IOException {
        Uio.irqControl(fd, !mask, st, device.toString());
    }
}
