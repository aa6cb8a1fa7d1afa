package io.github.irq4j.internal;

import io.github.irq4j.spi.DeferredTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A deferred call that coalesces: any number of {@link #enqueue()} calls before the run starts
 * cause one run (SPEC 2.5). The object is its own queue node, so queueing allocates nothing.
 *
 * <p>Protocol. {@code state} is IDLE, QUEUED, RUNNING or RUNNING_REQUEUED.
 * <ul>
 * <li>{@code enqueue}: IDLE -> QUEUED by one winning CAS, which alone hands the call to the
 *     environment; RUNNING -> RUNNING_REQUEUED (the run in progress will hand it over again when it
 *     ends); QUEUED or RUNNING_REQUEUED: already pending, returns false.</li>
 * <li>{@code run}: QUEUED -> RUNNING before the callback (the queued flag is cleared before it
 *     runs, so a request made during the run causes one more run); after it, RUNNING -> IDLE, or
 *     RUNNING_REQUEUED -> QUEUED and back to the environment.</li>
 * </ul>
 * So runs of one call never overlap, even with several worker threads, no request is lost (one
 * made before a run starts is served by that run, one made after by the next), and
 * {@link #flush()} waits for IDLE.
 */
public abstract non-sealed class DeferredCall implements DeferredTask {

    static final int IDLE = 0;
    static final int QUEUED = 1;
    static final int RUNNING = 2;
    static final int RUNNING_REQUEUED = 3;

    private static final VarHandle STATE;
    private static final VarHandle QUEUED_COUNT;
    private static final VarHandle RUN_COUNT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(DeferredCall.class, "state", int.class);
            QUEUED_COUNT = l.findVarHandle(DeferredCall.class, "queuedCount", long.class);
            RUN_COUNT = l.findVarHandle(DeferredCall.class, "runCount", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Kind kind;
    private final String name;
    final HostImpl host;

    /** IDLE, QUEUED, RUNNING or RUNNING_REQUEUED; CAS transitions only, as listed above. */
    private volatile int state;
    /** Threads waiting in flush; they are notified when a run ends. */
    private volatile int flushWaiters;
    /** The thread running the call, for flush-from-inside detection; written by the runner. */
    private volatile Thread runner;
    /** Successful enqueues; atomic adds by enqueuers. */
    private volatile long queuedCount;
    /** Completed runs; atomic adds by runners. */
    private volatile long runCount;

    /** Link used by the environment's queue while this call is queued; owned by that queue. */
    DeferredCall next;

    protected DeferredCall(Kind kind, String name, HostImpl host) {
        this.kind = kind;
        this.name = name;
        this.host = host;
    }

    @Override
    public final Kind kind() {
        return kind;
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * Queues a run unless one is pending. Any thread, any level; never blocks on the call itself.
     *
     * @return true if this call queued a run, false if one was already queued
     */
    public final boolean enqueue() {
        while (true) {
            int s = state;
            if (s == IDLE) {
                if (STATE.compareAndSet(this, IDLE, QUEUED)) {
                    QUEUED_COUNT.getAndAdd(this, 1L);
                    host.environment().schedule(this);
                    return true;
                }
            } else if (s == RUNNING) {
                if (STATE.compareAndSet(this, RUNNING, RUNNING_REQUEUED)) {
                    QUEUED_COUNT.getAndAdd(this, 1L);
                    return true;
                }
            } else {
                return false;
            }
        }
    }

    @Override
    public final void run() {
        runner = Thread.currentThread();
        state = RUNNING;
        try {
            invoke();
        } finally {
            RUN_COUNT.getAndAdd(this, 1L);
            runner = null;
            if (STATE.compareAndSet(this, RUNNING, IDLE)) {
                if (flushWaiters > 0) {
                    synchronized (this) {
                        notifyAll();
                    }
                }
            } else {
                // RUNNING_REQUEUED: a request came during the run; it gets the next one.
                state = QUEUED;
                host.environment().schedule(this);
            }
        }
    }

    /**
     * Runs the callback with the framework's bookkeeping, in the subclass's {@link CallbackFrame}.
     * Must contain every fault; never throws (but a {@link VirtualMachineError}).
     */
    protected abstract void invoke();

    /**
     * Waits until no run is queued or running. {@code PASSIVE}; blocks. From inside its own run it
     * returns at once instead of deadlocking (the run in progress is the caller).
     */
    public final void flush() {
        flushUntil(0, false);
    }

    /**
     * {@link #flush()} that gives up at {@code deadline} ({@link System#nanoTime()}), for a bounded
     * stop (SPEC 4.2). PASSIVE; blocks until then at most.
     *
     * @return whether no run is queued or running; false: the deadline passed (see {@link #runner()})
     */
    final boolean flushUntil(long deadline) {
        return flushUntil(deadline, true);
    }

    private boolean flushUntil(long deadline, boolean bounded) {
        if (runner == Thread.currentThread()) {
            return true;
        }
        if (state == IDLE) {
            return true;
        }
        synchronized (this) {
            flushWaiters++;
            try {
                while (state != IDLE) {
                    if (bounded && System.nanoTime() - deadline >= 0) {
                        return false;
                    }
                    // Bounded wait: an environment that runs tasks on one thread of its own (the
                    // deterministic scheduler) hands the run over in helpFlush without waiting for
                    // it, and the run's end needs this monitor, which wait() releases.
                    if (!host.helpFlush(this)) {
                        wait(10);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                flushWaiters--;
            }
        }
        return true;
    }

    /** The thread running the call now, or null; for the report of a stop that timed out. */
    final Thread runner() {
        return runner;
    }

    /** Successful enqueues so far. */
    public final long queuedCount() {
        return queuedCount;
    }

    /** Completed runs so far. */
    public final long runCount() {
        return runCount;
    }

    @Override
    public String toString() {
        return name;
    }
}
