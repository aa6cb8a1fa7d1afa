package io.github.irq4j.samples;

import java.nio.ByteBuffer;

/**
 * The driver-side receive buffer shared by the ISR and the read path: the "interrupt-related work"
 * of the {@code WdfInterruptTryToAcquireLock} page's example is moving bytes between it and a
 * request. Every method must be called holding the interrupt lock (the ISR holds it by definition);
 * the class itself has no locking.
 *
 * <p>Invariant: {@code 0 <= count <= ring.length}; bytes are at {@code tail .. tail+count-1}
 * (mod length), oldest first.
 */
final class UartReadContext {

    /** The ring's capacity: 64 KiB, several seconds of the demo's traffic. */
    static final int RING_SIZE = 1 << 16;

    private final byte[] ring = new byte[RING_SIZE];
    private int head;
    private int tail;
    private int count;
    /** Bytes the ISR dropped because the ring was full. */
    private long ringOverruns;
    /** Bytes moved into the ring / out to requests, for statistics and tests. */
    private long received;
    private long delivered;

    /** Stores one byte from the FIFO; a full ring drops it (counted). ISR side. */
    void put(byte b) {
        if (count == ring.length) {
            ringOverruns++;
            return;
        }
        ring[head] = b;
        head = (head + 1) & (ring.length - 1);
        count++;
        received++;
    }

    /**
     * Moves as many bytes as are buffered and fit into {@code out}; the example's
     * {@code ReadFunctionLocked}.
     *
     * @return whether {@code out} is full
     */
    boolean moveTo(ByteBuffer out) {
        int n = Math.min(count, out.remaining());
        for (int k = 0; k < n; k++) {
            out.put(ring[tail]);
            tail = (tail + 1) & (ring.length - 1);
        }
        count -= n;
        delivered += n;
        return !out.hasRemaining();
    }

    int count() {
        return count;
    }

    long ringOverruns() {
        return ringOverruns;
    }

    long received() {
        return received;
    }

    long delivered() {
        return delivered;
    }
}
