package io.github.irq4j.spi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * An interrupt source inside the JVM that tests, demos and the simulator fire from any thread:
 * edges with {@link #fire(int)}, level lines with {@link #assertLine(int)} / {@link #deassertLine(int)}
 * or, for several inputs wired-OR onto one line, {@link #addAssertion(int)} / {@link #removeAssertion(int)}.
 *
 * <p>Edges fired before the dispatch thread polls merge into one signal whose count is the number
 * of edges, as an eventfd counter does. An asserted level line signals once, and again after each
 * {@link #acknowledge} while it stays asserted, as a level-triggered controller re-raises a line
 * the driver did not quiet. Firing, polling and acknowledging allocate nothing and take no lock.
 * <pre>{@code
 * InProcessInterruptSource source = new InProcessInterruptSource("test", 1);
 * Device device = host.addDevice("dev", driver, List.of(
 *         InterruptResource.line("dev.irq", source, 0, InterruptMode.LATCHED)));
 * host.start(device);
 * source.fire(0);            // the ISR runs on the dispatch thread
 * }</pre>
 *
 * <p>Two {@link Option}s give it an interrupt controller's rules, as irq4j-sim's controller uses it:
 * {@link Option#SERVICE_UNTIL_ACKNOWLEDGE} (a signal taken is in service until its acknowledge, and
 * its line is not signalled again before) and {@link Option#DROP_EDGES_WHILE_DISCONNECTED} (with no
 * connection the source is closed: it delivers nothing, and edges fired meanwhile are dropped and
 * counted in {@link #lostSignals}). Without them, edges fired while disconnected stay pending for
 * the next connection and a line may signal again before its acknowledge.
 */
public final class InProcessInterruptSource implements InterruptSource {

    /** A controller rule the source follows, given to its constructor. */
    public enum Option {
        /**
         * A signal taken by {@link #poll} puts its line in service until {@link #acknowledge}: the
         * line is not signalled again before (end-of-interrupt), edges fired meanwhile stay pending,
         * and a level line still asserted at the acknowledge signals again. Connecting ends every
         * service.
         */
        SERVICE_UNTIL_ACKNOWLEDGE,
        /**
         * While no connection is open the source is closed: {@link #poll} delivers nothing, and
         * edges fired are dropped and counted in {@link #lostSignals}. Edges pending when the
         * connection ended stay pending for the next one.
         */
        DROP_EDGES_WHILE_DISCONNECTED
    }

    /*
     * Lock-free. A line m is deliverable when
     *   !closed && !masked[m] && !inService[m] && (pending[m] > 0 || assertions[m] > 0 && levelDue[m])
     * where closed = DROP_EDGES_WHILE_DISCONNECTED && !connected, inService is only ever set under
     * SERVICE_UNTIL_ACKNOWLEDGE, and levelDue is only consulted without it (with it, a level line
     * is due whenever it is asserted and not in service).
     *
     * poll() takes every deliverable line first (edges swapped to 0, levelDue or inService set) into
     * scratch arrays, then hands them to the handler: an ISR run for one line may signal another,
     * and that signal waits for the next poll, as a controller that latched its pending set does.
     * If the handler throws, what it was not handed (and the one it threw on) goes back.
     *
     * Firers write their state, then signal(): woken = true, then read waiter. await() writes
     * waiter, then reads woken and the lines. With volatile (sequentially consistent) accesses on
     * both sides, either the firer sees the waiter and unparks it, or the waiter sees the state.
     */

    private final String name;
    private final int messages;
    private final boolean serviceUntilAcknowledge;
    private final boolean dropWhileDisconnected;
    /** Edges fired and not yet polled, per message. Incremented by firers, swapped to 0 by the dispatch thread. */
    private final AtomicLongArray pending;
    /** How many inputs assert each level line (wired-OR); asserted while above 0. */
    private final AtomicIntegerArray assertions;
    /** 1 while this source's own input ({@link #assertLine}) asserts the line. */
    private final AtomicIntegerArray ownInput;
    /** 1 when an asserted level line is due to signal (on assert and after each acknowledge). */
    private final AtomicIntegerArray levelDue;
    /** 1 while a message is masked. */
    private final AtomicIntegerArray masked;
    /** 1 while a message's signal is in service (SERVICE_UNTIL_ACKNOWLEDGE only). */
    private final AtomicIntegerArray inService;
    /** Edges dropped while closed (DROP_EDGES_WHILE_DISCONNECTED only). */
    private final AtomicLongArray lost;
    /** The dispatch thread while it waits in await, else null. */
    private volatile Thread waiter;
    /** Set by wakeup() and by signals; cleared by await before it parks. */
    private volatile boolean woken;
    /** Cleared by disconnect() so that a waiting await returns; set again by connect(). */
    private volatile boolean connected;

    // Scratch of poll(): owned by the dispatch thread, the only caller of poll.
    private final int[] takenMessages;
    private final long[] takenCounts;
    private final boolean[] takenLevel;

    /**
     * @param name a name for messages and thread names
     * @param messages how many lines, at least 1
     * @param options the controller rules to follow; none gives the plain source described above
     * @throws IllegalArgumentException if {@code messages} is below 1
     * @throws NullPointerException if {@code name}, {@code options} or one option is null
     */
    public InProcessInterruptSource(String name, int messages, Option... options) {
        if (messages < 1) {
            throw new IllegalArgumentException("messages: " + messages + " (expected: >= 1)");
        }
        this.name = Objects.requireNonNull(name, "name");
        Set<Option> set = EnumSet.noneOf(Option.class);
        for (Option o : Objects.requireNonNull(options, "options")) {
            set.add(Objects.requireNonNull(o, "option"));
        }
        this.messages = messages;
        this.serviceUntilAcknowledge = set.contains(Option.SERVICE_UNTIL_ACKNOWLEDGE);
        this.dropWhileDisconnected = set.contains(Option.DROP_EDGES_WHILE_DISCONNECTED);
        this.pending = new AtomicLongArray(messages);
        this.assertions = new AtomicIntegerArray(messages);
        this.ownInput = new AtomicIntegerArray(messages);
        this.levelDue = new AtomicIntegerArray(messages);
        this.masked = new AtomicIntegerArray(messages);
        this.inService = new AtomicIntegerArray(messages);
        this.lost = new AtomicLongArray(messages);
        this.takenMessages = new int[messages];
        this.takenCounts = new long[messages];
        this.takenLevel = new boolean[messages];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int messageCount() {
        return messages;
    }

    /** Whether the source follows {@code option}. */
    public boolean has(Option option) {
        return switch (Objects.requireNonNull(option, "option")) {
            case SERVICE_UNTIL_ACKNOWLEDGE -> serviceUntilAcknowledge;
            case DROP_EDGES_WHILE_DISCONNECTED -> dropWhileDisconnected;
        };
    }

    /** Fires one edge on {@code message}. Any thread; never blocks; allocates nothing. */
    public void fire(int message) {
        fire(message, 1);
    }

    /**
     * Fires {@code edges} edges at once on {@code message}. Any thread; never blocks; allocates
     * nothing. Under {@link Option#DROP_EDGES_WHILE_DISCONNECTED}, with no connection open they are
     * dropped and counted in {@link #lostSignals}.
     *
     * @throws IndexOutOfBoundsException if there is no such message
     * @throws IllegalArgumentException if {@code edges} is below 1
     */
    public void fire(int message, long edges) {
        check(message);
        if (edges < 1) {
            throw new IllegalArgumentException("edges: " + edges + " (expected: >= 1)");
        }
        if (dropWhileDisconnected && !connected) {
            lost.addAndGet(message, edges);
            return;
        }
        pending.addAndGet(message, edges);
        signal();
    }

    /**
     * Asserts level line {@code message} from the source's own input: it signals until
     * {@link #deassertLine} and an acknowledge. Asserting it again while asserted makes it due to
     * signal again. Any thread; never blocks.
     */
    public void assertLine(int message) {
        check(message);
        if (ownInput.compareAndSet(message, 0, 1)) {
            assertions.incrementAndGet(message);
        }
        levelDue.set(message, 1);
        signal();
    }

    /** Deasserts the source's own input to level line {@code message}. Any thread; never blocks. */
    public void deassertLine(int message) {
        check(message);
        if (ownInput.compareAndSet(message, 1, 0)) {
            assertions.decrementAndGet(message);
        }
    }

    /**
     * Adds one asserting input to level line {@code message}, for devices sharing the line
     * (wired-OR): the line is asserted while more inputs were added than removed. Each input adds
     * once and removes once, in turn. Any thread; never blocks; allocates nothing.
     *
     * @return whether the line went from deasserted to asserted
     * @throws IndexOutOfBoundsException if there is no such message
     */
    public boolean addAssertion(int message) {
        check(message);
        boolean rose = assertions.incrementAndGet(message) == 1;
        if (!serviceUntilAcknowledge) {   // with it, an asserted line is due whenever it is out of service
            levelDue.set(message, 1);
        }
        signal();
        return rose;
    }

    /**
     * Removes one asserting input from level line {@code message} (see {@link #addAssertion}).
     * Any thread; never blocks.
     *
     * @return whether the line went from asserted to deasserted
     * @throws IndexOutOfBoundsException if there is no such message
     */
    public boolean removeAssertion(int message) {
        check(message);
        return assertions.decrementAndGet(message) == 0;
    }

    /** Whether level line {@code message} is asserted by some input now. Any thread. */
    public boolean isAsserted(int message) {
        check(message);
        return assertions.get(message) > 0;
    }

    /** Whether {@code message} is masked. Any thread. */
    public boolean isMasked(int message) {
        check(message);
        return masked.get(message) == 1;
    }

    /** Edges of {@code message} fired and not yet taken by a poll. Any thread. */
    public long pendingEdges(int message) {
        check(message);
        return pending.get(message);
    }

    /** Whether a connection is open ({@link #connect} called, {@link #disconnect} not yet). Any thread. */
    public boolean isConnected() {
        return connected;
    }

    /** Whether some message is deliverable now: whether a poll would hand over a signal. Any thread. */
    public boolean hasPendingSignals() {
        for (int m = 0; m < messages; m++) {
            if (deliverable(m)) {
                return true;
            }
        }
        return false;
    }

    private boolean deliverable(int m) {
        if ((dropWhileDisconnected && !connected) || masked.get(m) == 1 || inService.get(m) == 1) {
            return false;
        }
        return pending.get(m) != 0 || (assertions.get(m) > 0 && (serviceUntilAcknowledge || levelDue.get(m) == 1));
    }

    private void check(int message) {
        if (message < 0 || message >= messages) {
            throw new IndexOutOfBoundsException("message " + message + " of source '" + name + "' (expected: 0 <= message < " + messages + ")");
        }
    }

    private void signal() {
        // Only await clears woken, so a signaller that finds it set need not store it again: the
        // waiter will see it, or is past reading it and then reads the lines this signaller
        // wrote first. Skipping the store saves a fence per signal while the dispatch thread is busy.
        if (!woken) {
            woken = true;
        }
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /**
     * Takes every deliverable message, in message order, then hands each to {@code handler}: an
     * edge line with the number of edges merged, a level line with count 1. If {@code handler}
     * throws, the signal it threw on and those not yet handed over go back to pending. Dispatch
     * thread only; allocates nothing.
     */
    @Override
    public int poll(SignalHandler handler) {
        if (dropWhileDisconnected && !connected) {
            return 0;
        }
        int n = 0;
        for (int m = 0; m < messages; m++) {
            if (masked.get(m) == 1 || inService.get(m) == 1) {
                continue;
            }
            long count = 0;
            boolean level = false;
            if (pending.get(m) != 0) {
                count = pending.getAndSet(m, 0);
            }
            if (count == 0 && assertions.get(m) > 0 && (serviceUntilAcknowledge || levelDue.compareAndSet(m, 1, 0))) {
                count = 1;
                level = true;
            }
            if (count > 0) {
                if (serviceUntilAcknowledge) {
                    inService.set(m, 1);
                }
                takenMessages[n] = m;
                takenCounts[n] = count;
                takenLevel[n] = level;
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

    /** The handler threw: the signals not handed over (and the one it threw on) go back, out of service. */
    private void putBack(int from, int to) {
        for (int i = from; i < to; i++) {
            int m = takenMessages[i];
            if (takenLevel[i]) {
                levelDue.set(m, 1);
            } else {
                pending.addAndGet(m, takenCounts[i]);
            }
            inService.set(m, 0);
        }
    }

    @Override
    public void await(long timeoutNanos) {
        waiter = Thread.currentThread();
        try {
            if (woken) {
                woken = false;
                return;
            }
            if (hasPendingSignals() || !connected) {
                return;
            }
            if (timeoutNanos < 0) {
                LockSupport.park(this);
            } else if (timeoutNanos > 0) {
                LockSupport.parkNanos(this, timeoutNanos);
            }
            woken = false;
        } finally {
            waiter = null;
        }
    }

    @Override
    public void wakeup() {
        signal();
    }

    @Override
    public void mask(int message) {
        check(message);
        masked.set(message, 1);
    }

    @Override
    public void unmask(int message) {
        check(message);
        masked.set(message, 0);
        signal();
    }

    /**
     * Ends the service of {@code message}'s signal (under {@link Option#SERVICE_UNTIL_ACKNOWLEDGE});
     * a level line still asserted is then due to signal again. Dispatch thread only; allocates nothing.
     */
    @Override
    public void acknowledge(int message, boolean claimed) {
        if (serviceUntilAcknowledge) {
            inService.set(message, 0);
        }
        if (assertions.get(message) > 0) {
            levelDue.set(message, 1);
        }
    }

    /** Edges of {@code message} dropped while closed (under {@link Option#DROP_EDGES_WHILE_DISCONNECTED}); else 0. */
    @Override
    public long lostSignals(int message) {
        check(message);
        return lost.get(message);
    }

    /**
     * Starts a connection: {@link #await} blocks again, and under
     * {@link Option#SERVICE_UNTIL_ACKNOWLEDGE} nothing is in service. Edges fired while
     * disconnected stay pending, unless {@link Option#DROP_EDGES_WHILE_DISCONNECTED} dropped them.
     */
    @Override
    public void connect() {
        if (serviceUntilAcknowledge) {
            for (int m = 0; m < messages; m++) {
                inService.set(m, 0);
            }
        }
        connected = true;
    }

    /**
     * Ends the connection; edges fired from now on stay pending for the next one, or are dropped
     * under {@link Option#DROP_EDGES_WHILE_DISCONNECTED}. Holds no resources to release.
     */
    @Override
    public void disconnect() {
        connected = false;
        signal();
    }

    @Override
    public String toString() {
        return "InProcessInterruptSource[" + name + ", " + messages + " messages"
                + (serviceUntilAcknowledge ? ", " + Option.SERVICE_UNTIL_ACKNOWLEDGE : "")
                + (dropWhileDisconnected ? ", " + Option.DROP_EDGES_WHILE_DISCONNECTED : "") + "]";
    }
}
