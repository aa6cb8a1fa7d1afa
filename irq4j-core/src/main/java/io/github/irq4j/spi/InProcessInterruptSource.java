package io.github.irq4j.spi;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * An interrupt source inside the JVM that tests and demos fire from any thread: edges with
 * {@link #fire(int)}, level lines with {@link #assertLine(int)} / {@link #deassertLine(int)}.
 *
 * <p>Edges fired before the dispatch thread polls merge into one signal whose count is the number
 * of edges, as an eventfd counter does. An asserted level line signals once, and again after each
 * {@link #acknowledge} while it stays asserted, as a level-triggered controller re-raises a line
 * the driver did not quiet. Firing and polling allocate nothing.
 * <pre>{@code
 * InProcessInterruptSource source = new InProcessInterruptSource("test", 1);
 * Device device = host.addDevice("dev", driver, List.of(
 *         InterruptResource.line("dev.irq", source, 0, InterruptMode.LATCHED)));
 * host.start(device);
 * source.fire(0);            // the ISR runs on the dispatch thread
 * }</pre>
 */
public final class InProcessInterruptSource implements InterruptSource {

    private final String name;
    private final int messages;
    /** Edges fired and not yet polled, per message. Incremented by firers, swapped to 0 by the dispatch thread. */
    private final AtomicLongArray pending;
    /** 1 while a level line is asserted. Set by any thread. */
    private final AtomicIntegerArray asserted;
    /** 1 when an asserted level line is due to signal (on assert and after each acknowledge). */
    private final AtomicIntegerArray levelDue;
    /** 1 while a message is masked. */
    private final AtomicIntegerArray masked;
    /** The dispatch thread while it waits in await, else null. */
    private volatile Thread waiter;
    /** Set by wakeup() and by signals; cleared by await before it parks. */
    private volatile boolean woken;
    /** Cleared by disconnect() so that a waiting await returns; set again by connect(). */
    private volatile boolean connected;

    /**
     * @param name a name for messages and thread names
     * @param messages how many lines, at least 1
     * @throws IllegalArgumentException if {@code messages} is below 1
     */
    public InProcessInterruptSource(String name, int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("messages: " + messages + " (expected: >= 1)");
        }
        this.name = java.util.Objects.requireNonNull(name, "name");
        this.messages = messages;
        this.pending = new AtomicLongArray(messages);
        this.asserted = new AtomicIntegerArray(messages);
        this.levelDue = new AtomicIntegerArray(messages);
        this.masked = new AtomicIntegerArray(messages);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int messageCount() {
        return messages;
    }

    /** Fires one edge on {@code message}. Any thread; never blocks. */
    public void fire(int message) {
        fire(message, 1);
    }

    /** Fires {@code edges} edges at once on {@code message}. Any thread; never blocks. */
    public void fire(int message, long edges) {
        check(message);
        if (edges < 1) {
            throw new IllegalArgumentException("edges: " + edges + " (expected: >= 1)");
        }
        pending.addAndGet(message, edges);
        signal();
    }

    /** Asserts level line {@code message}: it signals until {@link #deassertLine} and an acknowledge. */
    public void assertLine(int message) {
        check(message);
        asserted.set(message, 1);
        levelDue.set(message, 1);
        signal();
    }

    /** Deasserts level line {@code message}. */
    public void deassertLine(int message) {
        check(message);
        asserted.set(message, 0);
    }

    /** Whether level line {@code message} is asserted. */
    public boolean isAsserted(int message) {
        check(message);
        return asserted.get(message) == 1;
    }

    /** Whether {@code message} is masked. */
    public boolean isMasked(int message) {
        check(message);
        return masked.get(message) == 1;
    }

    private void check(int message) {
        if (message < 0 || message >= messages) {
            throw new IndexOutOfBoundsException("message " + message + " of source '" + name + "' (expected: 0 <= message < " + messages + ")");
        }
    }

    private void signal() {
        woken = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public int poll(SignalHandler handler) {
        int n = 0;
        for (int m = 0; m < messages; m++) {
            if (masked.get(m) == 1) {
                continue;
            }
            if (pending.get(m) != 0) {
                long edges = pending.getAndSet(m, 0);
                if (edges > 0) {
                    handler.onSignal(m, edges);
                    n++;
                    continue;
                }
            }
            if (asserted.get(m) == 1 && levelDue.get(m) == 1 && levelDue.compareAndSet(m, 1, 0)) {
                handler.onSignal(m, 1);
                n++;
            }
        }
        return n;
    }

    private boolean anyPending() {
        for (int m = 0; m < messages; m++) {
            if (masked.get(m) == 0 && (pending.get(m) != 0 || (asserted.get(m) == 1 && levelDue.get(m) == 1))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void await(long timeoutNanos) {
        waiter = Thread.currentThread();
        try {
            if (woken) {
                woken = false;
                return;
            }
            if (anyPending() || !connected) {
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

    @Override
    public void acknowledge(int message, boolean claimed) {
        if (asserted.get(message) == 1) {
            levelDue.set(message, 1);
        }
    }

    /** Starts a connection: {@link #await} blocks again. Edges fired while disconnected stay pending. */
    @Override
    public void connect() {
        connected = true;
    }

    /** Ends the connection; edges fired from now on stay pending for the next one. Holds no resources to release. */
    @Override
    public void disconnect() {
        connected = false;
        signal();
    }

    @Override
    public String toString() {
        return "InProcessInterruptSource[" + name + ", " + messages + " messages]";
    }
}
