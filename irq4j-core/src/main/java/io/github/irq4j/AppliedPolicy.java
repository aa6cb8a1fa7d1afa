package io.github.irq4j;

/**
 * What the platform made of an interrupt's policy when it last connected: the dispatch thread's
 * CPU affinity and scheduling. Reported by {@link InterruptInfo#applied()}.
 *
 * @param affinityMask the CPUs the dispatch thread may run on (bit n = CPU n), or 0 if not set
 * @param scheduler how the thread is scheduled, such as {@code "SCHED_FIFO 50"}, {@code "nice -5"}
 *                  or {@code "default"}
 * @param note why something was not applied, or the empty string
 */
public record AppliedPolicy(long affinityMask, String scheduler, String note) {
    /** Nothing applied yet: the interrupt has not connected. */
    public static final AppliedPolicy NONE = new AppliedPolicy(0, "default", "not connected yet");
}
