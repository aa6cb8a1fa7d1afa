package io.github.irq4j.internal;

/**
 * A FIFO of deferred calls linked through {@link DeferredCall#next}, guarded by its monitor.
 * Adding allocates nothing; consumers wait on the monitor.
 */
final class TaskQueue {

    private DeferredCall head;
    private DeferredCall tail;
    private boolean closed;

    synchronized void add(DeferredCall call) {
        if (closed) {
            return;
        }
        call.next = null;
        if (tail == null) {
            head = call;
        } else {
            tail.next = call;
        }
        tail = call;
        notify();
    }

    /** Takes the oldest call, waiting for one; null once closed. */
    synchronized DeferredCall take() throws InterruptedException {
        while (head == null) {
            if (closed) {
                return null;
            }
            wait();
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
