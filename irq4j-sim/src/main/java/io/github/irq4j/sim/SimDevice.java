package io.github.irq4j.sim;

import io.github.irq4j.Registers;
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
     * Decoding: `byOffset[offset]` is the register starting at that offset, or null; the window is
     * small (a few hundred bytes at most in practice), so an array beats a map and allocates
     * nothing. Everything below `lock` is guarded by it. The line is recomputed from
     * (status, mask, faults) under the lock; LevelOutput.set ignores non-changes, and the
     * controller never calls back into models, so driving it under our lock cannot deadlock.
     */

    private final String name;
    private final Simulation simulation;
    private final SimRegisters registers;
    private final Register[] byOffset;
    private final String map;
    private final LevelOutput level;
    private final SimInterruptController edgeController;
    private final int edgeLine;
    private final int causes;
    private final MaskKind maskKind;
    private final IntConsumer onAck;
    private final int[] relatchCauses;
    private final BooleanSupplier[] relatchConditions;
    private final DeviceFaults faults;

    private final Object lock = new Object();
    private int status;
    private int mask;
    /**
     * The level this model last drove on its {@link LevelOutput} (an output starts deasserted);
     * guarded by {@link #lock}. The model is the only driver of its output, so the output is
     * asserted exactly when this is true, and {@link #updateLine()} sets it only on a change.
     */
    private boolean driven;
    /** Whether {@link #driven} changed since the last {@link #flush()}; guarded by {@link #lock}. */
    private boolean levelChanged;
    /** Edges raised under the lock, not yet sent to the controller; guarded by {@link #lock}. */
    private int pendingEdges;
    /** Set under the lock when a flush has something to send; read without it by {@link #flush()}. */
    private volatile boolean dirty;

    private SimDevice(Builder b) {
        this.name = b.name;
        this.simulation = b.simulation;
        this.level = b.level;
        this.edgeController = b.edgeController;
        this.edgeLine = b.edgeLine;
        this.causes = b.causes;
        this.maskKind = b.maskKind;
        this.onAck = b.onAck;
        this.relatchCauses = b.relatchCauses.stream().mapToInt(Integer::intValue).toArray();
        this.relatchConditions = b.relatchConditions.toArray(BooleanSupplier[]::new);
        long window = b.window;
        for (Register r : b.registers) {
            window = Math.max(window, r.offset + r.width);
        }
        if (window > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": register window of " + window + " bytes (expected: < 2 GiB)");
        }
        this.byOffset = new Register[(int) window];
        for (Register r : b.registers) {
            byOffset[r.offset] = r;
        }
        this.map = describe(b.registers);
        this.registers = new SimRegisters(name + ".regs", window, simulation, new File());
        this.faults = new DeviceFaults(this, byOffset.length);
    }

    /**
     * A builder of a model named {@code name} (its registers are {@code name + ".regs"}) on
     * {@code simulation}.
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
        return map;
    }

    /** The latched interrupt causes. */
    public int interruptStatus() {
        synchronized (lock) {
            return status;
        }
    }

    /** The mask (or enable) register's value. */
    public int interruptMask() {
        synchronized (lock) {
            return mask;
        }
    }

    /** The causes that are latched and enabled: what asserts a level line. */
    public int pendingCauses() {
        synchronized (lock) {
            return status & enabledCauses();
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
        status |= bits;
        if (edgeController != null) {
            if ((bits & enabledCauses()) != 0) {
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
        status |= bits;
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
        return level != null;
    }

    boolean hasInterrupt() {
        return level != null || edgeController != null;
    }

    void updateLine() {
        if (level != null) {
            boolean want = (status & enabledCauses()) != 0 || faults.forcesLevel();
            // only on a change: every register write ends here; the change is sent by flush()
            if (want != driven) {
                driven = want;
                levelChanged = true;
                dirty = true;
            }
        }
    }

    void edge() {
        if (faults.dropsEdge()) {
            return;
        }
        pendingEdges++;
        dirty = true;
    }

    void spuriousEdge() {
        pendingEdges++;
        dirty = true;
    }

    /**
     * Sends what changed under the lock to the interrupt controller: the new level of a level line,
     * or the edges raised. Why not under the lock: the controller wakes the dispatch thread, whose
     * ISR's first register read then waited for the lock the waker still held (in the demo about
     * 15,000 contended monitor enters per 5 s on the ISR threads, each a park and a wake-up). So the
     * register file and this model's own models ({@code SimUart}, {@code SimTimer},
     * {@code DeviceFaults}) change the line under the lock and call this after releasing it. A
     * caller still holding the lock (a model's own {@code synchronized (dev.lock())} block around
     * {@link #raise}, as the class comment shows) gets the change sent at once, under the lock, as
     * before.
     *
     * <p>Without a lock around the send, two flushes may send in the opposite order of their
     * changes; so a flush that sent a level checks afterwards that it is still the model's level
     * and sends the current one if not. The last send is always checked, so the output ends at the
     * model's level. Edges are counted and commute.
     */
    void flush() {
        if (!dirty) {
            return;
        }
        boolean send;
        boolean value;
        int edges;
        synchronized (lock) {   // reentrant: a caller holding the lock sends while holding it
            send = levelChanged;
            value = driven;
            edges = pendingEdges;
            levelChanged = false;
            pendingEdges = 0;
            dirty = false;
        }
        for (int i = 0; i < edges; i++) {
            edgeController.raiseEdge(edgeLine);
        }
        while (send) {
            level.set(value);
            synchronized (lock) {
                send = driven != value;   // changed meanwhile, and the other change's send may have come first
                value = driven;
            }
        }
    }

    private int enabledCauses() {
        return switch (maskKind) {
            case NONE -> causes;
            case MASK -> causes & ~mask;
            case ENABLE -> causes & mask;
        };
    }

    private long readRegister(Register r) {
        return switch (r.kind) {
            case PLAIN -> r.read == null ? 0 : r.read.getAsLong();
            case STATUS -> {
                int s = status;
                faults.statusRead();
                yield s & 0xFFFF_FFFFL;
            }
            case MASK -> mask & 0xFFFF_FFFFL;
            case ACK -> 0;
        };
    }

    private void writeRegister(Register r, long value) {
        switch (r.kind) {
            case PLAIN -> {
                if (r.write != null) {
                    r.write.accept(value);
                }
            }
            case MASK -> mask = (int) value & causes;
            case ACK -> {
                int v = (int) value;
                status &= ~v;
                if (onAck != null) {
                    onAck.accept(v);
                }
                for (int i = 0; i < relatchCauses.length; i++) {
                    if (relatchConditions[i].getAsBoolean()) {
                        status |= relatchCauses[i];
                    }
                }
                faults.acknowledged();
            }
            case STATUS -> {
                // read-only: ignored, as hardware does
            }
        }
        updateLine();
    }

    private Register decode(long offset, int width) {
        Register r = offset < byOffset.length ? byOffset[(int) offset] : null;
        if (r == null || r.width != width) {
            throw SimRegisters.noRegister(registers.name(), offset, width, map);
        }
        return r;
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

    @Override
    public String toString() {
        synchronized (lock) {
            return "SimDevice{name=" + name + ", status=0x" + Integer.toHexString(status) + ", mask=0x" + Integer.toHexString(mask)
                    + ", registers=[" + map + "]}";
        }
    }

    private final class File implements RegisterFile {
        @Override
        public long read(long offset, int width) {
            Register r = decode(offset, width);
            faults.beforeRead((int) offset);
            long v;
            synchronized (lock) {
                v = readRegister(r);
            }
            flush();   // a status read may end a spurious level
            return v;
        }

        @Override
        public void write(long offset, int width, long value) {
            Register r = decode(offset, width);
            synchronized (lock) {
                writeRegister(r, value);
            }
            flush();
        }
    }

    private enum Kind { PLAIN, STATUS, MASK, ACK }

    private enum MaskKind { NONE, MASK, ENABLE }

    private record Register(String name, int offset, int width, Kind kind, LongSupplier read, LongConsumer write) {
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
         * @throws IllegalStateException if the map has no register, or interrupt registers without a line
         */
        public SimDevice build() {
            if (registers.isEmpty()) {
                throw new IllegalStateException(name + ": no registers (add at least one: readWrite, readOnly, writeOnly, ...)");
            }
            boolean irqRegs = registers.stream().anyMatch(r -> r.kind != Kind.PLAIN);
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
            Objects.requireNonNull(regName, "name");
            if (width != 1 && width != 2 && width != 4 && width != 8) {
                throw new IllegalArgumentException(name + ": register " + regName + " width " + width + " (expected: 1, 2, 4 or 8 bytes)");
            }
            if (offset < 0 || offset % width != 0) {
                throw new IllegalArgumentException(name + ": register " + regName + " at offset " + offset
                        + " (expected: >= 0 and a multiple of its width " + width + ")");
            }
            if (kind != Kind.PLAIN && width > 4) {
                throw new IllegalArgumentException(name + ": interrupt register " + regName + " is " + (8 * width)
                        + "-bit (expected: at most 32 bits, one bit per cause)");
            }
            for (Register r : registers) {
                if (offset < r.offset + r.width && r.offset < offset + width) {
                    throw new IllegalArgumentException(name + ": register " + regName + " at 0x" + Integer.toHexString(offset)
                            + " overlaps " + r.name + " at 0x" + Integer.toHexString(r.offset));
                }
                if (kind != Kind.PLAIN && kind != Kind.MASK && r.kind == kind) {
                    throw new IllegalStateException(name + ": a second " + kind.name().toLowerCase(java.util.Locale.ROOT)
                            + " register " + regName + " (already " + r.name + ")");
                }
            }
            registers.add(new Register(regName, offset, width, kind, read, write));
            return this;
        }
    }
}
