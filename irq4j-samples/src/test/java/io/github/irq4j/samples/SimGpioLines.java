package io.github.irq4j.samples;

import io.github.irq4j.spi.EdgeSource;
import io.github.irq4j.spi.SignalHandler;
import java.util.ArrayDeque;

/**
 * A simulated GPIO chip for unit tests: input lines whose level a test sets, each change an edge
 * event with a direction, a timestamp and a per-line sequence number, queued in a FIFO of a fixed
 * size that drops the oldest event when full, as the Linux GPIO character device does. Lost
 * events are counted from sequence gaps, as {@code GpioSource} does.
 */
final class SimGpioLines implements EdgeSource {

    private record Event(int message, int edge, long timestampNs, long sequence) {
    }

    private final int lines;
    private final int fifoSize;
    private final ArrayDeque<Event> fifo = new ArrayDeque<>();
    private final boolean[] level;
    private final long[] sequence;
    private final long[] delivered;
    private final long[] lost;
    private final int[] lastEdge;
    private final long[] lastTimestamp;
    private final long[] lastSequence;
    private boolean open;
    private boolean woken;

    SimGpioLines(int lines, int fifoSize) {
        this.lines = lines;
        this.fifoSize = fifoSize;
        this.level = new boolean[lines];
        this.sequence = new long[lines];
        this.delivered = new long[lines];
        this.lost = new long[lines];
        this.lastEdge = new int[lines];
        this.lastTimestamp = new long[lines];
        this.lastSequence = new long[lines];
    }

    /** Drives line {@code message} to {@code high}; a change is one edge event. Any thread. */
    synchronized void set(int message, boolean high) {
        if (level[message] == high) {
            return;
        }
        level[message] = high;
        if (fifo.size() == fifoSize) {
            fifo.removeFirst();
        }
        fifo.addLast(new Event(message, high ? RISING_EDGE : FALLING_EDGE, System.nanoTime(), ++sequence[message]));
        notifyAll();
    }

    @Override
    public String name() {
        return "sim-gpio";
    }

    @Override
    public int messageCount() {
        return lines;
    }

    @Override
    public synchronized void connect() {
        open = true;
    }

    @Override
    public int poll(SignalHandler handler) {
        int n = 0;
        while (true) {
            Event e;
            synchronized (this) {
                e = fifo.pollFirst();
                if (e == null) {
                    return n;
                }
                lost[e.message()] += e.sequence() - lastSequence[e.message()] - 1;
                lastSequence[e.message()] = e.sequence();
                lastEdge[e.message()] = e.edge();
                lastTimestamp[e.message()] = e.timestampNs();
                delivered[e.message()]++;
            }
            handler.onSignal(e.message(), 1);
            n++;
        }
    }

    @Override
    public synchronized void await(long timeoutNanos) throws java.io.IOException {
        if (!fifo.isEmpty() || woken) {
            woken = false;
            return;
        }
        try {
            if (timeoutNanos < 0) {
                wait();
            } else {
                wait(Math.max(1, timeoutNanos / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        woken = false;
    }

    @Override
    public synchronized void wakeup() {
        woken = true;
        notifyAll();
    }

    @Override
    public void mask(int message) {
        throw new UnsupportedOperationException("SimGpioLines does not mask");
    }

    @Override
    public void unmask(int message) {
        throw new UnsupportedOperationException("SimGpioLines does not mask");
    }

    @Override
    public synchronized long lostSignals(int message) {
        return lost[message];
    }

    synchronized long delivered(int message) {
        return delivered[message];
    }

    @Override
    public synchronized int lastEdge(int message) {
        return lastEdge[message];
    }

    @Override
    public synchronized long lastTimestampNs(int message) {
        return lastTimestamp[message];
    }

    @Override
    public synchronized long lastSequence(int message) {
        return lastSequence[message];
    }

    @Override
    public synchronized boolean readLevel(int message) {
        if (!open) {
            throw new IllegalStateException("sim-gpio: readLevel() while closed");
        }
        return level[message];
    }

    @Override
    public synchronized void disconnect() {
        open = false;
    }
}
