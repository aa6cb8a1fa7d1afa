package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.Resource;
import io.github.irq4j.WdfObject;
import io.github.irq4j.spi.EdgeSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test driver for one GPIO edge line: a passive interrupt whose ISR records every edge it runs
 * for (the kernel's sequence number, direction and timestamp, and when the ISR saw it) in arrays
 * allocated up front, and queues a work item that takes the recorded edges under the interrupt
 * lock and checks they follow each other. {@link #holdNextIsr()} makes the next ISR wait until
 * {@link #release()}, which holds the dispatch thread up as a slow driver would.
 */
final class EdgeRecorderDriver implements Driver {

    static final int CAPACITY = 32768;

    final long[] sequence = new long[CAPACITY];
    final int[] edge = new int[CAPACITY];
    final long[] timestampNs = new long[CAPACITY];
    final long[] isrNanoTime = new long[CAPACITY];

    private Interrupt interrupt;
    private EdgeSource source;
    private int message;
    /** Edges recorded; written by the ISR under the interrupt lock, published by the volatile write. */
    private volatile int recorded;
    /** ISR calls, including those beyond {@link #CAPACITY}. */
    private volatile long isrCalls;
    /** Edges the work item took, and the gaps it saw between consecutive sequence numbers. */
    private volatile long workItemEdges;
    private volatile long workItemGaps;
    private long lastWorkSequence;

    private volatile CountDownLatch entered;
    private volatile CountDownLatch released;

    @Override
    public void onDeviceAdd(Device device) {
        InterruptResource line = null;
        for (Resource r : device.resources()) {
            if (r instanceof InterruptResource i && i.source() instanceof EdgeSource) {
                line = i;
                break;
            }
        }
        if (line == null) {
            throw new IllegalArgumentException("device '" + device.name() + "' has no edge interrupt line");
        }
        source = (EdgeSource) line.source();
        message = line.message();
        interrupt = device.createInterrupt(InterruptConfig.builder(this::onIsr)
                .name(device.name() + ".edge").resource(line).passiveHandling(true)
                .workItem(this::onWorkItem).build());
    }

    private boolean onIsr(Interrupt i, int messageId) {
        isrCalls = isrCalls + 1;
        int k = recorded;
        if (k < CAPACITY) {
            sequence[k] = source.lastSequence(message);
            edge[k] = source.lastEdge(message);
            timestampNs[k] = source.lastTimestampNs(message);
            isrNanoTime[k] = System.nanoTime();
            recorded = k + 1;
        }
        i.queueWorkItemForIsr();
        CountDownLatch hold = released;
        if (hold != null) {
            released = null;
            entered.countDown();
            try {
                if (!hold.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test did not release the held ISR within 120 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    private void onWorkItem(Interrupt i, WdfObject associated) {
        int upTo;
        i.acquireLock();
        try {
            upTo = recorded;
        } finally {
            i.releaseLock();
        }
        long taken = workItemEdges;
        long gaps = workItemGaps;
        for (int k = (int) taken; k < upTo; k++) {
            if (sequence[k] != lastWorkSequence + 1) {
                gaps += sequence[k] - lastWorkSequence - 1;
            }
            lastWorkSequence = sequence[k];
        }
        workItemGaps = gaps;
        workItemEdges = upTo;
    }

    /** The next ISR blocks until {@link #release()}; {@link #awaitHeld} waits until it does. */
    CountDownLatch holdNextIsr() {
        entered = new CountDownLatch(1);
        CountDownLatch r = new CountDownLatch(1);
        released = r;
        return r;
    }

    boolean awaitHeld(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    long isrCalls() {
        return isrCalls;
    }

    int recorded() {
        return recorded;
    }

    long workItemEdges() {
        return workItemEdges;
    }

    /** Sequence numbers the work item found missing between consecutive recorded edges. */
    long workItemGaps() {
        return workItemGaps;
    }

    Interrupt interrupt() {
        return interrupt;
    }

    /** A new request numbers edges from 1 again: the work item's check restarts. Call while stopped. */
    void resetSequenceCheck() {
        lastWorkSequence = 0;
    }
}
