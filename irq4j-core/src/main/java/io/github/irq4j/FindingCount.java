package io.github.irq4j;

/**
 * How many identical faults or violations a host has seen (SPEC 4.3): one group of
 * {@link Host#faultCounts()} or {@link Host#violationCounts()}. The counts are exact even when the
 * host's ring of recent findings ({@link Host#faults()}, {@link Host#violations()}) has dropped the
 * details of older ones.
 *
 * <p>Groups are kept per kind, subject, place and message. Their number is bounded; once the table is
 * full, a new group's findings are counted in its kind's overflow group, whose {@code subject},
 * {@code where} and {@code message} are {@link #OTHER}, so the total of each kind stays exact.
 *
 * @param kind the fault's {@link Fault.Kind} name, or the violation's rule id ({@code "WdfInterruptLockRelease"})
 * @param subject the fault's device, or the violation's interrupt or lock
 * @param where the fault's callback or place, or the violation's acquire site
 * @param message the message, as in {@link Fault#message()} or {@link Violation#message()}
 * @param count how many, at least 1
 */
public record FindingCount(String kind, String subject, String where, String message, long count) {

    /** The {@code subject}, {@code where} and {@code message} of a kind's overflow group. */
    public static final String OTHER = "(other)";

    /** Whether this is a kind's overflow group, counting findings the full group table had no room for. */
    public boolean isOther() {
        return OTHER.equals(message) && OTHER.equals(subject) && OTHER.equals(where);
    }
}
