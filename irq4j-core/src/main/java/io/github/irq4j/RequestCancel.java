package io.github.irq4j;

/**
 * Called when a cancelable request is cancelled. Mirrors {@code EVT_WDF_REQUEST_CANCEL}
 * ({@code EvtRequestCancel}). Runs on the thread that cancelled the request, at {@code PASSIVE}, as
 * an arbitrary-thread callback; the driver must complete the request (usually with
 * {@link RequestStatus#CANCELLED}).
 */
@FunctionalInterface
public interface RequestCancel {
    void onCancel(Request request);
}
