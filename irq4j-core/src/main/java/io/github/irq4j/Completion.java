package io.github.irq4j;

import java.util.Objects;

/**
 * How a request ended, as its submitter sees it: the status, the information value (bytes
 * transferred) and, for reads and device controls, the bytes the driver put in the output buffer.
 * Mirrors {@code IoStatus} of a completed IRP.
 *
 * @param type the request's type
 * @param status the completion status
 * @param information the information value ({@code IoStatus.Information}): bytes read or written
 * @param data the first {@code min(information, outputLength)} bytes of the output buffer; empty
 *             for writes and for requests that did not succeed. Owned by the receiver.
 */
public record Completion(RequestType type, RequestStatus status, long information, byte[] data) {

    public Completion {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(data, "data");
    }

    /** Whether the status is {@link RequestStatus#SUCCESS}. */
    public boolean isSuccess() {
        return status.isSuccess();
    }

    @Override
    public String toString() {
        return type + " " + status + " information=" + information;
    }
}
