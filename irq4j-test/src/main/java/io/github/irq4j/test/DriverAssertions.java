package io.github.irq4j.test;

import io.github.irq4j.Interrupt;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.sim.LineStatistics;
import java.util.List;

/**
 * The kit's fluent assertions, on AssertJ: a failure says what was expected, what was found, and
 * the whole picture (all violations, all counters).
 * <pre>{@code
 * import static io.github.irq4j.test.DriverAssertions.assertThat;
 *
 * assertThat(host).hasNoViolations().hasNoFaults();
 * assertThat(host).hasViolation(Rule.INTERRUPT_LOCK_ARBITRARY_THREAD);    // an expected one
 * assertThat(device.interrupts().get(0)).claimedEverySignal().lostNone();
 * assertThat(host.line("uart0")).hasNoLostEdges().hasUnclaimed(0);
 * assertThat(request).succeeded().hasData(expected);
 * assertThatRequests(reads).allSucceeded().joinedDataIsEqualTo(expected);
 * }</pre>
 * The overloads take irq4j types only, so they sit beside AssertJ's {@code Assertions.assertThat}:
 * Java picks the most specific one.
 */
public final class DriverAssertions {

    private DriverAssertions() {
    }

    /** Assertions on the host's runtime verifier and contained faults. */
    public static HostAssert assertThat(SimHost host) {
        return new HostAssert(host);
    }

    /** Assertions on an interrupt's accounting ({@link Interrupt#statistics()}). */
    public static InterruptAssert assertThat(Interrupt interrupt) {
        return new InterruptAssert(interrupt);
    }

    /** Assertions on a simulated line's accounting ({@link SimHost#line}). */
    public static LineAssert assertThat(LineStatistics line) {
        return new LineAssert(line);
    }

    /** Assertions on one request's outcome. */
    public static RequestAssert assertThat(PendingRequest request) {
        return new RequestAssert(request);
    }

    /** Assertions on the outcomes of several requests, in submission order. */
    public static RequestsAssert assertThatRequests(List<PendingRequest> requests) {
        return new RequestsAssert(requests);
    }
}
