package io.github.irq4j.samples;

import io.github.irq4j.Registers;

/**
 * The register map of QEMU's educational PCI device {@code edu} (1234:11e8), BAR 0, from QEMU's
 * {@code docs/specs/edu.rst}. Registers below {@code 0x80} take 32-bit accesses only; the DMA
 * registers from {@code 0x80} are 64-bit.
 */
public final class EduRegisters {

    /** PCI vendor and device ID. */
    public static final int VENDOR_ID = 0x1234;
    public static final int DEVICE_ID = 0x11e8;

    /** RO: {@code 0xRRrr00ed}, RR major and rr minor version. */
    public static final long IDENTIFICATION = 0x00;
    /** The low 16 bits of {@link #IDENTIFICATION}. */
    public static final int IDENTIFICATION_MAGIC = 0xed;
    /** RW: reads back the bitwise inversion of what was written. */
    public static final long LIVENESS = 0x04;
    /** RW: writing n starts factorial(n) (unless one is running); reading gives the result (mod 2^32). */
    public static final long FACTORIAL = 0x08;
    /** RW: status. */
    public static final long STATUS = 0x20;
    /** {@link #STATUS} bit, RO: a factorial is being computed. */
    public static final int STATUS_COMPUTING = 0x01;
    /** {@link #STATUS} bit: raise interrupt {@link #INT_FACTORIAL} when the factorial is done. */
    public static final int STATUS_RAISE_IRQ = 0x80;
    /** RO: the interrupt status, the OR of the raised and not yet acknowledged values. */
    public static final long INT_STATUS = 0x24;
    /** WO: ORs the value into {@link #INT_STATUS} and raises the interrupt. */
    public static final long INT_RAISE = 0x60;
    /** WO: clears the value's bits from {@link #INT_STATUS}; the line drops when it reaches 0. */
    public static final long INT_ACK = 0x64;
    /** The interrupt status value of a finished factorial. */
    public static final int INT_FACTORIAL = 0x001;
    /** The interrupt status value of a finished DMA transfer (with {@link #DMA_CMD_RAISE_IRQ}). */
    public static final int INT_DMA = 0x100;
    /** RW, 64-bit: DMA source address. */
    public static final long DMA_SOURCE = 0x80;
    /** RW, 64-bit: DMA destination address. */
    public static final long DMA_DESTINATION = 0x88;
    /** RW, 64-bit: DMA byte count. */
    public static final long DMA_COUNT = 0x90;
    /** RW, 64-bit: DMA command. */
    public static final long DMA_COMMAND = 0x98;
    /** {@link #DMA_COMMAND} bit: start (reads 1 while the transfer runs). */
    public static final int DMA_CMD_START = 0x1;
    /** {@link #DMA_COMMAND} bit: direction from the device to RAM (0: RAM to the device). */
    public static final int DMA_CMD_TO_RAM = 0x2;
    /** {@link #DMA_COMMAND} bit: raise {@link #INT_DMA} when done. */
    public static final int DMA_CMD_RAISE_IRQ = 0x4;
    /** The device-side address of the device's own DMA buffer. */
    public static final long DMA_BUFFER = 0x40000;
    /** The size of the device's DMA buffer. */
    public static final int DMA_BUFFER_SIZE = 4096;
    /** The default DMA mask: the device reaches the low 28 bits (256 MiB) of bus addresses. */
    public static final long DMA_MASK = (1L << 28) - 1;

    private EduRegisters() {
    }

    /**
     * The edu checks at prepare-hardware: the identification register reads {@code 0xRRrr00ed} and
     * the liveness register reads back the inversion of what was written. Returns the version
     * ({@code 0xRRrr}). {@code PASSIVE}; does not block.
     *
     * @throws IllegalStateException naming {@code device} and what was read, if either check fails
     */
    static int checkIdentity(String device, Registers bar) {
        int id = bar.read32(IDENTIFICATION);
        if ((id & 0xffff) != IDENTIFICATION_MAGIC) {
            throw new IllegalStateException("device '" + device + "': identification register reads 0x"
                    + Integer.toHexString(id) + " (expected: 0xRRrr00ed); " + bar.name() + " is not the BAR 0 of an edu device (1234:11e8)");
        }
        for (int probe : new int[] {0x1234_5678, 0xA5A5_A5A5, 0}) {
            bar.write32(LIVENESS, probe);
            int back = bar.read32(LIVENESS);
            if (back != ~probe) {
                throw new IllegalStateException("device '" + device + "': liveness check failed: wrote 0x"
                        + Integer.toHexString(probe) + ", read 0x" + Integer.toHexString(back) + " (expected: 0x"
                        + Integer.toHexString(~probe) + ")");
            }
        }
        return id >>> 16;
    }
}
