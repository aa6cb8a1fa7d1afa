package io.github.irq4j;

/**
 * A queue's read callback. Mirrors {@code EVT_WDF_IO_QUEUE_IO_READ} ({@code EvtIoRead}).
 *
 * <p>Runs at {@code PASSIVE} in an arbitrary thread: on a passive interrupt it must use
 * {@link Interrupt#tryToAcquireLock()} and hand the request to a {@link WorkItem} when that returns
 * {@code false} (the example on the {@code WdfInterruptTryToAcquireLock} page);
 * {@link Interrupt#acquireLock()} here is a violation of rule {@code InterruptLockArbitraryThread}.
 * The driver owns the request until it completes or forwards it; it must not return holding an
 * interrupt lock.
 */
@FunctionalInterface
public interface IoRead {
    /**
     * @param queue the queue that delivered the request
     * @param request the request
     * @param length the number of bytes requested (the output buffer's size)
     */
    void onRead(IoQueue queue, Request request, long length);
}
