package io.github.irq4j.spi;

/** Receives the signals {@link InterruptSource#poll} takes. Called on the dispatch thread. */
@FunctionalInterface
public interface SignalHandler {
    /**
     * @param message the message signalled, 0 to {@code messageCount() - 1}
     * @param count how many edges the kernel merged into this signal (1 normally; an eventfd or
     *              timerfd count above 1 means {@code count - 1} were coalesced)
     */
    void onSignal(int message, long count);
}
