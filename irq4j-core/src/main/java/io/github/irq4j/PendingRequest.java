package io.github.irq4j;

import java.util.concurrent.CompletableFuture;

/**
 * A request as its submitter sees it: the completion to wait for, and cancellation. Mirrors what
 * the I/O manager keeps of an IRP ({@code IoCancelIrp}, {@code IoStatus}).
 */
public sealed interface PendingRequest permits io.github.irq4j.internal.RequestImpl {

    /**
     * Completed when the driver (or the framework) completes the request; never completed
     * exceptionally. Cancelling this future does not cancel the request: use {@link #cancel()}.
     * Always completed in the end: when the device stops, fails or is removed, a request still
     * queued is completed {@link RequestStatus#CANCELLED}, one the driver still holds
     * {@link RequestStatus#DEVICE_REMOVED} (SPEC 2.10).
     */
    CompletableFuture<Completion> completion();

    /**
     * Asks for the request to be cancelled. Mirrors {@code IoCancelIrp}. If the request waits in a
     * queue it is completed with {@link RequestStatus#CANCELLED} at once; if the driver owns it and
     * marked it cancelable, its {@link RequestCancel} runs on this thread; otherwise the request is
     * only marked ({@link Request#isCanceled()}) and the driver decides.
     *
     * @return {@code false} if the request was already completed
     */
    boolean cancel();
}
