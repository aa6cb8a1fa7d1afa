package io.github.irq4j;

/**
 * How a queue presents requests to the driver. Mirrors {@code WDF_IO_QUEUE_DISPATCH_TYPE}.
 */
public enum IoQueueDispatchType {
    /** One request at a time: the next is delivered only after the driver completed or forwarded the previous one. */
    SEQUENTIAL,
    /** As many at a time as arrive: each request is delivered at once, callbacks may run concurrently. */
    PARALLEL,
    /** None: requests stay in the queue until the driver calls {@link IoQueue#retrieveNextRequest()}. */
    MANUAL
}
