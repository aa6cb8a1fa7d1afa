package io.github.irq4j.test;

import io.github.irq4j.sim.LineStatistics;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a simulated line's counters ({@link SimHost#line}): what the hardware side saw. */
public final class LineAssert extends AbstractAssert<LineAssert, LineStatistics> {

    LineAssert(LineStatistics actual) {
        super(actual, LineAssert.class);
        isNotNull();
    }

    /** Exactly {@code n} edges reached the controller (edge and MSI lines). */
    public LineAssert hasEdges(long n) {
        return check("edges", n, actual.edges());
    }

    /** Exactly {@code n} signals were handed to the dispatch thread. */
    public LineAssert hasSignals(long n) {
        return check("signals", n, actual.signals());
    }

    /** Exactly {@code n} acknowledgements were claimed by an ISR. */
    public LineAssert hasClaimed(long n) {
        return check("claimed", n, actual.claimed());
    }

    /** Exactly {@code n} acknowledgements were unclaimed (no ISR recognised the interrupt). */
    public LineAssert hasUnclaimed(long n) {
        return check("unclaimed", n, actual.unclaimed());
    }

    /** No edge was dropped for want of an open controller. */
    public LineAssert hasNoLostEdges() {
        return check("lost", 0, actual.lost());
    }

    /** The line is masked now (for instance by the framework's "nobody cared" check). */
    public LineAssert isMasked() {
        if (!actual.masked()) {
            failWithMessage("expected line %d to be masked but it is not; %s", actual.message(), actual);
        }
        return this;
    }

    /** The line is not masked now. */
    public LineAssert isNotMasked() {
        if (actual.masked()) {
            failWithMessage("expected line %d not to be masked but it is; %s", actual.message(), actual);
        }
        return this;
    }

    private LineAssert check(String counter, long expected, long found) {
        if (expected != found) {
            failWithMessage("expected line %d to have %s = %d but it was %d; %s", actual.message(), counter, expected, found, actual);
        }
        return this;
    }
}
