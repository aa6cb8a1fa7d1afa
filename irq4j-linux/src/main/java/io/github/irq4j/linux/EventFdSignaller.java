package io.github.irq4j.linux;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * The built-in signaller of {@code eventfd:rate=N}: a platform thread that adds to the eventfd's
 * counter once per period. When it falls behind (a GC pause, a busy machine) it adds the periods
 * it missed in one write, so the counter holds what a device ticking at that rate would have
 * raised, and the driver sees them as one coalesced signal. {@link #stop()} joins the thread, so
 * once it returns nothing writes the eventfd any more and it may be closed. With several sources
 * ({@code eventfd:rate=N,sources=K}) the one thread signals each in turn every period: K sources
 * cost one signaller thread, not K.
 */
final class EventFdSignaller implements Runnable {

    /** How long stop() waits for the thread; it parks at most one period, so this is generous. */
    static final long JOIN_MS = 5_000;

    private final EventFdSource[] sources;
    private final long periodNanos;
    /** Cleared by stop(); read by the signaller thread. */
    private volatile boolean running = true;
    /** The signaller thread, once started; guarded by {@code this}. */
    private Thread thread;
    /** Signals written so far (each write of k counts k); the signaller thread writes, anyone reads. */
    private volatile long signalled;

    EventFdSignaller(EventFdSource source, long periodNanos) {
        this(java.util.List.of(source), periodNanos);
    }

    EventFdSignaller(java.util.List<EventFdSource> sources, long periodNanos) {
        this.sources = sources.toArray(EventFdSource[]::new);
        this.periodNanos = periodNanos;
    }

    /** Starts the thread; a second call does nothing. */
    synchronized void start() {
        if (thread == null && running) {
            thread = Thread.ofPlatform().daemon().name("irq4j-eventfd-signaller").start(this);
        }
    }

    @Override
    public void run() {
        long next = System.nanoTime() + periodNanos;
        while (running) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(this, next - now);
                continue;
            }
            long due = 1 + (now - next) / periodNanos;
            next += due * periodNanos;
            try {
                for (EventFdSource source : sources) {
                    if (source.signal(due)) {
                        signalled += due;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                return;   // the eventfd was closed under us: stop() was skipped, the run is over
            }
        }
    }

    /**
     * Stops the thread and waits until it has ended. Idempotent.
     *
     * @throws IllegalStateException if the thread did not end within {@value #JOIN_MS} ms
     */
    void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t == null) {
            return;
        }
        LockSupport.unpark(t);
        try {
            t.join(JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            throw new IllegalStateException(sources[0].name() + (sources.length > 1 ? " and " + (sources.length - 1) + " more" : "") + ": the signaller thread did not stop within " + JOIN_MS + " ms");
        }
    }

    /** Signals written so far. */
    long signalled() {
        return signalled;
    }
}
