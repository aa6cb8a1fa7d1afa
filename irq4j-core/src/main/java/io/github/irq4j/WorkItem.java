package io.github.irq4j;

/**
 * A framework work item. Mirrors {@code WDFWORKITEM} ({@code WdfWorkItemCreate},
 * {@code WdfWorkItemEnqueue}, {@code WdfWorkItemFlush}, {@code WdfWorkItemGetParentObject}).
 * Created by {@link Device#createWorkItem(WorkItemConfig)}; deleted with its parent.
 *
 * <p>The callback runs at {@code PASSIVE} on a framework worker thread, not an arbitrary thread,
 * so it may take a passive interrupt's lock with {@link Interrupt#acquireLock()}, as
 * {@code EvtReadWorkItemCallback} does in the {@code WdfInterruptTryToAcquireLock} page's example.
 * Carry data to it in a context ({@link #setContext}), as that example's {@code WORK_ITEM_CONTEXT}
 * does.
 */
public sealed interface WorkItem extends WdfObject permits io.github.irq4j.internal.WorkItemImpl {

    /**
     * Queues a run. Mirrors {@code WdfWorkItemEnqueue}. Any thread, any level; never blocks,
     * allocates nothing. One pending run serves any number of calls made before it starts; a call
     * made while the callback runs causes one more run.
     *
     * @return {@code true} if this call queued a run, {@code false} if one was already queued
     * @throws IllegalStateException if the work item is deleted
     */
    boolean enqueue();

    /**
     * Waits until no run is queued or running. Mirrors {@code WdfWorkItemFlush}. {@code PASSIVE}
     * only; blocks. From inside the work item's own callback it returns at once.
     */
    void flush();

    /** The parent object: the device or the queue it was created on. Mirrors {@code WdfWorkItemGetParentObject}. */
    @Override
    WdfObject getParentObject();

    /** The device the work item belongs to. */
    Device getDevice();

    /** Completed runs so far. */
    long runCount();
}
