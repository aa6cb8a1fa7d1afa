package io.github.irq4j.internal;

import io.github.irq4j.Device;
import io.github.irq4j.WorkItem;
import io.github.irq4j.WorkItemCallback;

/**
 * A work item: a coalescing {@link DeferredCall} of kind {@code WORK_ITEM} that runs the driver's
 * callback at {@code PASSIVE} on a worker thread, as a non-arbitrary thread (so
 * {@code acquireLock()} on a passive interrupt is allowed there), holding the parent's callback
 * lock under automatic serialization, and checks at exit that no interrupt lock is held.
 */
public final class WorkItemImpl extends FrameworkObject implements WorkItem {

    private final DeviceImpl device;
    private final WorkItemCallback callback;
    /** The parent's callback lock under automatic serialization, or null. */
    private final LockCore serialization;
    private final Call call;

    WorkItemImpl(DeviceImpl device, FrameworkObject parent, String name, WorkItemCallback callback, LockCore serialization) {
        super(name, parent);
        this.device = device;
        this.callback = callback;
        this.serialization = serialization;
        this.call = new Call(name, device.host);
    }

    @Override
    public boolean enqueue() {
        if (isDeleted()) {
            throw new IllegalStateException("enqueue() on work item '" + name() + "' after it was deleted with its parent");
        }
        return call.enqueue();
    }

    @Override
    public void flush() {
        LockChecks.atMost(device.host.verifier, Levels.PASSIVE, name(), "flush()");
        call.flush();
    }

    @Override
    public Device getDevice() {
        return device;
    }

    @Override
    public long runCount() {
        return call.runCount();
    }

    /** Deleting waits for a queued or running callback, as {@code WdfObjectDelete} on a work item does. */
    @Override
    protected void onDestroy() {
        call.flush();
    }

    private final class Call extends DeferredCall {

        /** At PASSIVE, not an arbitrary thread, no interrupt's deferred work, under the parent's callback lock if any. */
        private final CallbackFrame<WorkItemImpl> frame;

        Call(String name, HostImpl host) {
            super(Kind.WORK_ITEM, name, host);
            this.frame = new CallbackFrame<>(host, device, name, w -> w.callback.onWorkItem(w), WorkItemImpl.this)
                    .atLevel(Levels.PASSIVE)
                    .arbitrary(CallbackFrame.Arbitrary.CLEAR)
                    .deferredOwner(null)
                    .serializedBy(serialization)
                    .kind(CallbackFrame.Kind.WORK_ITEM, null, -1);
        }

        @Override
        protected void invoke() {
            if (isDeleted()) {
                return;
            }
            frame.run(ThreadState.current());
        }
    }
}
