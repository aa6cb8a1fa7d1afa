package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.IoQueue;
import io.github.irq4j.IoQueueConfig;
import io.github.irq4j.IoQueueDispatchType;
import io.github.irq4j.Request;
import io.github.irq4j.RequestStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The example of the {@code WdfInterruptTryToAcquireLock} page with a parallel queue, plus the
 * manual queue that page asks for:
 * <blockquote>If the driver specified any other dispatching method for the queue, the driver
 * should use an additional manual queue to retain requests for processing in the work item.
 * [...] If previous queue is non-sequential, call WdfRequestForwardToIoQueue to store request in
 * an additional manual queue. [...] If delivery queue is non-sequential, call
 * WdfIoQueueRetrieveNextRequest to retrieve request that we stored in EvtIoRead.</blockquote>
 * Several reads may be in EvtIoRead at once; reads waiting for bytes wait in the manual queue and
 * are filled in the order they entered it.
 */
public final class ParallelUartDriver extends SeedUartDriver {

    /** Reads waiting for bytes, in order. */
    private IoQueue waitingReads;
    /** The read being filled, taken from {@link #waitingReads}; guarded by the interrupt lock. */
    private Request current;

    public ParallelUartDriver() {
    }

    @Override
    void createQueues(Device device) {
        waitingReads = device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL)
                .name(device.name() + ".waitingReads").build());
        defaultQueue = device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL)
                .name(device.name() + ".reads").defaultQueue(true).onRead(this::onRead).build());
    }

    /** Takes bytes only if no earlier read waits, so waiting reads are served first. */
    @Override
    boolean readOrParkLocked(Request request) {
        if (current == null && waitingReads.statistics().queued() == 0 && readFunctionLocked(request)) {
            return true;
        }
        request.forwardToIoQueue(waitingReads);
        return false;
    }

    @Override
    void handToWorkItem(Request request) {
        request.forwardToIoQueue(waitingReads);
        readWorkItem.enqueue();
    }

    @Override
    void serveWaitingReads() {
        List<Request> done = new ArrayList<>();
        interrupt.acquireLock();
        try {
            while (true) {
                if (current == null) {
                    current = waitingReads.retrieveNextRequest();
                    if (current == null) {
                        break;
                    }
                }
                if (!readFunctionLocked(current)) {
                    break;
                }
                done.add(current);
                current = null;
            }
        } finally {
            interrupt.releaseLock();
        }
        for (Request r : done) {
            readFunctionFinish(r);
        }
    }

    @Override
    void cancelHeldReads() {
        List<Request> held = new ArrayList<>();
        interrupt.acquireLock();
        try {
            if (current != null) {
                held.add(current);
                current = null;
            }
            for (Request r = waitingReads.retrieveNextRequest(); r != null; r = waitingReads.retrieveNextRequest()) {
                held.add(r);
            }
        } finally {
            interrupt.releaseLock();
        }
        for (Request r : held) {
            r.complete(RequestStatus.CANCELLED);
        }
    }
}
