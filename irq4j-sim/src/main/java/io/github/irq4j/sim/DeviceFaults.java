package io.github.irq4j.sim;

/**
 * Faults a {@link SimDevice} can be made to show, to test how a driver copes with misbehaving
 * hardware. Each is deterministic (set by the test, or scheduled at a virtual time), so a run with
 * a fault replays exactly under the {@link DeterministicScheduler}.
 * <ul>
 * <li>{@link #spuriousInterrupt()}: the device signals with no cause latched. On a level line the
 *     line is asserted until the interrupt status register is next read (or an acknowledge is
 *     written); on an edge line one edge is raised. An ISR that reads the status sees 0 and should
 *     return {@code false}.</li>
 * <li>{@link #loseEdges(int)}: the next {@code n} edges the device would raise are not raised: the
 *     causes are latched, the controller never hears of them (a glitch, an edge while the
 *     interrupt controller's latch was being cleared).</li>
 * <li>{@link #stickLine(boolean)}: the level line is stuck asserted whatever the status: an ISR that
 *     claims only what it finds keeps returning {@code false} until the framework's "nobody cared"
 *     check masks the line.</li>
 * <li>{@link #slowReads(int, long)}: reading that register takes the given virtual time: device
 *     events due meanwhile happen during the read, as a slow bus read lets them. They are not a
 *     scheduler choice, so a schedule trace does not list them; they happen the same on every run.</li>
 * </ul>
 * Thread-safe: every method takes the model's lock.
 */
public final class DeviceFaults {

    private final SimDevice device;
    // Guarded by device.lock().
    private boolean spuriousLevel;
    private boolean stuck;
    private int edgesToLose;
    private long spurious;
    private long edgesLost;
    private final long[] readDelayNs;
    /**
     * Whether any read delay was ever set: written under the lock, read without it by
     * {@link #beforeRead}. Only ever goes from false to true, so a reader that sees false saw no
     * delay configured before its read began (volatile: a delay set before a read is seen by it).
     */
    private volatile boolean slowReads;

    DeviceFaults(SimDevice device, int window) {
        this.device = device;
        this.readDelayNs = new long[window];
    }

    /**
     * Signals once with no cause latched (see the class comment).
     *
     * @throws IllegalStateException if the model has no interrupt line
     */
    public void spuriousInterrupt() {
        synchronized (device.lock()) {
            checkLine("a spurious interrupt");
            spurious++;
            if (device.isLevel()) {
                spuriousLevel = true;
                device.updateLine();
            } else {
                device.spuriousEdge();
            }
        }
        device.flush();
    }

    /** Schedules {@link #spuriousInterrupt()} at virtual time {@code dueNanos} (an event named {@code NAME.fault.spurious}). */
    public void spuriousInterruptAt(long dueNanos) {
        synchronized (device.lock()) {
            checkLine("a spurious interrupt");
        }
        device.simulation().clock().schedule(new SimEvent(device.name() + ".fault.spurious") {
            @Override
            protected void fire(long nowNanos) {
                spuriousInterrupt();
            }
        }, dueNanos);
    }

    /**
     * Drops the next {@code n} edges the model raises (adds to any not yet dropped).
     *
     * @throws IllegalStateException if the model drives a level line (it has no edges to lose)
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public void loseEdges(int n) {
        if (n < 0) {
            throw new IllegalArgumentException(device.name() + ": loseEdges(" + n + ") (expected: n >= 0)");
        }
        synchronized (device.lock()) {
            if (device.isLevel() || !device.hasInterrupt()) {
                throw new IllegalStateException(device.name() + ": loseEdges on a model without an edge line (expected: edgeLine(...);"
                        + " a level line is re-sampled, so its signals cannot be lost: use stickLine or spuriousInterrupt)");
            }
            edgesToLose += n;
        }
    }

    /**
     * Sticks the level line asserted ({@code true}) or frees it ({@code false}).
     *
     * @throws IllegalStateException if the model does not drive a level line
     */
    public void stickLine(boolean asserted) {
        synchronized (device.lock()) {
            if (!device.isLevel()) {
                throw new IllegalStateException(device.name() + ": stickLine on a model without a level line (expected: levelLine(...))");
            }
            stuck = asserted;
            device.updateLine();
        }
        device.flush();
    }

    /**
     * Makes every read of the register at {@code offset} take {@code delayNs} of virtual time (0: no
     * delay). The clock advances before the value is read, without the model's lock, so events due
     * meanwhile (bytes arriving, a timer expiring) fire first.
     *
     * @throws IllegalArgumentException if no register starts at {@code offset}, or {@code delayNs < 0}
     */
    public void slowReads(int offset, long delayNs) {
        if (delayNs < 0) {
            throw new IllegalArgumentException(device.name() + ": slowReads delay " + delayNs + " ns (expected: >= 0)");
        }
        if (offset < 0 || offset >= readDelayNs.length) {
            throw new IllegalArgumentException(device.name() + ": slowReads at offset 0x" + Integer.toHexString(offset)
                    + " (registers: " + device.registerMap() + ")");
        }
        synchronized (device.lock()) {
            readDelayNs[offset] = delayNs;
            if (delayNs > 0) {
                slowReads = true;
            }
        }
    }

    /** Spurious interrupts injected so far. */
    public long spuriousInterrupts() {
        synchronized (device.lock()) {
            return spurious;
        }
    }

    /** Edges dropped by {@link #loseEdges} so far. */
    public long edgesLost() {
        synchronized (device.lock()) {
            return edgesLost;
        }
    }

    /** Whether the level line is stuck asserted. */
    public boolean isLineStuck() {
        synchronized (device.lock()) {
            return stuck;
        }
    }

    // ------------------------------------------------------------------ SimDevice hooks

    /** Under the lock: whether a fault holds the level line asserted. */
    boolean forcesLevel() {
        return stuck || spuriousLevel;
    }

    /** Under the lock: whether the edge about to be raised is lost. */
    boolean dropsEdge() {
        if (edgesToLose > 0) {
            edgesToLose--;
            edgesLost++;
            return true;
        }
        return false;
    }

    /** Under the lock: the status register was read; a spurious level assertion ends. */
    void statusRead() {
        if (spuriousLevel) {
            spuriousLevel = false;
            device.updateLine();
        }
    }

    /** Under the lock: an acknowledge was written. */
    void acknowledged() {
        spuriousLevel = false;
    }

    /** Without the lock, before a register read: the slow read's virtual time passes. */
    void beforeRead(int offset) {
        if (!slowReads) {
            return;   // the common case, no slow register configured: no lock (one monitor enter less per read)
        }
        long d;
        synchronized (device.lock()) {
            d = readDelayNs[offset];
        }
        if (d > 0) {
            device.simulation().clock().advanceBy(d);
        }
    }

    private void checkLine(String what) {
        if (!device.hasInterrupt()) {
            throw new IllegalStateException(device.name() + ": " + what + " on a model without an interrupt line");
        }
    }

    @Override
    public String toString() {
        synchronized (device.lock()) {
            return "DeviceFaults{" + device.name() + ", stuck=" + stuck + ", edgesToLose=" + edgesToLose + ", spurious=" + spurious
                    + ", edgesLost=" + edgesLost + "}";
        }
    }
}
