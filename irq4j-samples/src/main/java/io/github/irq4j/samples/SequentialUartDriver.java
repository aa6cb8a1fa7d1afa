package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.IoQueueConfig;
import io.github.irq4j.IoQueueDispatchType;
import io.github.irq4j.Request;
import io.github.irq4j.RequestStatus;

/**
 * The example of the {@code WdfInterruptTryToAcquireLock} page as written: a sequential queue, so
 * at most one read is in the driver at a time and the work item's context can hold it.
 * <blockquote>In this example, the driver has specified sequential dispatching for the queue.
 * [...] {@code ctx = GetWorkItemContext(ReadWorkItem); ctx->Request = Request;
 * WdfWorkItemEnqueue(ReadWorkItem);}</blockquote>
 * Reads complete in the order they were sent, each with the next bytes the UART received.
 */
public sealed class SequentialUartDriver extends SeedUartDriver permits BrokenSequentialUartDriver {

    /** The example's {@code WORK_ITEM_CONTEXT}: the request EvtIoRead handed over. */
    static final class WorkItemContext {
        /** Set by EvtIoRead without the lock, then published by enqueue(); taken under the interrupt lock. */
        volatile Request request;
    }

    /** The read being filled; guarded by the interrupt lock. */
    private Request current;

    public SequentialUartDriver() {
    }

    @Override
    void createQueues(Device device) {
        readWorkItem.setContext(WorkItemContext.class, new WorkItemContext());
        defaultQueue = device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL)
                .name(device.name() + ".reads").defaultQueue(true).onRead(this::onRead).build());
    }

    @Override
    boolean readOrParkLocked(Request request) {
        if (readFunctionLocked(request)) {
            return true;
        }
        current = request;
        return false;
    }

    @Override
    void handToWorkItem(Request request) {
        readWorkItem.getContext(WorkItemContext.class).request = request;
        readWorkItem.enqueue();
    }

    @Override
    void serveWaitingReads() {
        WorkItemContext ctx = readWorkItem.getContext(WorkItemContext.class);
        Request done = null;
        interrupt.acquireLock();
        try {
            Request handed = ctx.request;
            if (handed != null) {
                ctx.request = null;
                current = handed;
            }
            if (current != null && readFunctionLocked(current)) {
                done = current;
                current = null;
            }
        } finally {
            interrupt.releaseLock();
        }
        if (done != null) {
            readFunctionFinish(done);
        }
    }

    @Override
    void cancelHeldReads() {
        WorkItemContext ctx = readWorkItem.getContext(WorkItemContext.class);
        Request held;
        Request handed;
        interrupt.acquireLock();
        try {
            held = current;
            current = null;
            handed = ctx.request;
            ctx.request = null;
        } finally {
            interrupt.releaseLock();
        }
        for (Request r : new Request[] {held, handed}) {
            if (r != null) {
                r.complete(RequestStatus.CANCELLED);
            }
        }
    }
}
