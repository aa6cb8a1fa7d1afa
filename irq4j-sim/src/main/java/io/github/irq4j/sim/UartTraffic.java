package io.github.irq4j.sim;

import java.util.Objects;

/**
 * A traffic generator for a {@link SimUart}: feeds bytes at a fixed rate of virtual time, one byte
 * per event. Byte {@code n} of the stream (from 0) is {@link #patternByte(long) patternByte(n)}, so a
 * reader can check that every byte arrived, in order.
 * <pre>{@code
 * UartTraffic traffic = new UartTraffic(uart, 2000, 0);   // 2000 bytes/s, no limit
 * traffic.start();                                        // first byte one interval from now
 * }</pre>
 * Thread-safe; allocates nothing per byte.
 */
public final class UartTraffic extends SimEvent {

    /** The default rate: 1000 bytes per second. */
    public static final long DEFAULT_RATE = 1000;
    /** The highest rate: 100 million bytes per second. */
    public static final long MAX_RATE = 100_000_000L;

    private final SimUart uart;
    private final VirtualClock clock;
    private final long bytesPerSecond;
    private final long limit;

    // Guarded by `this`: the virtual time of byte 0, the next byte's index, and whether it runs.
    private long startNanos;
    private long next;
    private boolean running;

    /**
     * @param uart the UART fed
     * @param bytesPerSecond 1 to {@link #MAX_RATE}
     * @param limit how many bytes to send in all, or 0 for no limit
     * @throws IllegalArgumentException if the rate or the limit is out of range
     */
    public UartTraffic(SimUart uart, long bytesPerSecond, long limit) {
        super(Objects.requireNonNull(uart, "uart").name() + ".traffic");
        if (bytesPerSecond < 1 || bytesPerSecond > MAX_RATE) {
            throw new IllegalArgumentException(uart.name() + ": rate " + bytesPerSecond + " bytes/s (expected: 1 <= rate <= " + MAX_RATE + ")");
        }
        if (limit < 0) {
            throw new IllegalArgumentException(uart.name() + ": limit " + limit + " bytes (expected: 0 for no limit, or more)");
        }
        this.uart = uart;
        this.clock = uart.simulation().clock();
        this.bytesPerSecond = bytesPerSecond;
        this.limit = limit;
    }

    /** Byte {@code n} of every generated stream: {@code n & 0xFF}. */
    public static byte patternByte(long n) {
        return (byte) n;
    }

    /** Starts (or resumes) sending; the next byte arrives one interval from now. */
    public void start() {
        long due;
        synchronized (this) {
            if (running || (limit > 0 && next >= limit)) {
                return;
            }
            running = true;
            // Byte `next` is due one interval after now; later ones follow on the rate's grid.
            long now = clock.nanoTime();
            startNanos = now - intervalOffset(next - 1);
            due = startNanos + intervalOffset(next);
        }
        clock.schedule(this, due);
    }

    /** Stops sending; bytes already fed stay in the UART. */
    public void stop() {
        synchronized (this) {
            running = false;
        }
        clock.cancel(this);
    }

    /** Bytes sent so far. */
    public synchronized long sent() {
        return next;
    }

    /** Whether the generator is sending. */
    public synchronized boolean isRunning() {
        return running;
    }

    /** The rate in bytes per second. */
    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** The time of byte {@code n} relative to byte 0's interval start: (n + 1) intervals, exact. */
    private long intervalOffset(long n) {
        return Math.multiplyHigh(n + 1, 1_000_000_000L) == 0
                ? (n + 1) * 1_000_000_000L / bytesPerSecond
                : (long) ((n + 1) * (1e9 / bytesPerSecond));
    }

    @Override
    protected void fire(long nowNanos) {
        long n;
        synchronized (this) {
            if (!running) {
                return;
            }
            n = next++;
        }
        uart.feed(patternByte(n));
        long due;
        synchronized (this) {
            if (!running) {
                return;
            }
            if (limit > 0 && next >= limit) {
                running = false;
                return;
            }
            due = startNanos + intervalOffset(next);
        }
        clock.schedule(this, due);
    }

    @Override
    public String toString() {
        return "UartTraffic{" + uart.name() + ", rate=" + bytesPerSecond + "/s, limit=" + limit + ", sent=" + sent() + "}";
    }
}
