package io.github.irq4j.sim;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.ShareDisposition;
import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SignalHandler;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * An in-process interrupt controller behind the {@link InterruptSource} SPI: edge (latched) and
 * level-sensitive lines, MSI vectors, masking and exact accounting, driven by device models on any
 * thread (SPEC section 3, row "simulated").
 * <pre>{@code
 * SimInterruptController pic = new SimInterruptController("sim-pic", LineMode.LEVEL, LineMode.EDGE);
 * LevelOutput uartIrq = pic.levelOutput(0);                 // a device's output on line 0
 * InterruptResource irq = pic.resource("uart0.irq", 0);     // what the driver's device is given
 * ...
 * uartIrq.set(true);                                        // the device asserts its line
 * pic.raiseEdge(1);                                         // an edge on line 1
 * }</pre>
 *
 * <p>Semantics, per line:
 * <ul>
 * <li>{@link LineMode#EDGE} and {@link LineMode#MSI}: {@link #raiseEdge} latches an edge. A poll
 *     takes every latched edge of the line as one signal whose count is the number of edges
 *     (count - 1 were merged). Edges raised while the line is masked or in service stay latched
 *     and are delivered later; edges raised while the controller is closed (no dispatch loop
 *     connected) are dropped and counted in {@link #lostSignals}.</li>
 * <li>{@link LineMode#LEVEL}: the line is asserted while any of its {@link LevelOutput}s is. A poll
 *     takes it as one signal (count 1) when it is asserted; after {@link #acknowledge} it signals
 *     again at once if it is still asserted, so a device that is not quieted keeps interrupting.</li>
 * <li>A signal taken by a poll puts the line "in service" until its {@link #acknowledge}: an
 *     in-service line is not signalled again (end-of-interrupt semantics).</li>
 * <li>A masked line is not signalled; {@link #unmask} delivers what is pending.</li>
 * </ul>
 * The controller does not chain ISRs or decide "nobody cared": the framework does both (SPEC 2.3,
 * 3). It makes them observable: an asserted level line whose ISRs never claim is signalled again
 * after every unclaimed acknowledgement, until the framework masks it.
 *
 * <p>Threading: device models call {@link #raiseEdge} and {@link LevelOutput#set} from any thread,
 * and may hold their own locks while doing so; the controller calls nothing outside itself while
 * holding its lock, and calls the {@link SignalHandler} without it. Signalling, polling and
 * acknowledging allocate nothing.
 */
public final class SimInterruptController implements InterruptSource {

    /** The most lines a controller may have. */
    public static final int MAX_MESSAGES = 1024;

    /*
     * All per-line state below is guarded by `this`. A line m is deliverable when
     *   open && !masked[m] && !inService[m] && (LEVEL ? assertCount[m] > 0 : pendingEdges[m] > 0).
     * poll() marks the deliverable lines in service and copies (message, count) into the scratch
     * arrays under the lock, then calls the handler without the lock: the ISRs it runs touch device
     * models, which call back into the controller. acknowledge() ends the service; a level line that
     * is still asserted is then deliverable again. A waiter in await() is unparked whenever a line
     * becomes deliverable or wakeup() is called.
     */

    private final String name;
    private final LineMode[] modes;

    private final long[] pendingEdges;
    private final int[] assertCount;
    private final boolean[] masked;
    private final boolean[] inService;
    private final long[] edges;
    private final long[] assertions;
    private final long[] signals;
    private final long[] merged;
    private final long[] claimed;
    private final long[] unclaimed;
    private final long[] resignals;
    private final long[] lost;

    /** Whether a dispatch loop has the controller open; guarded by {@code this}. */
    private boolean open;
    /** A wakeup() that no await() has consumed yet; guarded by {@code this}. */
    private boolean wakeupRequested;
    /** The dispatch thread parked in await(), or null; guarded by {@code this}. */
    private Thread waiter;

    // Scratch of poll(): owned by the dispatch thread (the only caller of poll).
    private final int[] takenMessages;
    private final long[] takenCounts;

    /**
     * A controller with one line per mode given.
     *
     * @param name a name for messages and the dispatch thread, such as {@code "sim-pic"}
     * @param modes the mode of each line, 1 to {@link #MAX_MESSAGES} of them
     * @throws IllegalArgumentException if there are no lines, too many, or a mode is null
     */
    public SimInterruptController(String name, LineMode... modes) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modes, "modes");
        if (modes.length < 1 || modes.length > MAX_MESSAGES) {
            throw new IllegalArgumentException(name + ": " + modes.length + " lines (expected: 1 <= lines <= " + MAX_MESSAGES + ")");
        }
        for (int i = 0; i < modes.length; i++) {
            if (modes[i] == null) {
                throw new IllegalArgumentException(name + ": the mode of line " + i + " is null (expected: EDGE, LEVEL or MSI)");
            }
        }
        this.modes = modes.clone();
        int n = modes.length;
        pendingEdges = new long[n];
        assertCount = new int[n];
        masked = new boolean[n];
        inService = new boolean[n];
        edges = new long[n];
        assertions = new long[n];
        signals = new long[n];
        merged = new long[n];
        claimed = new long[n];
        unclaimed = new long[n];
        resignals = new long[n];
        lost = new long[n];
        takenMessages = new int[n];
        takenCounts = new long[n];
    }

    /** A controller of {@code count} lines of one mode. */
    public static SimInterruptController of(String name, int count, LineMode mode) {
        if (count < 1 || count > MAX_MESSAGES) {
            throw new IllegalArgumentException(name + ": " + count + " lines (expected: 1 <= lines <= " + MAX_MESSAGES + ")");
        }
        LineMode[] modes = new LineMode[count];
        Arrays.fill(modes, Objects.requireNonNull(mode, "mode"));
        return new SimInterruptController(name, modes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int messageCount() {
        return modes.length;
    }

    /** The mode of line {@code message}. */
    public LineMode mode(int message) {
        return modes[checkMessage(message)];
    }

    /**
     * The interrupt resource of line {@code message}, exclusive to one device: level lines as
     * {@code LEVEL_SENSITIVE}, edge lines as {@code LATCHED}, MSI vectors marked message-signaled.
     */
    public InterruptResource resource(String resourceName, int message) {
        LineMode mode = mode(message);
        return switch (mode) {
            case LEVEL -> InterruptResource.line(resourceName, this, message, InterruptMode.LEVEL_SENSITIVE);
            case EDGE -> InterruptResource.line(resourceName, this, message, InterruptMode.LATCHED);
            case MSI -> InterruptResource.line(resourceName, this, message, InterruptMode.LATCHED).asMessageSignaled();
        };
    }

    /**
     * The resource of line {@code message} with {@link ShareDisposition#SHARED}, for devices sharing
     * the line.
     *
     * @throws IllegalArgumentException for an MSI vector, which is never shared
     */
    public InterruptResource sharedResource(String resourceName, int message) {
        if (mode(message) == LineMode.MSI) {
            throw new IllegalArgumentException(name + ": line " + message + " is an MSI vector, which is never shared;"
                    + " use resource(name, message), or an EDGE or LEVEL line for sharing");
        }
        return resource(resourceName, message).withShareDisposition(ShareDisposition.SHARED);
    }

    /**
     * A new output of a device onto level line {@code message}; several outputs on one line are
     * wired-OR (a shared line).
     *
     * @throws IllegalArgumentException if the line is not {@link LineMode#LEVEL}
     */
    public LevelOutput levelOutput(int message) {
        if (mode(message) != LineMode.LEVEL) {
            throw new IllegalArgumentException(name + ": levelOutput(" + message + ") on a " + modes[message]
                    + " line (expected: a LEVEL line); edge and MSI lines are signalled with raiseEdge(" + message + ")");
        }
        return new LevelOutput(this, message);
    }

    /**
     * Raises one edge on an edge line or sends one MSI message. Any thread; never blocks on more
     * than the controller's short lock; allocates nothing.
     *
     * @throws IllegalArgumentException if the line is a level line (use a {@link LevelOutput}) or out of range
     */
    public void raiseEdge(int message) {
        if (mode(message) == LineMode.LEVEL) {
            throw new IllegalArgumentException(name + ": raiseEdge(" + message + ") on a LEVEL line;"
                    + " a level line is driven through levelOutput(" + message + ").set(true/false)");
        }
        Thread wake;
        synchronized (this) {
            edges[message]++;
            if (!open) {
                lost[message]++;
                return;
            }
            pendingEdges[message]++;
            wake = deliverable(message) ? waiter : null;
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        }
    }

    void setLevel(LevelOutput output, boolean level) {
        int m = output.message();
        Thread wake = null;
        synchronized (this) {
            if (output.asserted == level) {
                return;
            }
            output.asserted = level;
            if (level) {
                if (assertCount[m]++ == 0) {
                    assertions[m]++;
                }
                wake = deliverable(m) ? waiter : null;
            } else {
                assertCount[m]--;
            }
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        }
    }

    synchronized boolean isAsserted(LevelOutput output) {
        return output.asserted;
    }

    /** Whether level line {@code message} is asserted by some output now. */
    public synchronized boolean isAsserted(int message) {
        return assertCount[checkMessage(message)] > 0;
    }

    /** Whether some line is deliverable now: what a poll would hand to the dispatch thread. */
    public synchronized boolean hasPendingSignals() {
        return anyDeliverable();
    }

    /** Whether line {@code message} is masked. */
    public synchronized boolean isMasked(int message) {
        return masked[checkMessage(message)];
    }

    /** Whether the controller is open (a dispatch loop is connected). */
    public synchronized boolean isOpen() {
        return open;
    }

    /** A snapshot of the counters of line {@code message}. */
    public synchronized LineStatistics statistics(int message) {
        int m = checkMessage(message);
        return new LineStatistics(m, modes[m], masked[m], assertCount[m] > 0, pendingEdges[m], edges[m], assertions[m],
                signals[m], merged[m], claimed[m], unclaimed[m], resignals[m], lost[m]);
    }

    // ------------------------------------------------------------------ InterruptSource

    /** Connects the controller: from now on edges are latched rather than dropped. Nothing is in service. */
    @Override
    public synchronized void connect() {
        open = true;
        Arrays.fill(inService, false);
    }

    /**
     * Hands every deliverable line to {@code handler}, in line order: an edge line with the number
     * of edges latched, a level line with count 1. Each line handed over stays in service until
     * {@link #acknowledge}. Dispatch thread only; allocates nothing.
     */
    @Override
    public int poll(SignalHandler handler) {
        int n = 0;
        synchronized (this) {
            if (!open) {
                return 0;
            }
            for (int m = 0; m < modes.length; m++) {
                if (!deliverable(m)) {
                    continue;
                }
                long count;
                if (modes[m] == LineMode.LEVEL) {
                    count = 1;
                } else {
                    count = pendingEdges[m];
                    pendingEdges[m] = 0;
                    merged[m] += count - 1;
                }
                inService[m] = true;
                signals[m]++;
                takenMessages[n] = m;
                takenCounts[n] = count;
                n++;
            }
        }
        int delivered = 0;
        try {
            for (; delivered < n; delivered++) {
                handler.onSignal(takenMessages[delivered], takenCounts[delivered]);
            }
        } finally {
            if (delivered < n) {
                putBack(delivered, n);
            }
        }
        return n;
    }

    /** The handler threw: the signals not handed over go back to pending, out of service. */
    private synchronized void putBack(int from, int to) {
        for (int i = from; i < to; i++) {
            int m = takenMessages[i];
            inService[m] = false;
            signals[m]--;
            if (modes[m] != LineMode.LEVEL) {
                merged[m] -= takenCounts[i] - 1;
                pendingEdges[m] += takenCounts[i];
            }
        }
    }

    /**
     * Parks the dispatch thread until a line is deliverable, {@link #wakeup()} is called, or the
     * timeout passes (negative: no limit). May return early.
     */
    @Override
    public void await(long timeoutNanos) {
        synchronized (this) {
            if (wakeupRequested || anyDeliverable()) {
                wakeupRequested = false;
                return;
            }
            waiter = Thread.currentThread();
        }
        if (timeoutNanos < 0) {
            LockSupport.park(this);
        } else if (timeoutNanos > 0) {
            LockSupport.parkNanos(this, timeoutNanos);
        }
        synchronized (this) {
            waiter = null;
            wakeupRequested = false;
        }
    }

    @Override
    public void wakeup() {
        Thread wake;
        synchronized (this) {
            wakeupRequested = true;
            wake = waiter;
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        }
    }

    @Override
    public void mask(int message) {
        checkMessage(message);
        synchronized (this) {
            masked[message] = true;
        }
    }

    @Override
    public void unmask(int message) {
        checkMessage(message);
        Thread wake;
        synchronized (this) {
            masked[message] = false;
            wake = deliverable(message) ? waiter : null;
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        }
    }

    /**
     * Ends the service of {@code message}'s signal and counts it as claimed or not. A level line
     * still asserted becomes deliverable again: it re-signals.
     */
    @Override
    public void acknowledge(int message, boolean wasClaimed) {
        checkMessage(message);
        synchronized (this) {
            inService[message] = false;
            if (wasClaimed) {
                claimed[message]++;
            } else {
                unclaimed[message]++;
            }
            if (modes[message] == LineMode.LEVEL && assertCount[message] > 0) {
                resignals[message]++;
            }
            // The caller is the dispatch thread, which polls again before it waits: no unpark needed.
        }
    }

    /**
     * Edges of {@code message} dropped because no dispatch loop had the controller open. Merged
     * edges are not lost: the signal's count reports them.
     */
    @Override
    public synchronized long lostSignals(int message) {
        return lost[checkMessage(message)];
    }

    /** Disconnects the controller: edges raised from now on are dropped (and counted) until it is connected again. */
    @Override
    public void disconnect() {
        Thread wake;
        synchronized (this) {
            open = false;
            wake = waiter;
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        }
    }

    // ------------------------------------------------------------------ helpers (under the lock)

    private boolean deliverable(int m) {
        if (!open || masked[m] || inService[m]) {
            return false;
        }
        return modes[m] == LineMode.LEVEL ? assertCount[m] > 0 : pendingEdges[m] > 0;
    }

    private boolean anyDeliverable() {
        for (int m = 0; m < modes.length; m++) {
            if (deliverable(m)) {
                return true;
            }
        }
        return false;
    }

    private int checkMessage(int message) {
        if (message < 0 || message >= modes.length) {
            throw new IndexOutOfBoundsException(name + ": line " + message + " (expected: 0 <= line < " + modes.length + ")");
        }
        return message;
    }

    @Override
    public String toString() {
        return "SimInterruptController{name=" + name + ", lines=" + Arrays.toString(modes) + "}";
    }
}
