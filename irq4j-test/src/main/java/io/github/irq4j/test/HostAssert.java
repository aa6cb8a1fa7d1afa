package io.github.irq4j.test;

import io.github.irq4j.Fault;
import io.github.irq4j.Rule;
import io.github.irq4j.Violation;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link SimHost}'s runtime verifier and contained faults. Each assertion counts
 * the violations or faults it has seen as asserted, so the end-of-test check of
 * {@link DriverTest#checkAtEnd()} reports only those that came later.
 */
public final class HostAssert extends AbstractAssert<HostAssert, SimHost> {

    HostAssert(SimHost actual) {
        super(actual, HostAssert.class);
        isNotNull();
    }

    /** The verifier reported nothing. */
    public HostAssert hasNoViolations() {
        List<Violation> v = actual.violations();
        actual.violationsAsserted(v.size());
        if (!v.isEmpty()) {
            failWithMessage("expected no verifier violations (seed %d) but found %d:%s", actual.seed(), v.size(), lines(v));
        }
        return this;
    }

    /** The verifier reported at least one violation of {@code rule}. */
    public HostAssert hasViolation(Rule rule) {
        List<Violation> v = actual.violations();
        actual.violationsAsserted(v.size());
        if (v.stream().noneMatch(x -> x.rule() == rule)) {
            failWithMessage("expected a violation of %s (%s) (seed %d) but found %s", rule.id(), rule.statement(), actual.seed(),
                    v.isEmpty() ? "none" : v.size() + " of other rules:" + lines(v));
        }
        return this;
    }

    /** Every violation the verifier reported is of one of {@code rules}, and there is at least one. */
    public HostAssert hasOnlyViolationsOf(Rule... rules) {
        List<Violation> v = actual.violations();
        actual.violationsAsserted(v.size());
        List<Rule> allowed = List.of(rules);
        List<Violation> other = v.stream().filter(x -> !allowed.contains(x.rule())).toList();
        if (v.isEmpty() || !other.isEmpty()) {
            failWithMessage("expected only violations of %s (seed %d) but found %s", allowed, actual.seed(),
                    v.isEmpty() ? "none" : other.size() + " of other rules:" + lines(other));
        }
        return this;
    }

    /** The host contained no fault: no driver callback threw, no bug check, no "nobody cared". */
    public HostAssert hasNoFaults() {
        List<Fault> f = actual.faults();
        actual.faultsAsserted(f.size());
        if (!f.isEmpty()) {
            failWithMessage("expected no contained faults (seed %d) but found %d:%s", actual.seed(), f.size(), faultLines(f));
        }
        return this;
    }

    /** The host contained at least one fault of {@code kind}. */
    public HostAssert hasFault(Fault.Kind kind) {
        List<Fault> f = actual.faults();
        actual.faultsAsserted(f.size());
        if (f.stream().noneMatch(x -> x.kind() == kind)) {
            failWithMessage("expected a %s fault (seed %d) but found %s", kind, actual.seed(),
                    f.isEmpty() ? "none" : f.size() + " of other kinds:" + faultLines(f));
        }
        return this;
    }

    private static String lines(List<Violation> v) {
        StringBuilder sb = new StringBuilder();
        for (Violation x : v) {
            sb.append("\n  ").append(x.message());
        }
        return sb.toString();
    }

    private static String faultLines(List<Fault> f) {
        StringBuilder sb = new StringBuilder();
        for (Fault x : f) {
            sb.append("\n  ").append(x).append(x.cause() == null ? "" : " [" + x.cause() + "]");
        }
        return sb.toString();
    }
}
