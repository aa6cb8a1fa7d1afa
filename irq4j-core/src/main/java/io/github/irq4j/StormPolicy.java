package io.github.irq4j;

import java.time.Duration;
import java.util.Objects;

/**
 * When a claimed interrupt is an interrupt storm, and what the host does about it (SPEC 3.1). A
 * line whose ISRs claim more than {@link #maxRatePerSecond()} signals per second, sustained for
 * {@link #sustainedFor()}, is reported as a {@link Fault.Kind#INTERRUPT_STORM} fault (rule id
 * {@code InterruptStorm}) for each interrupt on it: a level line stuck asserted whose ISR claims
 * but never acknowledges, or a device firing far above anything real. Unclaimed interrupts are
 * the "nobody cared" rule's business (SPEC 3). Given to {@link Host.Builder#interruptStorm};
 * immutable.
 *
 * @param maxRatePerSecond the ceiling, claimed signals per second; default 500,000
 * @param sustainedFor how long the rate must stay above the ceiling; default 1 s
 * @param action what the host does to the line; default {@link Action#MASK}
 */
public record StormPolicy(long maxRatePerSecond, Duration sustainedFor, Action action) {

    /** What the host does with a line in a storm. */
    public enum Action {
        /** Masks the line at its source and stops dispatching it, as "nobody cared" does; {@code enable()} does not undo it. */
        MASK,
        /** Reports the storm once per episode and keeps dispatching. */
        REPORT
    }

    /** The default: 500,000 claimed signals per second for 1 s, then the line is masked. */
    public static final StormPolicy DEFAULT = new StormPolicy(500_000, Duration.ofSeconds(1), Action.MASK);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the rate is below 1,000 per second or the duration not between 10 ms and 1 hour
     */
    public StormPolicy {
        Objects.requireNonNull(sustainedFor, "sustainedFor");
        Objects.requireNonNull(action, "action");
        if (maxRatePerSecond < 1_000) {
            throw new IllegalArgumentException("interrupt storm ceiling: " + maxRatePerSecond
                    + " per second (expected: at least 1000; a real device's rate is far below a storm's)");
        }
        if (sustainedFor.compareTo(Duration.ofMillis(10)) < 0 || sustainedFor.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("interrupt storm duration: " + sustainedFor + " (expected: 10 ms <= sustainedFor <= 1 h)");
        }
    }

    /** This policy with {@code action} instead. */
    public StormPolicy withAction(Action a) {
        return new StormPolicy(maxRatePerSecond, sustainedFor, a);
    }
}
