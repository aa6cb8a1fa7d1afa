package io.github.irq4j.spi;

/**
 * An interrupt source whose signals are single edges of input lines, each with its direction, a
 * timestamp and a per-line sequence number: the Linux GPIO character device ({@code
 * gpio_v2_line_event}), or a simulated GPIO model. A driver reads these in its ISR, for the signal
 * being dispatched, as a Linux driver reads the event the kernel queued for it.
 *
 * <p>Threading: the {@code last...} values are written by the dispatch thread before it hands a
 * signal to the ISRs, so inside an ISR of message {@code m} they describe the edge that ISR runs
 * for. From other threads they are the latest edge seen, read without a lock.
 */
public interface EdgeSource extends InterruptSource {

    /** {@link #lastEdge}: a low-to-high edge (the line reads 1 after it). */
    int RISING_EDGE = 1;
    /** {@link #lastEdge}: a high-to-low edge (the line reads 0 after it). */
    int FALLING_EDGE = 2;

    /** The direction of message {@code message}'s last edge, {@link #RISING_EDGE} or {@link #FALLING_EDGE}; 0 if none yet. */
    int lastEdge(int message);

    /** The timestamp of message {@code message}'s last edge in {@code CLOCK_MONOTONIC} ns ({@code System.nanoTime()} scale on Linux); 0 if none yet. */
    long lastTimestampNs(int message);

    /**
     * The source's sequence number of message {@code message}'s last edge: 1 for a line's first
     * edge after the source was opened, one more for every edge the source saw, delivered or
     * lost. 0 if none yet.
     */
    long lastSequence(int message);

    /**
     * Reads the current level of message {@code message}'s line from the source, now (for a GPIO
     * chip, one {@code GPIO_V2_LINE_GET_VALUES_IOCTL}): what a driver needs once at start to know
     * where the lines rest before the first edge. Any thread, while the source is open (its
     * interrupts are connected).
     *
     * @return {@code true} if the line reads high
     * @throws IllegalStateException if the source is not open
     * @throws java.io.UncheckedIOException if the source refuses the read
     */
    boolean readLevel(int message);
}
