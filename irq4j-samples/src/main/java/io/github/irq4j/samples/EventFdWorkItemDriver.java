package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.WdfObject;
import java.util.function.LongConsumer;

/**
 * A passive-level driver with a work item, for a device that is nothing but its interrupt: a
 * Linux {@code eventfd} with a signaller ({@code --device eventfd:rate=1000}) or a {@code timerfd}
 * ({@code --device timerfd:1ms}). Each signal is the event (the line is not shared), so the ISR
 * claims every one.
 *
 * <p>The interrupt is passive ({@code passiveHandling(true)}, UMDF's only kind): the ISR runs at
 * PASSIVE holding the interrupt's wait lock, adds the signal to a count of pending events shared
 * with the work item, and queues the work item ({@code WdfInterruptQueueWorkItemForIsr}). The work
 * item runs on a framework worker thread, which is not an arbitrary thread, so it takes the lock
 * with {@code acquireLock()} in {@code try}/{@code finally}, takes every pending event at once
 * (several signals may come per work item) and does the slow part outside the lock: here it adds
 * them to its total. No I/O queue: the counters are read after the device stopped.
 */
public final class EventFdWorkItemDriver implements Driver {

    // Shared with the ISR: guarded by the interrupt lock.
    private long pendingEvents;
    private long isrCalls;
    private long lastIsrNanos;

    // The work item's own: one work item of an interrupt runs at a time. Read after the device stopped.
    private long processedEvents;
    private long largestBatch;
    private volatile long workItemRuns;

    private volatile LongConsumer deferredLatencyProbe;

    public EventFdWorkItemDriver() {
    }

    @Override
    public void onDeviceAdd(Device device) {
        device.createInterrupt(InterruptConfig.builder(this::onIsr)
                .name(device.name() + ".irq")
                .passiveHandling(true)
                .workItem(this::onWorkItem)
                .build());
    }

    /** The ISR, at PASSIVE holding the wait lock: note the event, queue the work item, claim. */
    boolean onIsr(Interrupt i, int messageId) {
        pendingEvents++;
        isrCalls++;
        lastIsrNanos = System.nanoTime();
        i.queueWorkItemForIsr();
        return true;
    }

    /** The work item, at PASSIVE on a worker thread: take the pending events under the lock, process outside it. */
    void onWorkItem(Interrupt i, WdfObject associated) {
        long batch;
        long isrNanos;
        i.acquireLock();
        try {
            batch = pendingEvents;
            pendingEvents = 0;
            isrNanos = lastIsrNanos;
        } finally {
            i.releaseLock();
        }
        LongConsumer probe = deferredLatencyProbe;
        if (probe != null && batch > 0) {
            probe.accept(System.nanoTime() - isrNanos);
        }
        processedEvents += batch;
        largestBatch = Math.max(largestBatch, batch);
        workItemRuns = workItemRuns + 1;
    }

    /** Receives, in each work item that found events, the time from the last ISR's start to the work item's snapshot. */
    public void setDeferredLatencyProbe(LongConsumer probe) {
        this.deferredLatencyProbe = probe;
    }

    /** Work-item runs so far. */
    public long workItemRuns() {
        return workItemRuns;
    }

    /** Events the work items processed; after the device stopped it equals the ISR calls. */
    public long processedEvents() {
        return processedEvents;
    }

    /** The most events one work item took at once; after the device stopped. */
    public long largestBatch() {
        return largestBatch;
    }

    /** ISR calls; after the device stopped (it is guarded by the interrupt lock while running). */
    public long isrCalls() {
        return isrCalls;
    }
}
