package io.github.irq4j.internal;

/**
 * A FIFO of deferred calls linked through {@link DeferredCall#next}, guarded by its monitor.
 * Adding allocates nothing; consumers wait on the monitor.
 *
 * <p>Wake-ups. {@link #add} notifies a waiting consumer at once. {@link #addOwingWake} links the
 * call but leaves the notify to the caller, who owes it and sends it with {@link #wakeOne()} soon
 * after: the dispatch thread queues from an ISR this way, so the futex syscall of the wake-up (the
 * {@code unpark} at the monitor's exit) falls after the ISR and its interrupt lock, not inside
 * them. No wake-up is lost: a consumer that checks the queue after the add finds the call without
 * waiting; one that waited before it is counted in {@link #waiting} and stays in {@code wait()}
 * (but for a spurious wake-up, after which it finds the call) until the owed {@code wakeOne()}.
 */
final class TaskQueue {

    private DeferredCall head;
    private DeferredCall tail;
    private boolean closed;
    /** Consumers inside take()'s wait(); changed under the monitor. */
    private int waiting;

    synchronized void add(DeferredCall call) {
        if (link(call)) {
            notify();
        }
    }

    /**
     * Links {@code call} without waking a consumer. Any thread; blocks only on the monitor, which
     * is held for a few field writes.
     *
     * @return whether a consumer was waiting: the caller then owes one {@link #wakeOne()}
     */
    synchronized boolean addOwingWake(DeferredCall call) {
        return link(call) && waiting > 0;
    }

    /** Wakes one waiting consumer, if any: an owed wake-up of {@link #addOwingWake}. */
    synchronized void wakeOne() {
        notify();
    }

    /** Links {@code call} at the tail; false if the queue is closed (the call is dropped). Under the monitor. */
    private boolean link(DeferredCall call) {
        if (closed) {
            return false;
        }
        call.next = null;
        if (tail == null) {
            head = call;
        } else {
            tail.next = call;
        }
        tail = call;
        return true;
    }

    /** Takes the oldest call, waiting for one; null once closed. */
    synchronized DeferredCall take() throws InterruptedException {
        while (head == null) {
            if (closed) {
                return null;
            }
            waiting++;
            try {
                wait();
            } finally {
                waiting--;
            }
        }
        DeferredCall call = head;
        head = call.next;
        if (head == null) {
            tail = null;
        }
        call.next = null;
        return call;
    }

    synchronized void close() {
        closed = true;
        head = null;
        tail = null;
        notifyAll();
    }
}
