package io.github.irq4j;

/**
 * A framework I/O queue. Mirrors {@code WDFQUEUE}: it holds the requests sent to a device and
 * presents them to the driver's callbacks ({@link IoRead}, {@link IoWrite},
 * {@link IoDeviceControl}) one at a time ({@link IoQueueDispatchType#SEQUENTIAL}), all at once
 * ({@link IoQueueDispatchType#PARALLEL}) or only when the driver asks
 * ({@link IoQueueDispatchType#MANUAL}, {@link #retrieveNextRequest()}).
 *
 * <p>Callbacks run through the host's execution environment as I/O callbacks: at {@code PASSIVE}
 * in an arbitrary thread (the {@code irq4j-io-N} pool by default). For the verifier they are
 * arbitrary-thread callbacks: {@link Interrupt#acquireLock()} on a passive interrupt there is
 * rule {@code InterruptLockArbitraryThread}; use {@link Interrupt#tryToAcquireLock()} and a
 * {@link WorkItem}, as the example on the {@code WdfInterruptTryToAcquireLock} page does.
 *
 * <p>While the device powers down, stops or has failed, queues deliver nothing; when it is
 * stopped, failed or removed every request of its queues is completed (SPEC 2.10): those the
 * driver never saw with {@link RequestStatus#CANCELLED}, cancelable ones the driver holds through
 * their cancel routine, the rest with {@link RequestStatus#DEVICE_REMOVED}.
 *
 * <p>Clients (tests, the command line, an application) send requests with {@link #submitRead},
 * {@link #submitWrite} and {@link #submitDeviceControl}; usually to the device's default queue
 * ({@link Device#defaultQueue()}).
 */
public sealed interface IoQueue extends WdfObject permits io.github.irq4j.internal.IoQueueImpl {

    /** How the queue dispatches. */
    IoQueueDispatchType dispatchType();

    /** The device that owns the queue. Mirrors {@code WdfIoQueueGetDevice}. */
    Device getDevice();

    /**
     * Takes the next request of a manual queue; the driver then owns it. Mirrors
     * {@code WdfIoQueueRetrieveNextRequest}. Any thread at {@code DISPATCH} or below; never blocks.
     *
     * @return the oldest queued request, or {@code null} if there is none
     *         ({@code STATUS_NO_MORE_ENTRIES}), or the queue or its device does not deliver now
     *         (stopped, purging, powering down)
     * @throws IllegalStateException if the queue is not {@link IoQueueDispatchType#MANUAL}
     */
    Request retrieveNextRequest();

    /** Resumes delivery after {@link #stop()} or {@link #purge()}. Mirrors {@code WdfIoQueueStart}. */
    void start();

    /**
     * Stops delivering requests; new ones are still queued. Requests the driver owns are not
     * affected. Mirrors {@code WdfIoQueueStop}.
     */
    void stop();

    /**
     * Completes every queued request with {@link RequestStatus#CANCELLED}, cancels the cancelable
     * requests the driver owns from this queue, and completes requests submitted or forwarded
     * later with {@code CANCELLED} until {@link #start()}. Mirrors {@code WdfIoQueuePurge}.
     * Also done when the queue is deleted.
     */
    void purge();

    /**
     * Sends a read of {@code length} bytes to this queue.
     *
     * @throws IllegalArgumentException if {@code length} is negative or above {@link Request#MAX_LENGTH}
     */
    PendingRequest submitRead(long length);

    /** Sends a write of {@code data} (copied) to this queue. */
    PendingRequest submitWrite(byte[] data);

    /**
     * Sends a device control to this queue.
     *
     * @param input the input buffer (copied), may be empty
     * @throws IllegalArgumentException if {@code outputLength} is negative or above {@link Request#MAX_LENGTH}
     */
    PendingRequest submitDeviceControl(int ioControlCode, byte[] input, long outputLength);

    /** Counters of the queue. */
    IoQueueStatistics statistics();
}
