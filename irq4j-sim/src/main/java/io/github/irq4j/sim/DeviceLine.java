package io.github.irq4j.sim;

/**
 * A {@link SimDevice}'s interrupt output, a level line or an edge line (or MSI vector): the model
 * changes it under its lock, and the change is sent to the controller by {@link #flush()}, after
 * the lock is released.
 *
 * <p>Why not under the lock: the controller wakes the dispatch thread, whose ISR's first register
 * read then waited for the lock the waker still held (in the demo about 15,000 contended monitor
 * enters per 5 s on the ISR threads, each a park and a wake-up). So the register file and the
 * models built on {@code SimDevice} ({@code SimUart}, {@code SimTimer}, {@code DeviceFaults})
 * change the line under the lock and flush after releasing it. A caller still holding the lock (a
 * model's own {@code synchronized (dev.lock())} block around {@code raise}) gets the change sent
 * at once, under the lock: the controller takes no lock and never calls back into models, so that
 * cannot deadlock.
 */
final class DeviceLine {

    private final Object lock;
    private final LevelOutput level;
    private final SimInterruptController edgeController;
    private final int edgeLine;

    /**
     * The level this model last drove on its {@link LevelOutput} (an output starts deasserted);
     * written under {@link #lock}, read by {@link #flush()}'s re-check without it (volatile). The
     * model is the only driver of its output, so the output is asserted exactly when this is true,
     * and {@link #drive} records only a change.
     */
    private volatile boolean driven;
    /** Whether {@link #driven} changed since the last {@link #flush()}; guarded by {@link #lock}. */
    private boolean levelChanged;
    /** Edges raised under the lock, not yet sent to the controller; guarded by {@link #lock}. */
    private int pendingEdges;
    /** Set under the lock when a flush has something to send; read without it by {@link #flush()}. */
    private volatile boolean dirty;

    /** A line of the model whose lock is {@code lock}: {@code level}, or line {@code edgeLine} of {@code edgeController}, or neither. */
    DeviceLine(Object lock, LevelOutput level, SimInterruptController edgeController, int edgeLine) {
        this.lock = lock;
        this.level = level;
        this.edgeController = edgeController;
        this.edgeLine = edgeLine;
    }

    /** Whether the model drives a level line. */
    boolean isLevel() {
        return level != null;
    }

    /** Whether the model raises edges. */
    boolean isEdge() {
        return edgeController != null;
    }

    /** Whether the model has a line at all. */
    boolean exists() {
        return level != null || edgeController != null;
    }

    /** Records the model's level; under the lock. Every register write ends here, so only a change counts. */
    void drive(boolean want) {
        if (want != driven) {
            driven = want;
            levelChanged = true;
            dirty = true;
        }
    }

    /** Records one edge to raise; under the lock. */
    void edge() {
        pendingEdges++;
        dirty = true;
    }

    /**
     * Sends what changed under the lock: the new level of a level line, or the edges raised.
     *
     * <p>Without a lock around the send, two flushes may send in the opposite order of their
     * changes; so a flush that sent a level checks afterwards that it is still the model's level
     * and sends the current one if not. The last send is always checked, so the output ends at the
     * model's level. Edges are counted and commute.
     *
     * <p>The re-check reads {@link #driven} without the lock: a change written before the read is
     * seen by it (volatile), and a change written after it has its own flush, which takes the
     * change and sends after this send. One monitor enter per flush, not one more per send.
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
            boolean now = driven;
            send = now != value;   // changed meanwhile, and the other change's send may have come first
            value = now;
        }
    }
}
