package io.github.irq4j.sim;

import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Simulated time: nanoseconds advanced by the simulation, not by the wall clock, so that device
 * models behave the same on every run. Device models schedule {@link SimEvent}s on it; whoever
 * drives the simulation advances it: the {@link DeterministicScheduler} one event at a time, or a
 * {@link RealTimePacer} in step with the wall clock.
 * <pre>{@code
 * VirtualClock clock = simulation.clock();
 * clock.schedule(event, clock.nanoTime() + 1_000_000);   // in 1 ms of virtual time
 * clock.advanceBy(2_000_000);                             // fires it
 * }</pre>
 *
 * <p>Thread-safe. Events fire on the advancing thread, in due-time order (ties in scheduling
 * order), one at a time and without the clock's lock held. Time never goes backwards.
 */
public final class VirtualClock {

    /*
     * Invariants, all guarded by `this`: `now` only grows; every event in `queue` has
     * scheduled == true and dueNanos >= the `now` at which it was scheduled; `nextSequence` gives
     * events due at the same time their scheduling order. Events are taken out of the queue under
     * the lock and fired after it is released, so an event may reschedule itself.
     */

    private final PriorityQueue<SimEvent> queue = new PriorityQueue<>(16, VirtualClock::compare);
    private long now;
    private long nextSequence;

    private static int compare(SimEvent a, SimEvent b) {
        int c = Long.compare(a.dueNanos, b.dueNanos);
        return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    }

    /** The current virtual time in nanoseconds, starting at 0. */
    public synchronized long nanoTime() {
        return now;
    }

    /**
     * Schedules {@code event} at {@code dueNanos}, moving it if it was already scheduled. A time in
     * the past means "at the next advance". Allocates nothing once the queue has grown.
     */
    public synchronized void schedule(SimEvent event, long dueNanos) {
        Objects.requireNonNull(event, "event");
        if (event.scheduled) {
            queue.remove(event);
        }
        event.dueNanos = Math.max(dueNanos, now);
        event.sequence = nextSequence++;
        event.scheduled = true;
        queue.add(event);
    }

    /** Removes {@code event} if it is scheduled; returns whether it was. */
    public synchronized boolean cancel(SimEvent event) {
        if (!event.scheduled) {
            return false;
        }
        event.scheduled = false;
        return queue.remove(event);
    }

    /** Whether {@code event} is scheduled. */
    public synchronized boolean isScheduled(SimEvent event) {
        return event.scheduled;
    }

    /** The due time of the next event, or {@link Long#MAX_VALUE} if none is scheduled. */
    public synchronized long nextEventNanos() {
        SimEvent e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.dueNanos;
    }

    /** The next event to fire, or {@code null}; for schedule traces. */
    public synchronized SimEvent peekNextEvent() {
        return queue.peek();
    }

    /**
     * Advances to {@code targetNanos}, firing every event due until then in order. A target at or
     * before the current time fires only overdue events (time never goes backwards).
     *
     * @return how many events fired
     */
    public int advanceTo(long targetNanos) {
        int fired = 0;
        while (true) {
            SimEvent e;
            synchronized (this) {
                e = queue.peek();
                if (e == null || e.dueNanos > targetNanos) {
                    if (targetNanos > now) {
                        now = targetNanos;
                    }
                    return fired;
                }
                queue.poll();
                e.scheduled = false;
                now = Math.max(now, e.dueNanos);
            }
            e.fire(e.dueNanos);
            fired++;
        }
    }

    /** Advances by {@code deltaNanos} (at least 0), firing what falls due. */
    public int advanceBy(long deltaNanos) {
        if (deltaNanos < 0) {
            throw new IllegalArgumentException("deltaNanos: " + deltaNanos + " (expected: >= 0; virtual time never goes backwards)");
        }
        long target;
        synchronized (this) {
            target = now + deltaNanos;
        }
        return advanceTo(target);
    }

    /**
     * Advances to the next event and fires it alone.
     *
     * @return the event fired, or {@code null} if none was scheduled
     */
    public SimEvent fireNext() {
        SimEvent e;
        synchronized (this) {
            e = queue.poll();
            if (e == null) {
                return null;
            }
            e.scheduled = false;
            now = Math.max(now, e.dueNanos);
        }
        e.fire(e.dueNanos);
        return e;
    }

    @Override
    public synchronized String toString() {
        return "VirtualClock{now=" + now + "ns, events=" + queue.size() + "}";
    }
}
