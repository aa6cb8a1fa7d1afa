package io.github.irq4j;

import java.nio.ByteBuffer;

/**
 * A framework request object. Mirrors {@code WDFREQUEST}: a read, write or device control the
 * driver receives from a queue, owns until it completes or forwards it, and completes exactly once.
 *
 * <p>Life cycle: queued (the framework owns it; cancelling completes it) -> delivered to a
 * callback or retrieved from a manual queue (the driver owns it) -> completed, or forwarded to
 * another queue of the same device (queued again). Methods that need ownership throw
 * {@link IllegalStateException} on a request the driver does not own.
 *
 * <p>When the device stops, fails or is removed (SPEC 2.10), a request the driver still owns is
 * cancelled (its {@link RequestCancel} runs) and, if that does not complete it, taken back: the
 * framework completes it with {@link RequestStatus#DEVICE_REMOVED}. After that the driver's
 * {@link #complete}, {@link #completeWithInformation} and {@link #forwardToIoQueue} have no effect
 * and are reported as a {@code LATE_COMPLETION} fault; they do not throw.
 *
 * <p>Threads: any, at {@code DISPATCH} or below; none of the methods blocks on the driver.
 */
public sealed interface Request extends WdfObject permits io.github.irq4j.internal.RequestImpl {

    /** The largest buffer a request may have: 64 MiB. */
    long MAX_LENGTH = 64L << 20;

    /** The request's type. */
    RequestType type();

    /**
     * The request's length: bytes to read (output buffer size), bytes to write (input buffer
     * size), or for a device control its output buffer size. Mirrors {@code WDF_REQUEST_PARAMETERS}.
     */
    long length();

    /** A device control's code; 0 for reads and writes. */
    int ioControlCode();

    /** The queue the request is in or was delivered from. Mirrors {@code WdfRequestGetIoQueue}. */
    IoQueue getIoQueue();

    /**
     * The output buffer of a read or device control: a heap buffer of {@link #length()} bytes, the
     * same object on every call (position and limit are the driver's). Mirrors
     * {@code WdfRequestRetrieveOutputBuffer}.
     *
     * @throws IllegalStateException for a write, or after completion
     */
    ByteBuffer retrieveOutputBuffer();

    /**
     * The input buffer of a write or device control: a read-only buffer, the same object on every
     * call. Mirrors {@code WdfRequestRetrieveInputBuffer}.
     *
     * @throws IllegalStateException for a read, or after completion
     */
    ByteBuffer retrieveInputBuffer();

    /**
     * Completes the request with information 0. Mirrors {@code WdfRequestComplete}. A request
     * marked cancelable should be unmarked first; if it is not, completing unmarks it.
     *
     * @throws IllegalStateException if the driver does not own the request (already completed,
     *         still queued, or forwarded); not for a request the framework took back when the
     *         device stopped: that call has no effect and is a {@code LATE_COMPLETION} fault
     */
    void complete(RequestStatus status);

    /**
     * Completes the request with an information value: bytes read or written. Mirrors
     * {@code WdfRequestCompleteWithInformation}.
     *
     * @throws IllegalArgumentException if {@code information} is negative or, for a read, larger than {@link #length()}
     * @throws IllegalStateException as {@link #complete(RequestStatus)}
     */
    void completeWithInformation(RequestStatus status, long information);

    /**
     * Moves the request into another queue of the same device, which queues and delivers it by
     * its own dispatch type; the driver no longer owns it. Mirrors
     * {@code WdfRequestForwardToIoQueue}. For a sequential source queue this lets the next request
     * be delivered.
     *
     * @throws IllegalArgumentException if {@code queue} belongs to another device or is the request's current queue
     * @throws IllegalStateException if the driver does not own the request, or it is marked cancelable
     */
    void forwardToIoQueue(IoQueue queue);

    /**
     * Marks the request cancelable: if it is cancelled while the driver holds it, {@code onCancel}
     * runs and must complete it. Mirrors {@code WdfRequestMarkCancelableEx}.
     *
     * @return {@code false} if the request was already cancelled: {@code onCancel} is not called and
     *         the driver must complete the request itself (with {@link RequestStatus#CANCELLED})
     * @throws IllegalStateException if the driver does not own the request or it is already marked
     */
    boolean markCancelable(RequestCancel onCancel);

    /**
     * Removes the cancel callback before the driver completes the request. Mirrors
     * {@code WdfRequestUnmarkCancelable}.
     *
     * @return {@code true} if unmarked; {@code false} if the request was cancelled and its
     *         {@link RequestCancel} has run or runs now: the driver must then leave the completion
     *         to it ({@code STATUS_CANCELLED})
     * @throws IllegalStateException if the request is not marked cancelable and was not cancelled through the mark
     */
    boolean unmarkCancelable();

    /** Whether the submitter asked to cancel the request. Mirrors {@code WdfRequestIsCanceled}. */
    boolean isCanceled();

    /** Whether the request has been completed. */
    boolean isCompleted();
}
