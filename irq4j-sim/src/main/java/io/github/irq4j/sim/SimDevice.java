package io.github.irq4j.sim;

import io.github.irq4j.Registers;
import io.github.irq4j.sim.InterruptBlock.MaskKind;
import io.github.irq4j.sim.RegisterMap.Kind;
import io.github.irq4j.sim.RegisterMap.Register;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A device model built from a register map and an interrupt block: what {@link SimUart} and
 * {@link SimTimer} are made of, and what a user models their own device with.
 * <pre>{@code
 * ByteFifo rx = new ByteFifo(16);
 * SimDevice dev = SimDevice.builder("sensor0", simulation)
 *         .levelLine(pic.levelOutput(0))                      // or .edgeLine(pic, 0)
 *         .causes(0b11)
 *         .interruptStatus("INT_STATUS", 0x00, 4)             // latched causes
 *         .interruptMask("INT_MASK", 0x04, 4)                 // a set bit masks the cause
 *         .interruptAck("INT_ACK", 0x08, 4)                   // write 1s to clear
 *         .readOnly("DATA", 0x0C, 4, () -> Math.max(rx.pop(), 0))
 *         .readOnly("COUNT", 0x10, 4, rx::count)
 *         .relatchOnAck(0b01, () -> !rx.isEmpty())            // "data available" is a level condition
 *         .build();
 * // the model's own events, under dev.lock():
 * synchronized (dev.lock()) { rx.push(b); dev.raise(0b01); }
 * }</pre>
 *
 * <h2>Interrupt</h2>
 * The interrupt block holds the latched causes ({@code status}) and, if the map has one, a mask
 * register (a set bit masks the cause) or an enable register (a set bit enables it). A cause is
 * <em>enabled</em> if it is in {@link Builder#causes} and not masked.
 * <ul>
 * <li>Level line: asserted exactly while {@code status} has an enabled cause. Recomputed after
 *     every register write and every {@link #raise}/{@link #latch}/{@link #update}.</li>
 * <li>Edge line (or MSI vector): {@link #raise} latches causes and raises one edge if one of them is
 *     enabled; {@link #latch} latches without an edge.</li>
 * <li>Acknowledge register: writing 1s clears those causes, then runs the
 *     {@link Builder#onAck ack action}, then re-latches every cause whose
 *     {@link Builder#relatchOnAck condition} still holds.</li>
 * </ul>
 *
 * <h2>Registers</h2>
 * Each register has a name, an offset, a width (1, 2, 4 or 8 bytes) and a read and/or write
 * action. An access of another width, or at an offset where no register starts, throws
 * {@link IllegalArgumentException} naming the map; reads of a write-only register return 0 and
 * writes to a read-only one are ignored, as hardware does. Every access is a preemption point of
 * the {@link DeterministicScheduler}. Register actions run under the model's {@link #lock()}.
 *
 * <h2>Faults</h2>
 * {@link #faults()} injects spurious interrupts, lost edges, a stuck level line and slow register
 * reads; see {@link DeviceFaults}.
 *
 * <p>Thread-safe: registers, {@link #raise}, {@link #latch} and faults take the model's lock
 * (re-entrant, so register actions may call them). Accesses allocate nothing.
 */
public final class SimDevice {

    /*
     * The register file (ModelRegisterFile) runs accesses, decoded by the register map
     * (RegisterMap); the line (DeviceLine) sends level changes and edges after the lock is released. Everything below `lock` is guarded by it. The line's
     * level is recomputed from (status, mask, faults) under the lock.
     */

    private final String name;
    private final Simulation simulation;
    private final SimRegisters registers;
    private final RegisterMap map;
    private final DeviceLine line;
    private final InterruptBlock block;
    private final DeviceFaults faults;

    private final Object lock = new Object();
    private SimDevice(Builder b) {
        this.name = b.name;
        this.simulation = b.simulation;
        this.line = new DeviceLine(lock, b.level, b.edgeController, b.edgeLine);
        this.block = new InterruptBlock(b.causes, b.maskKind, b.onAck, b.relatchCauses, b.relatchConditions);
        String windowName = b.windowName != null ? b.windowName : name + ".regs";
        this.map = new RegisterMap(name, windowName, b.registers, b.window, b.mapText);
        this.faults = new DeviceFaults(this, map.extent());
        this.registers = new SimRegisters(windowName, map.window(), simulation, new ModelRegisterFile(this, map, block, faults));
    }

    /**
     * A builder of a model named {@code name} (its registers are {@code name + ".regs"} unless
     * {@link Builder#windowName} says otherwise) on {@code simulation}.
     */
    public static Builder builder(String name, Simulation simulation) {
        return new Builder(name, simulation);
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** The register window a driver maps. */
    public Registers registers() {
        return registers;
    }

    /** The simulation the model runs on. */
    public Simulation simulation() {
        return simulation;
    }

    /** The model's lock: hold it while changing model state that the registers read. */
    public Object lock() {
        return lock;
    }

    /** The fault injector of this model. */
    public DeviceFaults faults() {
        return faults;
    }

    /** The register map, as error messages print it: {@code "DATA 0x00, STATUS 0x04; all 32-bit"}. */
    public String registerMap() {
        return map.toString();
    }

    /** The latched interrupt causes. */
    public int interruptStatus() {
        synchronized (lock) {
            return block.status;
        }
    }

    /** The mask (or enable) register's value. */
    public int interruptMask() {
        synchronized (lock) {
            return block.mask;
        }
    }

    /** The causes that are latched and enabled: what asserts a level line. */
    public int pendingCauses() {
        synchronized (lock) {
            return block.pending();
        }
    }

    /**
     * Latches {@code bits} and signals: a level line is recomputed; on an edge line one edge is
     * raised if one of {@code bits} is enabled (unless a {@link DeviceFaults#loseEdges lost-edge
     * fault} drops it). Any thread.
     */
    public void raise(int bits) {
        synchronized (lock) {
            raiseLocked(bits);
        }
        flush();
    }

    /** {@link #raise} for a model holding the lock; it calls {@link #flush()} after releasing it. */
    void raiseLocked(int bits) {
        block.status |= bits;
        if (line.isEdge()) {
            if ((bits & block.enabledCauses()) != 0) {
                edge();
            }
        } else {
            updateLine();
        }
    }

    /** Latches {@code bits} without an edge (a level line is still recomputed). Any thread. */
    public void latch(int bits) {
        synchronized (lock) {
            latchLocked(bits);
        }
        flush();
    }

    /** {@link #latch} for a model holding the lock; it calls {@link #flush()} after releasing it. */
    void latchLocked(int bits) {
        block.status |= bits;
        updateLine();
    }

    /** Recomputes the level line after model state it depends on changed. Any thread. */
    public void update() {
        synchronized (lock) {
            updateLine();
        }
        flush();
    }

    // ------------------------------------------------------------------ used by DeviceFaults, under the lock

    boolean isLevel() {
        return line.isLevel();
    }

    boolean hasInterrupt() {
        return line.exists();
    }

    void updateLine() {
        if (line.isLevel()) {
            line.drive(block.pending() != 0 || faults.forcesLevel());
        }
    }

    void edge() {
        if (faults.dropsEdge()) {
            return;
        }
        line.edge();
    }

    void spuriousEdge() {
        line.edge();
    }

    /** Sends what changed under the lock to the interrupt controller, after the lock is released: see {@link DeviceLine}. */
    void flush() {
        line.flush();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "SimDevice{name=" + name + ", status=0x" + Integer.toHexString(block.status) + ", mask=0x" + Integer.toHexString(block.mask)
                    + ", registers=[" + map + "]}";
        }
    }

    /**
     * Builds a {@link SimDevice}: registers, then the interrupt block. Register actions run under
     * the model's lock; a write action may throw {@link IllegalArgumentException} to reject a value
     * (the driver sees it at its write).
     */
    public static final class Builder {
        private final String name;
        private final Simulation simulation;
        private final List<Register> registers = new ArrayList<>();
        private final List<Integer> relatchCauses = new ArrayList<>();
        private final List<BooleanSupplier> relatchConditions = new ArrayList<>();
        private LevelOutput level;
        private SimInterruptController edgeController;
        private int edgeLine;
        private int causes = -1;
        private MaskKind maskKind = MaskKind.NONE;
        private IntConsumer onAck;
        private long window;
        private String windowName;
        private String mapText;

        private Builder(String name, Simulation simulation) {
            this.name = Objects.requireNonNull(name, "name");
            this.simulation = Objects.requireNonNull(simulation, "simulation");
        }

        /** A register that reads {@code read} and writes {@code write}. */
        public Builder readWrite(String name, int offset, int width, LongSupplier read, LongConsumer write) {
            return add(name, offset, width, Kind.PLAIN, Objects.requireNonNull(read, "read"), Objects.requireNonNull(write, "write"));
        }

        /** A read-only register: writes are ignored. */
        public Builder readOnly(String name, int offset, int width, LongSupplier read) {
            return add(name, offset, width, Kind.PLAIN, Objects.requireNonNull(read, "read"), null);
        }

        /** A write-only register: reads return 0. */
        public Builder writeOnly(String name, int offset, int width, LongConsumer write) {
            return add(name, offset, width, Kind.PLAIN, null, Objects.requireNonNull(write, "write"));
        }

        /** A read-only register that always reads {@code value}. */
        public Builder constant(String name, int offset, int width, long value) {
            return add(name, offset, width, Kind.PLAIN, () -> value, null);
        }

        /** The interrupt status register: reads the latched causes; read-only. */
        public Builder interruptStatus(String name, int offset, int width) {
            return add(name, offset, width, Kind.STATUS, null, null);
        }

        /** The interrupt mask register (R/W, reset 0): a set bit masks that cause. */
        public Builder interruptMask(String name, int offset, int width) {
            setMaskKind(MaskKind.MASK);
            return add(name, offset, width, Kind.MASK, null, null);
        }

        /** The interrupt enable register (R/W, reset 0): a set bit enables that cause. */
        public Builder interruptEnable(String name, int offset, int width) {
            setMaskKind(MaskKind.ENABLE);
            return add(name, offset, width, Kind.MASK, null, null);
        }

        /** The interrupt acknowledge register: write 1s to clear causes; reads 0. */
        public Builder interruptAck(String name, int offset, int width) {
            return add(name, offset, width, Kind.ACK, null, null);
        }

        /**
         * The device's output on a level line: asserted while an enabled cause is latched. The model
         * must be its only driver (take a new {@code controller.levelOutput(line)} per model; several
         * outputs on one line are its wired-OR): it sets the output only when its own level changes.
         */
        public Builder levelLine(LevelOutput output) {
            checkNoLine();
            this.level = Objects.requireNonNull(output, "output");
            return this;
        }

        /** The device's edge line or MSI vector: {@link SimDevice#raise} raises one edge. */
        public Builder edgeLine(SimInterruptController controller, int line) {
            checkNoLine();
            Objects.requireNonNull(controller, "controller");
            if (controller.mode(line) == LineMode.LEVEL) {
                throw new IllegalArgumentException(name + ": line " + line + " of '" + controller.name()
                        + "' is a LEVEL line (expected: an EDGE line or MSI vector; use levelLine(controller.levelOutput(" + line + ")))");
            }
            this.edgeController = controller;
            this.edgeLine = line;
            return this;
        }

        /** The interrupt cause bits the device has (default: all 32); others are never enabled. */
        public Builder causes(int bits) {
            this.causes = bits;
            return this;
        }

        /** Runs {@code action} with the bits written after an acknowledge cleared them (for side effects such as clearing an overrun flag). */
        public Builder onAck(IntConsumer action) {
            this.onAck = Objects.requireNonNull(action, "action");
            return this;
        }

        /** After every acknowledge, latches {@code cause} again if {@code condition} holds: a level condition such as "data available". */
        public Builder relatchOnAck(int cause, BooleanSupplier condition) {
            relatchCauses.add(cause);
            relatchConditions.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        /** The window size in bytes, if larger than the registers need (default: up to the end of the last register). */
        public Builder window(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException(name + ": window " + bytes + " bytes (expected: >= 1)");
            }
            this.window = bytes;
            return this;
        }

        /**
         * Lets register {@code registerName} (added before) also take accesses of {@code width}
         * bytes at its offset: a read returns its low bytes, a write gives its action the value
         * zero-extended, as QEMU's edu device's 64-bit DMA registers take 32-bit accesses.
         *
         * @throws IllegalArgumentException if no such register was added, or {@code width} is not
         *         1, 2 or 4 bytes narrower than the register
         */
        public Builder narrowAccess(String registerName, int width) {
            RegisterMap.narrow(name, registers, Objects.requireNonNull(registerName, "registerName"), width);
            return this;
        }

        /** The name of the register window (default: the model's name + {@code ".regs"}), such as a PCI BAR's {@code "edu0.bar0"}. */
        public Builder windowName(String windowName) {
            this.windowName = Objects.requireNonNull(windowName, "windowName");
            return this;
        }

        /**
         * How {@link SimDevice#registerMap()} and the errors of a wrong access print the map, when
         * the device's documentation lists it otherwise (default: generated, as
         * {@code "DATA 0x00, STATUS 0x04; all 32-bit"}).
         */
        public Builder registerMapText(String text) {
            this.mapText = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * @throws IllegalStateException if the map has no register, or interrupt registers without a line
         */
        public SimDevice build() {
            if (registers.isEmpty()) {
                throw new IllegalStateException(name + ": no registers (add at least one: readWrite, readOnly, writeOnly, ...)");
            }
            boolean irqRegs = registers.stream().anyMatch(r -> r.kind() != Kind.PLAIN);
            if (irqRegs && level == null && edgeController == null) {
                throw new IllegalStateException(name + ": interrupt registers but no line (call levelLine(...) or edgeLine(...))");
            }
            return new SimDevice(this);
        }

        private void setMaskKind(MaskKind kind) {
            if (maskKind != MaskKind.NONE) {
                throw new IllegalStateException(name + ": a second mask/enable register (expected: one interruptMask or interruptEnable)");
            }
            maskKind = kind;
        }

        private void checkNoLine() {
            if (level != null || edgeController != null) {
                throw new IllegalStateException(name + ": the interrupt line is already set (expected: one levelLine or edgeLine)");
            }
        }

        private Builder add(String regName, int offset, int width, Kind kind, LongSupplier read, LongConsumer write) {
            RegisterMap.add(name, registers, new Register(Objects.requireNonNull(regName, "name"), offset, width, kind, read, write, 0));
            return this;
        }
    }
}
