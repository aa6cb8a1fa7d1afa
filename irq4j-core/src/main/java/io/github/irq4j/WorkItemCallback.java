package io.github.irq4j;

/**
 * A work item's callback. Mirrors {@code EVT_WDF_WORKITEM} ({@code EvtWorkItem}).
 *
 * <p>Runs at {@code PASSIVE} on a framework worker thread: not an arbitrary thread, so it may call
 * {@link Interrupt#acquireLock()} on a passive interrupt (as {@code EvtReadWorkItemCallback} in the
 * {@code WdfInterruptTryToAcquireLock} page's example does). It must not return holding an
 * interrupt lock.
 */
@FunctionalInterface
public interface WorkItemCallback {
    void onWorkItem(WorkItem workItem);
}
