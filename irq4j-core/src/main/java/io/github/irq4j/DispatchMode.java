package io.github.irq4j;

/**
 * How a dispatch thread waits for its source's next interrupt (SPEC section 3).
 */
public enum DispatchMode {
    /** Block in the source's wait ({@code epoll_wait} on Linux): least CPU, most wake-up latency. */
    BLOCKING,
    /** Poll without blocking, spinning between polls: least latency, one busy core. */
    BUSY_POLL,
    /** Spin for a bounded time after each interrupt, then block. */
    HYBRID
}
