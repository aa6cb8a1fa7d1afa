package io.github.irq4j.sim;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.ShareDisposition;
import io.github.irq4j.spi.InProcessInterruptSource;
import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SignalHandler;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

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
 * and may hold their own locks while doing so: the controller takes no lock at all (its lines are
 * core's lock-free {@link InProcessInterruptSource} with the controller rules
 * {@link InProcessInterruptSource.Option#SERVICE_UNTIL_ACKNOWLEDGE} and
 * {@link InProcessInterruptSource.Option#DROP_EDGES_WHILE_DISCONNECTED}), so no lock order between
 * a model and the controller exists to get wrong. Signalling, polling and acknowledging allocate
 * nothing.
 */
public final class SimInterruptController implements InterruptSource {

    /** The most lines a controller may have. */
    public static final int MAX_MESSAGES = 1024;

    /*
     * The interrupt-source behaviour (pending edges, wired-OR level lines, masking, in service until
     * acknowledge, closed while disconnected) is core's InProcessInterruptSource's, to which every
     * InterruptSource call is forwarded. What stays here faces the devices: the mode of each line
     * (and so which of raiseEdge or a LevelOutput drives it), the resources handed to drivers, and
     * the counters of statistics(). Counters written by device threads (edges, assertions) and by
     * the dispatch thread (signals, merged, claimed, unclaimed, resignals) are atomic so that a
     * snapshot from any thread reads whole values; at rest they satisfy, per edge line,
     * signals + merged + pendingEdges + lost == edges.
     */

    private final String name;
    private final LineMode[] modes;
    private final InProcessInterruptSource lines;

    private final AtomicLongArray edges;
    private final AtomicLongArray assertions;
    private final AtomicLongArray signals;
    private final AtomicLongArray merged;
    private final AtomicLongArray claimed;
    private final AtomicLongArray unclaimed;
    private final AtomicLongArray resignals;
    /** Counts each signal on its way to the dispatch thread's handler; dispatch thread only. */
    private final CountingHandler counting = new CountingHandler();

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
        lines = new InProcessInterruptSource(name, n, InProcessInterruptSource.Option.SERVICE_UNTIL_ACKNOWLEDGE,
                InProcessInterruptSource.Option.DROP_EDGES_WHILE_DISCONNECTED);
        edges = new AtomicLongArray(n);
        assertions = new AtomicLongArray(n);
        signals = new AtomicLongArray(n);
        merged = new AtomicLongArray(n);
        claimed = new AtomicLongArray(n);
        unclaimed = new AtomicLongArray(n);
        resignals = new AtomicLongArray(n);
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
     * Raises one edge on an edge line or sends one MSI message. Any thread; takes no lock and never
     * blocks; allocates nothing.
     *
     * @throws IllegalArgumentException if the line is a level line (use a {@link LevelOutput}) or out of range
     */
    public void raiseEdge(int message) {
        if (mode(message) == LineMode.LEVEL) {
            throw new IllegalArgumentException(name + ": raiseEdge(" + message + ") on a LEVEL line;"
                    + " a level line is driven through levelOutput(" + message + ").set(true/false)");
        }
        edges.incrementAndGet(message);
        lines.fire(message);
    }

    /** One output of level line {@code message} rose; called by {@link LevelOutput} on its change only. */
    void outputRose(int message) {
        if (lines.addAssertion(message)) {
            assertions.incrementAndGet(message);
        }
    }

    /** One output of level line {@code message} fell; called by {@link LevelOutput} on its change only. */
    void outputFell(int message) {
        lines.removeAssertion(message);
    }

    /** Whether level line {@code message} is asserted by some output now. */
    public boolean isAsserted(int message) {
        return lines.isAsserted(checkMessage(message));
    }

    /** Whether some line is deliverable now: what a poll would hand to the dispatch thread. */
    public boolean hasPendingSignals() {
        return lines.hasPendingSignals();
    }

    /** Whether line {@code message} is masked. */
    public boolean isMasked(int message) {
        return lines.isMasked(checkMessage(message));
    }

    /** Whether the controller is open (a dispatch loop is connected). */
    public boolean isOpen() {
        return lines.isConnected();
    }

    /**
     * A snapshot of the counters of line {@code message}. Each value is read whole; taken while
     * devices signal, the values may be of slightly different moments.
     */
    public LineStatistics statistics(int message) {
        int m = checkMessage(message);
        return new LineStatistics(m, modes[m], lines.isMasked(m), lines.isAsserted(m), lines.pendingEdges(m), edges.get(m),
                assertions.get(m), signals.get(m), merged.get(m), claimed.get(m), unclaimed.get(m), resignals.get(m),
                lines.lostSignals(m));
    }

    // ------------------------------------------------------------------ InterruptSource

    /** Connects the controller: from now on edges are latched rather than dropped. Nothing is in service. */
    @Override
    public void connect() {
        lines.connect();
    }

    /**
     * Hands every deliverable line to {@code handler}, in line order: an edge line with the number
     * of edges latched, a level line with count 1. Each line handed over stays in service until
     * {@link #acknowledge}. If {@code handler} throws, the signal it threw on and those after it go
     * back to pending, out of service. Dispatch thread only; allocates nothing.
     */
    @Override
    public int poll(SignalHandler handler) {
        counting.target = handler;
        try {
            return lines.poll(counting);
        } finally {
            counting.target = null;
        }
    }

    /**
     * Parks the dispatch thread until a line is deliverable, {@link #wakeup()} is called, or the
     * timeout passes (negative: no limit). May return early.
     */
    @Override
    public void await(long timeoutNanos) {
        lines.await(timeoutNanos);
    }

    @Override
    public void wakeup() {
        lines.wakeup();
    }

    @Override
    public void mask(int message) {
        lines.mask(checkMessage(message));
    }

    @Override
    public void unmask(int message) {
        lines.unmask(checkMessage(message));
    }

    /**
     * Ends the service of {@code message}'s signal and counts it as claimed or not. A level line
     * still asserted becomes deliverable again: it re-signals.
     */
    @Override
    public void acknowledge(int message, boolean wasClaimed) {
        checkMessage(message);
        if (wasClaimed) {
            claimed.incrementAndGet(message);
        } else {
            unclaimed.incrementAndGet(message);
        }
        if (modes[message] == LineMode.LEVEL && lines.isAsserted(message)) {
            resignals.incrementAndGet(message);
        }
        // The caller is the dispatch thread, which polls again before it waits: no wakeup needed.
        lines.acknowledge(message, wasClaimed);
    }

    /**
     * Edges of {@code message} dropped because no dispatch loop had the controller open. Merged
     * edges are not lost: the signal's count reports them.
     */
    @Override
    public long lostSignals(int message) {
        return lines.lostSignals(checkMessage(message));
    }

    /** Disconnects the controller: edges raised from now on are dropped (and counted) until it is connected again. */
    @Override
    public void disconnect() {
        lines.disconnect();
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

    /**
     * Counts a signal, then hands it on. A signal the handler throws on is not counted (core puts
     * it back to pending), as before it was handed over.
     */
    private final class CountingHandler implements SignalHandler {
        SignalHandler target;

        @Override
        public void onSignal(int message, long count) {
            signals.incrementAndGet(message);
            merged.addAndGet(message, count - 1);
            boolean handed = false;
            try {
                target.onSignal(message, count);
                handed = true;
            } finally {
                if (!handed) {
                    signals.decrementAndGet(message);
                    merged.addAndGet(message, 1 - count);
                }
            }
        }
    }
}
