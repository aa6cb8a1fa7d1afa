package io.github.irq4j;

/**
 * Counters of one queue. A snapshot taken under the queue's lock.
 *
 * @param submitted requests submitted to the queue by a client
 * @param forwardedIn requests forwarded into the queue by the driver
 * @param delivered requests delivered to a callback or retrieved with {@link IoQueue#retrieveNextRequest()}
 * @param completed requests completed while this queue was their queue, any status
 * @param cancelled of those, completed with {@link RequestStatus#CANCELLED}
 * @param queued requests waiting in the queue now
 * @param driverOwned requests delivered from this queue and neither completed nor forwarded yet
 */
public record IoQueueStatistics(long submitted, long forwardedIn, long delivered, long completed, long cancelled,
                                long queued, long driverOwned) {
}
