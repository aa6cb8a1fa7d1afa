package io.github.irq4j.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The register map of a {@link SimDevice}: its registers, checked as they are added, found by
 * offset at each access, and printed in the errors a wrong access gets
 * ({@code "DATA 0x00, STATUS 0x04; all 32-bit"}).
 */
final class RegisterMap {

    /*
     * Decoding: byOffset[offset] is the register starting at that offset, or null. The registers
     * span a few hundred bytes at most in practice, so an array beats a map and allocates nothing;
     * it ends with the last register, however large the window (a 1 MiB PCI BAR needs no 1 MiB array).
     */

    /** What a register is to the interrupt block: a plain register with actions, or one of its three. */
    enum Kind { PLAIN, STATUS, MASK, ACK }

    /**
     * One register: a plain one reads {@code read} (null: reads 0) and writes {@code write} (null:
     * ignored). {@code narrowWidth}, if not 0, is a second, smaller access width the register also
     * takes at its offset: a read gives its low bytes, a write its value zero-extended.
     */
    record Register(String name, int offset, int width, Kind kind, LongSupplier read, LongConsumer write, int narrowWidth) {

        /** Whether an access of {@code accessWidth} bytes at this register's offset is to it. */
        boolean accepts(int accessWidth) {
            return accessWidth == width || accessWidth == narrowWidth;
        }
    }

    private final String windowName;
    private final long window;
    private final Register[] byOffset;
    private final String description;

    /**
     * @param device the model's name, for errors
     * @param windowName the name of the register window, for errors
     * @param registers the registers, each checked by {@link #add}
     * @param minWindow the window size asked for, or 0 for up to the end of the last register
     * @param description how errors print the map, or null for {@code "DATA 0x00, STATUS 0x04; all 32-bit"}
     * @throws IllegalArgumentException if the window would be 2 GiB or more
     */
    RegisterMap(String device, String windowName, List<Register> registers, long minWindow, String description) {
        int extent = 0;
        for (Register r : registers) {
            extent = Math.max(extent, r.offset + r.width);
        }
        long window = Math.max(minWindow, extent);
        if (window > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(device + ": register window of " + window + " bytes (expected: < 2 GiB)");
        }
        this.windowName = windowName;
        this.window = window;
        this.byOffset = new Register[extent];
        for (Register r : registers) {
            byOffset[r.offset] = r;
        }
        this.description = description != null ? description : describe(registers);
    }

    /**
     * Checks a new register against the map so far and adds it.
     *
     * @throws IllegalArgumentException for a width other than 1, 2, 4 or 8, a negative or misaligned
     *         offset, an interrupt register wider than 32 bits, or an overlap
     * @throws IllegalStateException for a second status or acknowledge register
     */
    static void add(String device, List<Register> registers, Register reg) {
        // narrowWidth is checked by narrow(), the only way to give one
        String regName = reg.name;
        int offset = reg.offset;
        int width = reg.width;
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException(device + ": register " + regName + " width " + width + " (expected: 1, 2, 4 or 8 bytes)");
        }
        if (offset < 0 || offset % width != 0) {
            throw new IllegalArgumentException(device + ": register " + regName + " at offset " + offset
                    + " (expected: >= 0 and a multiple of its width " + width + ")");
        }
        if (reg.kind != Kind.PLAIN && width > 4) {
            throw new IllegalArgumentException(device + ": interrupt register " + regName + " is " + (8 * width)
                    + "-bit (expected: at most 32 bits, one bit per cause)");
        }
        for (Register r : registers) {
            if (offset < r.offset + r.width && r.offset < offset + width) {
                throw new IllegalArgumentException(device + ": register " + regName + " at 0x" + Integer.toHexString(offset)
                        + " overlaps " + r.name + " at 0x" + Integer.toHexString(r.offset));
            }
            if (reg.kind != Kind.PLAIN && reg.kind != Kind.MASK && r.kind == reg.kind) {
                throw new IllegalStateException(device + ": a second " + reg.kind.name().toLowerCase(Locale.ROOT)
                        + " register " + regName + " (already " + r.name + ")");
            }
        }
        registers.add(reg);
    }

    /**
     * Lets register {@code regName} also take accesses of {@code width} bytes, narrower than its own.
     *
     * @throws IllegalArgumentException if there is no such register or {@code width} is not a
     *         narrower access size (1, 2 or 4 bytes, below the register's)
     */
    static void narrow(String device, List<Register> registers, String regName, int width) {
        for (int i = 0; i < registers.size(); i++) {
            Register r = registers.get(i);
            if (r.name.equals(regName)) {
                if ((width != 1 && width != 2 && width != 4) || width >= r.width) {
                    throw new IllegalArgumentException(device + ": narrow access of " + width + " bytes to " + regName + ", a "
                            + (8 * r.width) + "-bit register (expected: 1, 2 or 4 bytes, narrower than the register)");
                }
                registers.set(i, new Register(r.name, r.offset, r.width, r.kind, r.read, r.write, width));
                return;
            }
        }
        throw new IllegalArgumentException(device + ": narrowAccess(" + regName + ", " + width + ") names no register"
                + " (expected: a register added before)");
    }

    /** The window size in bytes. */
    long window() {
        return window;
    }

    /** The end of the last register: no register starts at or after it. */
    int extent() {
        return byOffset.length;
    }

    /**
     * The register an access of {@code width} bytes at {@code offset} is to. Allocates nothing.
     *
     * @throws IllegalArgumentException if no register of that width starts there, naming the map
     */
    Register decode(long offset, int width) {
        Register r = offset < byOffset.length ? byOffset[(int) offset] : null;
        if (r == null || !r.accepts(width)) {
            throw SimRegisters.noRegister(windowName, offset, width, description);
        }
        return r;
    }

    /** The map as error messages print it. */
    @Override
    public String toString() {
        return description;
    }

    private static String describe(List<Register> regs) {
        List<Register> sorted = new ArrayList<>(regs);
        sorted.sort((a, b) -> Integer.compare(a.offset, b.offset));
        boolean oneWidth = sorted.stream().allMatch(r -> r.width == sorted.get(0).width);
        StringBuilder sb = new StringBuilder();
        for (Register r : sorted) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(r.name).append(String.format(" 0x%02X", r.offset));
            if (!oneWidth) {
                sb.append(" (").append(8 * r.width).append("-bit)");
            }
        }
        if (oneWidth && !sorted.isEmpty()) {
            sb.append("; all ").append(8 * sorted.get(0).width).append("-bit");
        }
        return sb.toString();
    }
}
