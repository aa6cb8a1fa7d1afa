package io.github.irq4j.linux;

import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    /**
     * The PCI config space descriptor when the UIO driver has no {@code irqcontrol}
     * ({@code uio_pci_generic}): re-enabling clears the command register's Interrupt Disable bit
     * there instead of writing to the device node. -1 otherwise or when closed.
     */
    private volatile int configFd = -1;
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
    void openKernel(CallState st) throws IOException {
        int f = Uio.open(device);
        fd = f;
        lastCount = Uio.sysfsCount(device);
        register(f, st);
        if (!isMasked(0)) {
            setEnabled(true, st);
        }
    }

    /**
     * Enables or disables the interrupt: {@code irqcontrol} (a 4-byte write to the node) where the
     * UIO driver has it; where it answers {@code ENOSYS} ({@code uio_pci_generic}), the PCI
     * Interrupt Disable bit in config space from then on.
     */
    private void setEnabled(boolean enable, CallState st) throws NativeIoException {
        int cfg = configFd;
        if (cfg >= 0) {
            Uio.pciIntx(cfg, enable, st, Uio.pciConfig(device).toString());
            return;
        }
        try {
            Uio.irqControl(fd, enable, st, device.toString());
        } catch (NativeIoException e) {
            if (e.expectedErr() != Errno.ENOSYS) {
                throw e;
            }
            cfg = FileDescriptors.open(Uio.pciConfig(device).toString(), FileDescriptors.O_RDWR, null);
            configFd = cfg;
            Uio.pciIntx(cfg, enable, st, Uio.pciConfig(device).toString());
        }
    }

    @Override
    void closeKernel() {
        int f = fd;
        fd = -1;
        FileDescriptors.close(f);
        int cfg = configFd;
        configFd = -1;
        FileDescriptors.close(cfg);
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

    /**
     * Re-enables the interrupt after a claim unless {@link #mask} is in force. Dispatch thread. As
     * for VFIO INTx, an unclaimed interrupt stays disabled (the line is still asserted by a cause
     * no ISR recognised, and re-enabling it would storm) until {@link #unmask(int)}.
     */
    @Override
    public void acknowledge(int message, boolean claimed) {
        if (!claimed || isMasked(0)) {
            return;
        }
        try {
            setEnabled(true, dispatchState());
        } catch (NativeIoException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void maskAtSource(int message, boolean mask, CallState st) throws IOException {
        setEnabled(!mask, st);
    }
}
