package io.github.irq4j.internal;

import io.github.irq4j.spi.DeferredTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A deferred call that coalesces: any number of {@link #enqueue()} calls before the run starts
 * cause one run (SPEC 2.5). The object is its own queue node, so queueing allocates nothing.
 *
 * <p>Protocol. {@code queued} goes 0 -> 1 by one winning CAS in {@code enqueue}, which alone then
 * hands the call to the environment. The runner sets {@code running} = 1, then {@code queued} = 0,
 * then invokes: a request made before the clear is served by this run; one made after it wins
 * the CAS and queues one more run. {@link #flush()} waits until both are 0; because {@code running}
 * is set before {@code queued} is cleared, a flusher never sees both 0 while a run is handed over.
 */
public abstract non-sealed class DeferredCall implements DeferredTask {

    private static final VarHandle QUEUED;
    private static final VarHandle QUEUED_COUNT;
    private static final VarHandle RUN_COUNT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            QUEUED = l.findVarHandle(DeferredCall.class, "queued", int.class);
            QUEUED_COUNT = l.findVarHandle(DeferredCall.class, "queuedCount", long.class);
            RUN_COUNT = l.findVarHandle(DeferredCall.class, "runCount", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Kind kind;
    private final String name;
    final HostImpl host;

    /** 1 from a winning enqueue until the runner starts; CAS by enqueuers, volatile store by the runner. */
    private volatile int queued;
    /** 1 while the callback runs; written by the runner only. */
    private volatile int running;
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
        if (queued == 0 && QUEUED.compareAndSet(this, 0, 1)) {
            QUEUED_COUNT.getAndAdd(this, 1L);
            host.environment().schedule(this);
            return true;
        }
        return false;
    }

    @Override
    public final void run() {
        runner = Thread.currentThread();
        running = 1;
        queued = 0;
        try {
            invoke();
        } finally {
            RUN_COUNT.getAndAdd(this, 1L);
            runner = null;
            running = 0;
            if (flushWaiters > 0) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    /** Runs the callback with the framework's bookkeeping. Must contain every fault; never throws. */
    protected abstract void invoke();

    /**
     * Waits until no run is queued or running. {@code PASSIVE}; blocks. From inside its own run it
     * returns at once instead of deadlocking (the run in progress is the caller).
     */
    public final void flush() {
        if (runner == Thread.currentThread()) {
            return;
        }
        if (queued == 0 && running == 0) {
            return;
        }
        synchronized (this) {
            flushWaiters++;
            try {
                while (queued != 0 || running != 0) {
                    // Bounded wait: an environment that runs tasks on one thread of its own (the
                    // deterministic scheduler) hands the run over in helpFlush without waiting for
                    // it, and the run's end needs this monitor, which wait() releases.
                    if (!host.helpFlush(this)) {
                        wait(10);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                flushWaiters--;
            }
        }
    }

    /** Whether a run is queued or running. */
    public final boolean isPending() {
        return queued != 0 || running != 0;
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
