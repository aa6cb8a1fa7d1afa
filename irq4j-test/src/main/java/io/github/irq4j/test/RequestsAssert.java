package io.github.irq4j.test;

import io.github.irq4j.Completion;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.RequestStatus;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on several requests, in submission order: all completed, their joined data. */
public final class RequestsAssert extends AbstractAssert<RequestsAssert, List<PendingRequest>> {

    RequestsAssert(List<PendingRequest> actual) {
        super(actual, RequestsAssert.class);
        isNotNull();
    }

    /** Every request is completed with {@link RequestStatus#SUCCESS}. */
    public RequestsAssert allSucceeded() {
        return allCompletedWith(RequestStatus.SUCCESS);
    }

    /** Every request is completed with {@code status}. */
    public RequestsAssert allCompletedWith(RequestStatus status) {
        for (int i = 0; i < actual.size(); i++) {
            PendingRequest p = actual.get(i);
            if (!p.completion().isDone()) {
                failWithMessage("expected all %d requests to complete with %s but request #%d is still pending", actual.size(), status, i);
            }
            Completion c = p.completion().join();
            if (c.status() != status) {
                failWithMessage("expected all %d requests to complete with %s but request #%d completed with %s (%s)",
                        actual.size(), status, i, c.status(), c);
            }
        }
        return this;
    }

    /** The data of the requests, joined in submission order, is exactly {@code data}: nothing lost, duplicated or reordered. */
    public RequestsAssert joinedDataIsEqualTo(byte[] data) {
        byte[] joined = joined();
        if (!Arrays.equals(joined, data)) {
            int at = Arrays.mismatch(joined, data);
            failWithMessage("expected the requests' data, joined in order, to be%n  %s%nbut it was%n  %s%n"
                    + "(%d bytes expected, %d delivered; first difference at index %d)",
                    Arrays.toString(data), Arrays.toString(joined), data.length, joined.length, at);
        }
        return this;
    }

    /** The requests' data holds the same bytes as {@code data}, in any order (a parallel queue). */
    public RequestsAssert joinedDataHasSameBytesAs(byte[] data) {
        byte[] joined = joined();
        byte[] a = joined.clone();
        byte[] b = data.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        if (!Arrays.equals(a, b)) {
            failWithMessage("expected the requests' data to hold the bytes%n  %s%nin any order, but it was%n  %s%n(%d bytes expected, %d delivered)",
                    Arrays.toString(data), Arrays.toString(joined), data.length, joined.length);
        }
        return this;
    }

    private byte[] joined() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < actual.size(); i++) {
            PendingRequest p = actual.get(i);
            if (!p.completion().isDone()) {
                failWithMessage("expected all %d requests to be completed but request #%d is still pending", actual.size(), i);
            }
            out.writeBytes(p.completion().join().data());
        }
        return out.toByteArray();
    }
}
