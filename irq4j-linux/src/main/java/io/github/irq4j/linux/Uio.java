package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Userspace I/O ({@code Documentation/driver-api/uio-howto.rst}): {@code read(2)} of
 * {@code /dev/uioN} returns the 4-byte total interrupt count and blocks (or {@code EAGAIN}) until
 * it changes; writing a 4-byte 1 re-enables the interrupt ({@code irqcontrol}), 0 disables it.
 * Maps and the current count are in {@code /sys/class/uio/uioN}.
 */
final class Uio {

    private Uio() {
    }

    /** What to check when {@code /dev/uioN} cannot be opened. */
    static String openHint(int errno) {
        return switch (errno) {
            case Errno.ENOENT -> "no UIO device; load uio_pci_generic (modprobe uio_pci_generic) and bind the device to it";
            case Errno.EACCES, Errno.EPERM -> "no permission on the UIO node; run as root or chmod/chgrp the device (udev rule)";
            case Errno.EBUSY -> "the UIO device is in use";
            default -> null;
        };
    }

    /** Opens {@code /dev/uioN} read-write and non-blocking. */
    static int open(Path device) throws NativeIoException {
        return FileDescriptors.open(device.toString(), FileDescriptors.O_RDWR | FileDescriptors.O_NONBLOCK, Uio::openHint);
    }

    /**
     * Reads the total interrupt count.
     *
     * @return the count as an unsigned 32-bit value, or -1 if it has not changed since the last read ({@code EAGAIN})
     */
    static long readCount(int fd, CallState st, String what) throws NativeIoException {
        long n = FileDescriptors.read(fd, st.scratch, 4, st, what);
        return n == 4 ? Integer.toUnsignedLong(st.scratch.get(JAVA_INT, 0)) : -1;
    }

    /**
     * Writes {@code 1} (enable) or {@code 0} (disable) to the device's {@code irqcontrol}.
     *
     * @throws NativeIoException {@code EIO}/{@code ENOSYS} if the UIO driver has no irqcontrol
     */
    static void irqControl(int fd, boolean enable, CallState st, String what) throws NativeIoException {
        st.scratch.set(JAVA_INT, 0, enable ? 1 : 0);
        FileDescriptors.write(fd, st.scratch, 4, st, what);
    }

    /** Offset of the 16-bit PCI command register in config space. */
    static final long PCI_COMMAND = 0x04;
    /** The command register's Interrupt Disable bit (PCI 2.3): set, the function does not assert INTx. */
    static final int PCI_COMMAND_INTX_DISABLE = 0x400;

    /** {@code /sys/class/uio/uioN/device/config}: the PCI config space of the UIO device's function. */
    static Path pciConfig(Path device) {
        return Path.of("/sys/class/uio", uioName(device), "device", "config");
    }

    /**
     * Sets or clears the PCI Interrupt Disable bit by a read-modify-write of the command register in
     * config space: how user space re-enables INTx for {@code uio_pci_generic}, which masks the
     * line with that bit in its handler and has no {@code irqcontrol} (a write to {@code /dev/uioN}
     * fails with {@code ENOSYS}). Uses {@code st}'s scratch; allocates nothing.
     */
    static void pciIntx(int configFd, boolean enable, CallState st, String what) throws NativeIoException {
        FileDescriptors.pread(configFd, st.scratch, 2, PCI_COMMAND, st, what);
        int command = st.scratch.get(JAVA_SHORT, 0) & 0xffff;
        int updated = enable ? command & ~PCI_COMMAND_INTX_DISABLE : command | PCI_COMMAND_INTX_DISABLE;
        st.scratch.set(JAVA_SHORT, 0, (short) updated);
        FileDescriptors.pwrite(configFd, st.scratch, 2, PCI_COMMAND, st, what);
    }

    /** The UIO name, such as {@code uio0}, of {@code /dev/uio0}. */
    static String uioName(Path device) {
        String n = device.getFileName().toString();
        if (!n.matches("uio\\d+")) {
            throw new IllegalArgumentException("UIO device " + device + " (expected: /dev/uioN, such as /dev/uio0)");
        }
        return n;
    }

    /** The current total count from {@code /sys/class/uio/uioN/event}, or -1 if sysfs does not say. */
    static long sysfsCount(Path device) {
        try {
            return Long.parseLong(Files.readString(Path.of("/sys/class/uio", uioName(device), "event")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** How many maps the device has ({@code /sys/class/uio/uioN/maps/mapM}). */
    static int mapCount(Path device) {
        int m = 0;
        while (Files.isDirectory(Path.of("/sys/class/uio", uioName(device), "maps", "map" + m))) {
            m++;
        }
        return m;
    }

    /** The size of map {@code index}, from {@code /sys/class/uio/uioN/maps/mapM/size} (hex, {@code 0x1000}). */
    static long mapSize(Path device, int index) throws IOException {
        Path size = Path.of("/sys/class/uio", uioName(device), "maps", "map" + index, "size");
        try {
            String s = Files.readString(size).trim();
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NoSuchFileException e) {
            throw new NativeIoException("read", size.toString(), Errno.ENOENT,
                    "the UIO device has no map " + index + "; list /sys/class/uio/" + uioName(device) + "/maps");
        }
    }
}
