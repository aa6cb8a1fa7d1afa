package io.github.irq4j.internal;

import io.github.irq4j.InterruptDpc;
import io.github.irq4j.InterruptWorkItem;
import io.github.irq4j.WdfObject;

/**
 * An interrupt's DPC or work item: runs the driver's callback at its level, holding the parent's
 * callback lock when automatic serialization is on, and checks at exit that it holds no lock.
 */
final class InterruptDeferredCall extends DeferredCall {

    private final InterruptImpl interrupt;
    private final InterruptDpc dpc;
    private final InterruptWorkItem workItem;
    /** The parent's callback lock (automatic serialization), or null. */
    private final LockCore serialization;
    private final WdfObject associated;
    /** The level the callback runs at: DISPATCH (2) for a DPC, PASSIVE (0) for a work item. */
    private final int irql;
    /** "in uart0 DPC": the callback site messages name. */
    private final String callbackSite;

    InterruptDeferredCall(InterruptImpl interrupt, Kind kind, String name, InterruptDpc dpc, InterruptWorkItem workItem,
                          LockCore serialization, WdfObject associated) {
        super(kind, name, interrupt.host);
        this.interrupt = interrupt;
        this.dpc = dpc;
        this.workItem = workItem;
        this.serialization = serialization;
        this.associated = associated;
        this.irql = kind == Kind.DPC ? 2 : 0;
        this.callbackSite = "in " + name;
    }

    @Override
    protected void invoke() {
        ThreadState ts = enterCallback(irql, false, callbackSite, interrupt, serialization);
        try {
            if (dpc != null) {
                dpc.onDpc(interrupt, associated);
            } else {
                workItem.onWorkItem(interrupt, associated);
            }
        } catch (VirtualMachineError e) {
            host.callbackFault(interrupt.device, name(), e);
            throw e;
        } catch (Throwable t) {
            host.callbackFault(interrupt.device, name(), t);
        } finally {
            exitCallback(ts, interrupt.device, name());
        }
    }
}
