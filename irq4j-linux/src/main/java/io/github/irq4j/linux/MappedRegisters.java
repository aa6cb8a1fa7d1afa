package io.github.irq4j.linux;

import io.github.irq4j.Registers;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Device registers mapped with {@code mmap(2)}: a PCI BAR ({@code /sys/bus/pci/devices/D/resourceN}),
 * a UIO map ({@code /dev/uioN} at offset {@code M * pagesize}) or a VFIO region. Every access is
 * one volatile load or store of exactly the access width (8, 16, 32 or 64 bits), aligned, so the
 * device sees the same bus cycles as from C. 8- and 16-bit reads are unsigned, as
 * {@code READ_REGISTER_UCHAR}/{@code USHORT}.
 * <pre>{@code
 * try (MappedRegisters bar0 = MappedRegisters.mapPciResource(Path.of("/sys/bus/pci/devices/0000:00:03.0"), 0)) {
 *     int status = bar0.read32(0x10);
 *     bar0.write32(0x14, status);          // write-1-to-clear
 * }
 * }</pre>
 * A misaligned offset throws {@link IllegalArgumentException}, one outside the window
 * {@link IndexOutOfBoundsException}; after {@link #close()} every access throws
 * {@link IllegalStateException}.
 */
public final class MappedRegisters implements Registers, AutoCloseable {

    // Volatile access modes: the JIT keeps every load and store, in program order, at its width.
    private static final VarHandle U8 = ValueLayout.JAVA_BYTE.varHandle();
    private static final VarHandle U16 = ValueLayout.JAVA_SHORT.varHandle();
    private static final VarHandle U32 = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle U64 = ValueLayout.JAVA_LONG.varHandle();

    private final String name;
    private final Arena arena;
    /** The mapping; page aligned, so aligned offsets are aligned addresses. */
    private final MemorySegment window;

    private MappedRegisters(String name, Arena arena, MemorySegment window) {
        this.name = name;
        this.arena = arena;
        this.window = window;
    }

    /**
     * Maps {@code size} bytes of {@code file} at {@code offset}. The descriptor is closed once
     * mapped; the mapping lives until {@link #close()}.
     *
     * @param name a name for messages, such as {@code "uio0.map0"}
     * @throws IllegalArgumentException if {@code size} is not positive or {@code offset} is not page aligned
     * @throws NativeIoException naming the file and what to check
     */
    public static MappedRegisters mapFile(String name, Path file, long offset, long size) throws IOException {
        if (size <= 0 || offset < 0 || offset % Mmap.PAGE_SIZE != 0) {
            throw new IllegalArgumentException(name + ": map of " + file + " at offset " + offset + ", size " + size
                    + " (expected: size > 0 and an offset that is a multiple of the page size " + Mmap.PAGE_SIZE + ")");
        }
        int fd = FileDescriptors.open(file.toString(), FileDescriptors.O_RDWR | FileDescriptors.O_SYNC,
                errno -> errno == Errno.ENOENT ? "no such register file; check the device address and BAR or map number"
                        : null);
        try {
            return map(name, fd, offset, size, file.toString());
        } finally {
            FileDescriptors.close(fd);
        }
    }

    /**
     * Maps BAR {@code bar} of a PCI device through sysfs ({@code DEVICE/resourceN}), whole.
     *
     * @param device such as {@code /sys/bus/pci/devices/0000:00:03.0}
     */
    public static MappedRegisters mapPciResource(Path device, int bar) throws IOException {
        if (bar < 0 || bar > 5) {
            throw new IllegalArgumentException("PCI BAR " + bar + " (expected: 0 <= bar <= 5)");
        }
        Path file = device.resolve("resource" + bar);
        long size;
        try {
            size = Files.size(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NativeIoException("stat", file.toString(), Errno.ENOENT,
                    "no such BAR; check the PCI address (lspci -D) and that BAR " + bar + " is a memory BAR");
        }
        return mapFile(device.getFileName() + ".bar" + bar, file, 0, size);
    }

    /**
     * Maps map {@code index} of a UIO device: {@code /dev/uioN} at offset {@code index * pagesize},
     * with the size from {@code /sys/class/uio/uioN/maps/mapM/size}.
     *
     * @param device such as {@code /dev/uio0}
     */
    public static MappedRegisters mapUio(Path device, int index) throws IOException {
        long size = Uio.mapSize(device, index);
        return mapFile(device.getFileName() + ".map" + index, device, index * Mmap.PAGE_SIZE, size);
    }

    /** Maps {@code size} bytes of an open descriptor (a VFIO device region, a memfd); the caller keeps the descriptor. */
    static MappedRegisters map(String name, int fd, long offset, long size, String what) throws NativeIoException {
        Arena arena = Arena.ofShared();
        try {
            return new MappedRegisters(name, arena, Mmap.map(fd, offset, size, arena, what));
        } catch (NativeIoException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return window.byteSize();
    }

    @Override
    public int read8(long offset) {
        return (byte) U8.getVolatile(window, offset) & 0xFF;
    }

    @Override
    public int read16(long offset) {
        return (short) U16.getVolatile(window, offset) & 0xFFFF;
    }

    @Override
    public int read32(long offset) {
        return (int) U32.getVolatile(window, offset);
    }

    @Override
    public long read64(long offset) {
        return (long) U64.getVolatile(window, offset);
    }

    @Override
    public void write8(long offset, int value) {
        U8.setVolatile(window, offset, (byte) value);
    }

    @Override
    public void write16(long offset, int value) {
        U16.setVolatile(window, offset, (short) value);
    }

    @Override
    public void write32(long offset, int value) {
        U32.setVolatile(window, offset, value);
    }

    @Override
    public void write64(long offset, long value) {
        U64.setVolatile(window, offset, value);
    }

    /** Unmaps the window. Not while another thread accesses it: that thread's access then throws. Idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "MappedRegisters{name=" + name + ", size=" + window.byteSize() + "}";
    }
}
