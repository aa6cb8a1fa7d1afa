package io.github.irq4j.test;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptStatistics;
import org.assertj.core.api.AbstractAssert;

/** Assertions on an {@link Interrupt}'s accounting: signals, ISR calls, claimed, lost, DPC and work-item runs. */
public final class InterruptAssert extends AbstractAssert<InterruptAssert, Interrupt> {

    InterruptAssert(Interrupt actual) {
        super(actual, InterruptAssert.class);
        isNotNull();
    }

    /** Exactly {@code n} signals were delivered to it. */
    public InterruptAssert hasSignals(long n) {
        return check("signals", n, stats().signals());
    }

    /** Its ISR claimed exactly {@code n} times. */
    public InterruptAssert hasClaimed(long n) {
        return check("claimed", n, stats().claimed());
    }

    /** Its ISR ran exactly {@code n} times. */
    public InterruptAssert hasIsrCalls(long n) {
        return check("isrCalls", n, stats().isrCalls());
    }

    /** The source reported exactly {@code n} lost signals. */
    public InterruptAssert hasLost(long n) {
        return check("lost", n, stats().lost());
    }

    /** The source reported no lost signal. */
    public InterruptAssert lostNone() {
        return hasLost(0);
    }

    /** Its ISR threw exactly {@code n} times. */
    public InterruptAssert hasIsrFaults(long n) {
        return check("isrFaults", n, stats().isrFaults());
    }

    /** It was signalled at least once and its ISR claimed every ISR call. */
    public InterruptAssert claimedEverySignal() {
        InterruptStatistics s = stats();
        if (s.signals() == 0 || s.claimed() != s.isrCalls()) {
            failWithMessage("expected interrupt %s to claim every signal but it claimed %d of %d ISR calls (%d signals); %s",
                    actual.name(), s.claimed(), s.isrCalls(), s.signals(), s);
        }
        return this;
    }

    /** Its DPC ran exactly {@code n} times. */
    public InterruptAssert hasDpcRuns(long n) {
        return check("dpcRuns", n, stats().dpcRuns());
    }

    /** Its work item ran exactly {@code n} times. */
    public InterruptAssert hasWorkItemRuns(long n) {
        return check("workItemRuns", n, stats().workItemRuns());
    }

    private InterruptStatistics stats() {
        return actual.statistics();
    }

    private InterruptAssert check(String counter, long expected, long found) {
        if (expected != found) {
            failWithMessage("expected interrupt %s to have %s = %d but it was %d; %s", actual.name(), counter, expected, found, stats());
        }
        return this;
    }
}
