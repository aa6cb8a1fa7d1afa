package io.github.irq4j.bench.latency;

import io.github.irq4j.DispatchMode;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the handler waits for the next interrupt, in both programs of the comparison: irq4j's
 * {@link DispatchMode} and the C baseline's matching loop ({@code eventfd_latency.c}).
 */
public enum LatencyMode {
    /** {@code epoll_wait(-1)}, then {@code read(2)}. */
    BLOCKING("blocking", DispatchMode.BLOCKING),
    /** Non-blocking {@code read(2)} in a loop, a pause instruction between empty reads. */
    BUSY_POLL("busy-poll", DispatchMode.BUSY_POLL),
    /** Busy-poll; after the hybrid spin time without an interrupt, one {@code epoll_wait(-1)}. */
    HYBRID("hybrid", DispatchMode.HYBRID);

    private final String label;
    private final DispatchMode dispatchMode;

    LatencyMode(String label, DispatchMode dispatchMode) {
        this.label = label;
        this.dispatchMode = dispatchMode;
    }

    /** The name on the command line, in the report and in the C program's arguments: {@code busy-poll}. */
    public String label() {
        return label;
    }

    /** irq4j's dispatch mode. */
    public DispatchMode dispatchMode() {
        return dispatchMode;
    }

    /**
     * The mode named {@code label} ({@code blocking}, {@code busy-poll}, {@code hybrid}; case-insensitive).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static LatencyMode ofLabel(String label) {
        for (LatencyMode m : values()) {
            if (m.label.equalsIgnoreCase(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode '" + label + "' (expected: one of "
                + Arrays.stream(values()).map(LatencyMode::label).collect(Collectors.joining(", ")) + ")");
    }
}
