package io.github.irq4j.test;

import io.github.irq4j.Completion;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.RequestStatus;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one request's outcome: completed, with which status, information and data. */
public final class RequestAssert extends AbstractAssert<RequestAssert, PendingRequest> {

    RequestAssert(PendingRequest actual) {
        super(actual, RequestAssert.class);
        isNotNull();
    }

    /** The request is completed (at once: a deterministic run is over when runUntilIdle returns). */
    public RequestAssert isCompleted() {
        completion();
        return this;
    }

    /** The request is not completed yet: the driver still holds it or it waits in a queue. */
    public RequestAssert isPending() {
        if (actual.completion().isDone()) {
            failWithMessage("expected the request to be pending but it completed: %s", actual.completion().join());
        }
        return this;
    }

    /** Completed with {@code status}. */
    public RequestAssert hasStatus(RequestStatus status) {
        Completion c = completion();
        if (c.status() != status) {
            failWithMessage("expected the request to complete with %s but it completed with %s (%s)", status, c.status(), c);
        }
        return this;
    }

    /** Completed with {@link RequestStatus#SUCCESS}. */
    public RequestAssert succeeded() {
        return hasStatus(RequestStatus.SUCCESS);
    }

    /** Completed with information (bytes transferred) {@code n}. */
    public RequestAssert hasInformation(long n) {
        Completion c = completion();
        if (c.information() != n) {
            failWithMessage("expected the request to complete with information %d but it was %d (%s)", n, c.information(), c);
        }
        return this;
    }

    /** Completed with exactly {@code data}. */
    public RequestAssert hasData(byte[] data) {
        Completion c = completion();
        if (!Arrays.equals(c.data(), data)) {
            failWithMessage("expected the request's data to be%n  %s%nbut it was%n  %s%n(first difference at index %d)",
                    Arrays.toString(data), Arrays.toString(c.data()), Arrays.mismatch(data, c.data()));
        }
        return this;
    }

    private Completion completion() {
        if (!actual.completion().isDone()) {
            failWithMessage("expected the request to be completed but it is still pending (the driver holds it, or it waits in a queue)");
        }
        return actual.completion().join();
    }
}
