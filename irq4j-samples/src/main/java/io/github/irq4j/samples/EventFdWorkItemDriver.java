package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptResource;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * One interrupt's state: a device with K eventfd sources ({@code eventfd:sources=K}) has K
     * interrupts, each with its own lock, so each guards its own counts.
     */
    private static final class Line {
        // Shared with the ISR: guarded by this line's interrupt lock.
        long pendingEvents;
        long isrCalls;
        long lastIsrNanos;
        // The work item's own: one work item of an interrupt runs at a time. Read after the device stopped.
        long processedEvents;
        long largestBatch;
        volatile long workItemRuns;
    }

    /** Written in onDeviceAdd, before any interrupt connects; read-only after. */
    private volatile List<Line> lines = List.of();

    private volatile LongConsumer deferredLatencyProbe;

    public EventFdWorkItemDriver() {
    }

    /** One interrupt per interrupt resource of the device (at least one), named {@code NAME.irq}, or {@code NAME.irq0...} for several. */
    @Override
    public void onDeviceAdd(Device device) {
        int n = Math.max(1, (int) device.resources().stream().filter(r -> r instanceof InterruptResource).count());
        List<Line> created = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Line line = new Line();
            created.add(line);
            device.createInterrupt(InterruptConfig.builder((i, m) -> onIsr(line, i))
                    .name(device.name() + ".irq" + (n == 1 ? "" : Integer.toString(k)))
                    .passiveHandling(true)
                    .workItem((i, associated) -> onWorkItem(line, i))
                    .build());
        }
        lines = List.copyOf(created);
    }

    /** The ISR, at PASSIVE holding the wait lock: note the event, queue the work item, claim. */
    boolean onIsr(Line line, Interrupt i) {
        line.pendingEvents++;
        line.isrCalls++;
        line.lastIsrNanos = System.nanoTime();
        i.queueWorkItemForIsr();
        return true;
    }

    /** The work item, at PASSIVE on a worker thread: take the pending events under the lock, process outside it. */
    void onWorkItem(Line line, Interrupt i) {
        long batch;
        long isrNanos;
        i.acquireLock();
        try {
            batch = line.pendingEvents;
            line.pendingEvents = 0;
            isrNanos = line.lastIsrNanos;
        } finally {
            i.releaseLock();
        }
        LongConsumer probe = deferredLatencyProbe;
        if (probe != null && batch > 0) {
            probe.accept(System.nanoTime() - isrNanos);
        }
        line.processedEvents += batch;
        line.largestBatch = Math.max(line.largestBatch, batch);
        line.workItemRuns = line.workItemRuns + 1;
    }

    /** Receives, in each work item that found events, the time from the last ISR's start to the work item's snapshot. */
    public void setDeferredLatencyProbe(LongConsumer probe) {
        this.deferredLatencyProbe = probe;
    }

    /** Work-item runs so far, over all interrupts. */
    public long workItemRuns() {
        long n = 0;
        for (Line l : lines) {
            n += l.workItemRuns;
        }
        return n;
    }

    /** Events the work items processed, over all interrupts; after the device stopped it equals the ISR calls. */
    public long processedEvents() {
        long n = 0;
        for (Line l : lines) {
            n += l.processedEvents;
        }
        return n;
    }

    /** The most events one work item took at once; after the device stopped. */
    public long largestBatch() {
        long n = 0;
        for (Line l : lines) {
            n = Math.max(n, l.largestBatch);
        }
        return n;
    }

    /** ISR calls over all interrupts; after the device stopped (each is guarded by its interrupt lock while running). */
    public long isrCalls() {
        long n = 0;
        for (Line l : lines) {
            n += l.isrCalls;
        }
        return n;
    }
}
