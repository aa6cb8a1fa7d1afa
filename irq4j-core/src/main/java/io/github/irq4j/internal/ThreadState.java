package io.github.irq4j.internal;

/**
 * What the framework tracks per thread: the current level, the interrupt locks it holds, and
 * what kind of callback it runs.
 *
 * <p>Every field is read and written by its own thread only (plain accesses); other threads never
 * look at another thread's state, but for the watchdog's sample of {@code watchFrame} and the final
 * {@link #thread}, by which a lock's cache of the last caller's state ({@link LockCore#stateOf})
 * tells whose it is. No field is public: outside this package a thread can only mark
 * itself as running an arbitrary-thread callback ({@link #enterArbitrary}, which the verifier's
 * tests use to reach that rule); its level is the framework's alone. Framework threads keep it in a field of {@link FrameworkThread};
 * other threads reach it through a thread-local.
 */
public final class ThreadState {

    private static final ThreadLocal<ThreadState> FOREIGN = ThreadLocal.withInitial(() -> new ThreadState(Thread.currentThread()));

    /**
     * The thread whose state this is. Final, so any thread that finds this object through a racy
     * read (a lock's cache, {@link LockCore#stateOf}) sees it and can tell whether the state is its own.
     */
    final Thread thread;

    /**
     * The current level's value ({@link Levels}): written by the framework only, on entering and
     * leaving callbacks and locks. Package-private on purpose: the API reads it through
     * {@link ApiBridge#currentIrql()}, and no code outside this package can change it.
     */
    int irql;

    /** Locks held, oldest first; entries at {@code [heldCount, held.length)} are null. Grows, never shrinks. */
    private LockCore[] held = new LockCore[4];
    int heldCount;

    /** Greater than 0 inside an arbitrary-thread callback (an I/O queue callback). */
    int arbitraryDepth;

    /** The interrupt whose DPC or work item runs on this thread, or null. */
    InterruptImpl deferredOwner;

    /**
     * The framework callback this thread runs, as messages name it ("in uart0 work item"), or null
     * outside callbacks. Set on entry and restored on exit by whoever calls into the driver; a
     * preformatted string, so recording it as a lock's acquire site allocates nothing.
     */
    String callbackSite;

    /**
     * The innermost {@link CallbackFrame} running on this thread, or null: written opaque by the
     * thread at frame entry and exit, read by the host's watchdog thread (SPEC 4.4), the one
     * field another thread reads.
     */
    @SuppressWarnings("unused") // through CallbackFrame's VarHandle
    CallbackFrame<?> watchFrame;

    /** The watchdog this thread last registered with; the thread's own. */
    CallbackWatchdog watchdog;

    /**
     * Set while this (dispatch) thread runs the ISRs of one signal ({@link SourceDispatcher#onSignal}):
     * a deferred call they queue on the default environment is linked at once but its consumer's
     * wake-up is owed ({@link #owe}) and sent by the dispatcher right after the signal's ISRs have
     * returned and released their locks, before the next signal or poll ({@link #sendOwedWakes}).
     */
    boolean defersWakes;

    /** The queues owed one {@link TaskQueue#wakeOne()} each, at {@code [0, owedCount)}; duplicates allowed. */
    private final TaskQueue[] owed = new TaskQueue[4];
    int owedCount;

    ThreadState(Thread thread) {
        this.thread = thread;
    }

    /** The state of the calling thread. Allocates only the first time a foreign thread asks. */
    public static ThreadState current() {
        Thread t = Thread.currentThread();
        if (t instanceof FrameworkThread f) {
            return f.state;
        }
        return FOREIGN.get();
    }

    void push(LockCore lock) {
        if (heldCount == held.length) {
            held = java.util.Arrays.copyOf(held, held.length * 2);
        }
        held[heldCount++] = lock;
    }

    /** Removes {@code lock} if it is the newest held (a release in order, the common case); returns whether it was. */
    boolean popIfNewest(LockCore lock) {
        int top = heldCount - 1;
        if (top >= 0 && held[top] == lock) {
            held[top] = null;
            heldCount = top;
            return true;
        }
        return false;
    }

    /** Where {@code lock} is in the held list (0 the oldest), searching from the newest; -1 if not held. */
    int indexOf(LockCore lock) {
        for (int i = heldCount - 1; i >= 0; i--) {
            if (held[i] == lock) {
                return i;
            }
        }
        return -1;
    }

    /** Removes the entry at {@code index}, keeping the order of the others. */
    void removeAt(int index) {
        System.arraycopy(held, index + 1, held, index, heldCount - index - 1);
        held[--heldCount] = null;
    }

    /** Removes {@code lock}, searching from the newest; returns whether it was there. */
    boolean remove(LockCore lock) {
        if (popIfNewest(lock)) {
            return true;
        }
        int i = indexOf(lock);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    LockCore held(int index) {
        return held[index];
    }

    /**
     * Records that {@code queue} is owed a wake-up.
     *
     * @return false if the record is full: the caller wakes the queue at once instead
     */
    boolean owe(TaskQueue queue) {
        if (owedCount == owed.length) {
            return false;
        }
        owed[owedCount++] = queue;
        return true;
    }

    /** Sends every owed wake-up, oldest first, and forgets them. Own thread; allocates nothing. */
    void sendOwedWakes() {
        for (int i = 0; i < owedCount; i++) {
            TaskQueue q = owed[i];
            owed[i] = null;
            q.wakeOne();
        }
        owedCount = 0;
    }

    /** Enters an arbitrary-thread callback (I/O queue callbacks); pair with {@link #exitArbitrary()}. */
    public void enterArbitrary() {
        arbitraryDepth++;
    }

    /** Leaves an arbitrary-thread callback. */
    public void exitArbitrary() {
        arbitraryDepth--;
    }

    /** How many interrupt or callback locks the thread holds. */
    public int heldCount() {
        return heldCount;
    }
}
