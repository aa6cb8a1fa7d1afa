package io.github.irq4j.sim;

import java.util.List;

/**
 * A deterministic run failed: a step threw, the run did not become idle within its step limit, or
 * the framework thread hung. Carries the seed and the schedule so that the run can be replayed
 * exactly with {@link Explorer#replay}.
 */
public final class ScheduleFailure extends RuntimeException {

    private final long seed;
    private final List<String> trace;

    ScheduleFailure(long seed, List<String> trace, String message, Throwable cause) {
        super("seed " + seed + ": " + message + "\n" + ScheduleTrace.format(trace), cause);
        this.seed = seed;
        this.trace = List.copyOf(trace);
    }

    /** The seed of the failing run. */
    public long seed() {
        return seed;
    }

    /** The schedule up to the failure, one choice per entry. */
    public List<String> trace() {
        return trace;
    }
}
