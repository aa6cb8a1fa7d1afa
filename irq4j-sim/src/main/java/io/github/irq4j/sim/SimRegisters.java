package io.github.irq4j.sim;

import io.github.irq4j.Registers;

/**
 * The register window of a simulated device: checks each access (inside the window, aligned to its
 * size), calls the simulation's {@link PreemptionHook} (a preemption point), then reads or writes
 * the device model. Allocates nothing.
 */
public final class SimRegisters implements Registers {

    private final String name;
    private final long size;
    private final Simulation simulation;
    private final RegisterFile file;

    SimRegisters(String name, long size, Simulation simulation, RegisterFile file) {
        this.name = name;
        this.size = size;
        this.simulation = simulation;
        this.file = file;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read8(long offset) {
        return (int) (access(offset, 1, false) & 0xFF);
    }

    @Override
    public int read16(long offset) {
        return (int) (access(offset, 2, false) & 0xFFFF);
    }

    @Override
    public int read32(long offset) {
        return (int) access(offset, 4, false);
    }

    @Override
    public long read64(long offset) {
        return access(offset, 8, false);
    }

    @Override
    public void write8(long offset, int value) {
        write(offset, 1, value & 0xFFL);
    }

    @Override
    public void write16(long offset, int value) {
        write(offset, 2, value & 0xFFFFL);
    }

    @Override
    public void write32(long offset, int value) {
        write(offset, 4, value & 0xFFFF_FFFFL);
    }

    @Override
    public void write64(long offset, long value) {
        write(offset, 8, value);
    }

    private long access(long offset, int width, boolean write) {
        check(offset, width);
        simulation.preemptionPoint(this, offset, write);
        return file.read(offset, width);
    }

    private void write(long offset, int width, long value) {
        check(offset, width);
        simulation.preemptionPoint(this, offset, true);
        file.write(offset, width, value);
    }

    private void check(long offset, int width) {
        if (offset < 0 || offset > size - width) {
            throw new IndexOutOfBoundsException(name + ": " + (8 * width) + "-bit access at offset 0x" + Long.toHexString(offset)
                    + " (expected: 0 <= offset <= 0x" + Long.toHexString(size - width) + " in a window of 0x"
                    + Long.toHexString(size) + " bytes)");
        }
        if ((offset & (width - 1)) != 0) {
            throw new IllegalArgumentException(name + ": " + (8 * width) + "-bit access at offset 0x" + Long.toHexString(offset)
                    + " is not aligned (expected: a multiple of " + width + ")");
        }
    }

    /** The message for an access no register of the model answers; for models. */
    static IllegalArgumentException noRegister(String window, long offset, int width, String map) {
        return new IllegalArgumentException(window + ": no " + (8 * width) + "-bit register at offset 0x"
                + Long.toHexString(offset) + " (registers: " + map + ")");
    }

    @Override
    public String toString() {
        return name + " (0x" + Long.toHexString(size) + " bytes)";
    }
}
