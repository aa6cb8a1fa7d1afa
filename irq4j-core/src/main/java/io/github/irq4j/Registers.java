package io.github.irq4j;

/**
 * Memory-mapped device registers, read and written at byte offsets. Mirrors
 * {@code READ_REGISTER_ULONG} / {@code WRITE_REGISTER_ULONG} and their 8, 16 and 64-bit forms.
 * Simulated devices and mapped Linux devices ({@code /sys/bus/pci/devices/.../resourceN}, UIO
 * maps) offer the same interface. Callable at any level; never blocks; allocates nothing.
 *
 * <p>Offsets must be aligned to the access size and inside {@link #size()}; otherwise the
 * call throws {@link IndexOutOfBoundsException} or {@link IllegalArgumentException}.
 */
public interface Registers {
    /** A name for messages, such as {@code "uart0.bar0"}. */
    String name();

    /** The window size in bytes. */
    long size();

    int read8(long offset);

    int read16(long offset);

    int read32(long offset);

    long read64(long offset);

    void write8(long offset, int value);

    void write16(long offset, int value);

    void write32(long offset, int value);

    void write64(long offset, long value);
}
