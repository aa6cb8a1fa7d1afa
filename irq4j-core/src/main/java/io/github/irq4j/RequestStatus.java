package io.github.irq4j;

/**
 * The status a request completes with. Mirrors the {@code NTSTATUS} values drivers pass to
 * {@code WdfRequestComplete}; {@link #ntstatus()} gives the Windows value for reference.
 */
public enum RequestStatus {
    /** {@code STATUS_SUCCESS}. */
    SUCCESS(0x00000000),
    /** {@code STATUS_CANCELLED}: the request was cancelled, or its queue was purged. */
    CANCELLED(0xC0000120),
    /**
     * {@code STATUS_DEVICE_REMOVED}: the device stopped, failed or was removed while the driver
     * owned the request, and no cancel routine completed it; the framework completed it instead
     * (SPEC 2.10).
     */
    DEVICE_REMOVED(0xC00002B6),
    /** {@code STATUS_DEVICE_NOT_READY}: the device is not started. */
    DEVICE_NOT_READY(0xC00000A3),
    /** {@code STATUS_INVALID_DEVICE_REQUEST}: the queue has no callback for the request's type. */
    INVALID_DEVICE_REQUEST(0xC0000010),
    /** {@code STATUS_INVALID_PARAMETER}. */
    INVALID_PARAMETER(0xC000000D),
    /** {@code STATUS_BUFFER_TOO_SMALL}. */
    BUFFER_TOO_SMALL(0xC0000023),
    /** {@code STATUS_NOT_SUPPORTED}. */
    NOT_SUPPORTED(0xC00000BB),
    /** {@code STATUS_UNSUCCESSFUL}: also what the framework uses when a queue callback threw. */
    UNSUCCESSFUL(0xC0000001);

    private final int ntstatus;

    RequestStatus(int ntstatus) {
        this.ntstatus = ntstatus;
    }

    /** The Windows {@code NTSTATUS} value. */
    public int ntstatus() {
        return ntstatus;
    }

    /** Whether this is a success status ({@code NT_SUCCESS}). */
    public boolean isSuccess() {
        return this == SUCCESS;
    }
}
