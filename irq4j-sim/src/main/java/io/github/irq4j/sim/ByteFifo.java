package io.github.irq4j.sim;

/**
 * A bounded FIFO of bytes for device models: a receive FIFO, a transmit queue. Counts what went
 * through it so that a test can check that every byte arrived: {@link #accepted()},
 * {@link #dropped()} (pushed while full), {@link #popped()}, {@link #emptyPops()}.
 * <pre>{@code
 * ByteFifo rx = new ByteFifo(16);
 * if (!rx.push(b)) { ... overrun ... }
 * int next = rx.pop();        // -1 if empty
 * }</pre>
 * Not thread-safe on its own: a model calls it under its {@link SimDevice#lock()} (register
 * lambdas already run there). Allocates nothing after construction.
 */
public final class ByteFifo {

    /** The largest capacity. */
    public static final int MAX_CAPACITY = 1 << 16;

    private final byte[] ring;
    private int head;
    private int count;
    private long accepted;
    private long dropped;
    private long popped;
    private long emptyPops;

    /**
     * @param capacity 1 to {@link #MAX_CAPACITY} bytes
     * @throws IllegalArgumentException if the capacity is out of range
     */
    public ByteFifo(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("fifo size " + capacity + " (expected: 1 <= fifo <= " + MAX_CAPACITY + ")");
        }
        this.ring = new byte[capacity];
    }

    /** Appends {@code b}; returns false (and counts it dropped) if the FIFO is full. */
    public boolean push(byte b) {
        if (count == ring.length) {
            dropped++;
            return false;
        }
        ring[(head + count) % ring.length] = b;
        count++;
        accepted++;
        return true;
    }

    /** Removes and returns the oldest byte (0 to 255), or -1 (counted in {@link #emptyPops()}) if empty. */
    public int pop() {
        if (count == 0) {
            emptyPops++;
            return -1;
        }
        int b = ring[head] & 0xFF;
        head = (head + 1) % ring.length;
        count--;
        popped++;
        return b;
    }

    /** Bytes held now. */
    public int count() {
        return count;
    }

    /** Whether no byte is held. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The capacity. */
    public int capacity() {
        return ring.length;
    }

    /** Bytes accepted by {@link #push}. */
    public long accepted() {
        return accepted;
    }

    /** Bytes {@link #push} dropped because the FIFO was full. */
    public long dropped() {
        return dropped;
    }

    /** Bytes {@link #pop} returned. */
    public long popped() {
        return popped;
    }

    /** {@link #pop} calls on an empty FIFO. */
    public long emptyPops() {
        return emptyPops;
    }

    @Override
    public String toString() {
        return "ByteFifo{" + count + "/" + ring.length + ", accepted=" + accepted + ", dropped=" + dropped + ", popped=" + popped + "}";
    }
}
