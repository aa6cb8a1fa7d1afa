package io.github.irq4j.internal;

import io.github.irq4j.InterruptDpc;
import io.github.irq4j.InterruptWorkItem;
import io.github.irq4j.WdfObject;

/**
 * An interrupt's DPC or work item: runs the driver's callback at its level, holding the parent's
 * callback lock when automatic serialization is on, and checks at exit that it holds no lock.
 */
final class InterruptDeferredCall extends DeferredCall {

    private final InterruptDpc dpc;
    private final InterruptWorkItem workItem;
    private final WdfObject associated;
    private final InterruptImpl interrupt;
    /**
     * At DISPATCH for a DPC, PASSIVE for a work item, never an arbitrary thread, marked as the
     * interrupt's deferred work (rule InterruptLockNotEnabled), holding the parent's callback lock
     * (automatic serialization) if {@code serialization} is not null.
     */
    private final CallbackFrame<InterruptDeferredCall> frame;

    InterruptDeferredCall(InterruptImpl interrupt, Kind kind, String name, InterruptDpc dpc, InterruptWorkItem workItem,
                          LockCore serialization, WdfObject associated) {
        super(kind, name, interrupt.host);
        this.interrupt = interrupt;
        this.dpc = dpc;
        this.workItem = workItem;
        this.associated = associated;
        this.frame = new CallbackFrame<>(interrupt.host, interrupt.device, name, InterruptDeferredCall::callDriver, this)
                .atLevel(kind == Kind.DPC ? Levels.DISPATCH : Levels.PASSIVE)
                .arbitrary(CallbackFrame.Arbitrary.CLEAR)
                .deferredOwner(interrupt)
                .serializedBy(serialization)
                .kind(kind == Kind.DPC ? CallbackFrame.Kind.DPC : CallbackFrame.Kind.WORK_ITEM, interrupt.name(), interrupt.messageNumber);
    }

    /** {@code c}, the call {@code interrupt}'s {@code call} queues; throws if the driver configured no such callback. */
    static InterruptDeferredCall configured(InterruptDeferredCall c, InterruptImpl interrupt, String call, String kind, String setter) {
        if (c == null) {
            throw new IllegalStateException(call + " on '" + interrupt.name() + "': no " + kind
                    + " callback configured; set InterruptConfig.Builder." + setter + "(...)");
        }
        return c;
    }

    @Override
    protected void invoke() {
        frame.run(ThreadState.current());
    }

    private void callDriver() {
        if (dpc != null) {
            dpc.onDpc(interrupt, associated);
        } else {
            workItem.onWorkItem(interrupt, associated);
        }
    }
}
