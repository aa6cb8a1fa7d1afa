package io.github.irq4j.bench.latency;

import io.github.irq4j.DispatchMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    HYBRID("hybrid", DispatchMode.HYBRID),
    /**
     * A benchmark mode, not a {@link DispatchMode} of its own: busy-poll on an io_uring completion
     * ring (a multishot {@code POLL_ADD} of the eventfd; the handler spins on the ring's tail in
     * user memory and calls {@code read(2)} only when it reports the eventfd readable), in C and in
     * irq4j ({@code -Dirq4j.linux.eventfd.completion=io_uring} on the source). Compared with C's
     * {@link #BUSY_POLL} {@code read(2)} loop too. Not part of {@code all}.
     */
    BUSY_POLL_URING("busy-poll-uring", DispatchMode.BUSY_POLL);

    /** What {@code --mode all} runs: the dispatch modes of the product. */
    public static final List<LatencyMode> ALL = List.of(BLOCKING, BUSY_POLL, HYBRID);

    private final String label;
    private final DispatchMode dispatchMode;

    LatencyMode(String label, DispatchMode dispatchMode) {
        this.label = label;
        this.dispatchMode = dispatchMode;
    }

    /**
     * The mode whose C side this one is also compared with: {@link #BUSY_POLL} for
     * {@link #BUSY_POLL_URING} (does the ring beat a {@code read(2)} loop?), else {@code null}.
     */
    public LatencyMode comparedWith() {
        return this == BUSY_POLL_URING ? BUSY_POLL : null;
    }

    /**
     * The modes of a {@code --mode} value: {@code all} ({@link #ALL}), one label, or labels separated
     * by commas ({@code busy-poll,busy-poll-uring}), in the order given.
     *
     * @throws IllegalArgumentException for an unknown or repeated label
     */
    public static List<LatencyMode> parseList(String value) {
        if (value.equalsIgnoreCase("all")) {
            return ALL;
        }
        List<LatencyMode> modes = new ArrayList<>();
        for (String label : value.split(",", -1)) {
            LatencyMode m = ofLabel(label.strip());
            if (modes.contains(m)) {
                throw new IllegalArgumentException("mode '" + m.label + "' given twice in '" + value + "'");
            }
            modes.add(m);
        }
        return List.copyOf(modes);
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
                + Arrays.stream(values()).map(LatencyMode::label).collect(Collectors.joining(", "))
                + ", several separated by commas, or all)");
    }
}
