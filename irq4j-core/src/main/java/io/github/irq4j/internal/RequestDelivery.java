package io.github.irq4j.internal;

import io.github.irq4j.RequestStatus;

/**
 * One delivery of a request to its queue's callback: an I/O callback the environment runs on an
 * arbitrary thread ({@code irq4j-io-N} by default). One object per delivery; a request delivered
 * again after a forward gets a new one.
 *
 * <p>Runs at {@code PASSIVE} (or at the queue's serialization level), marked as an
 * arbitrary-thread callback for the verifier ({@code InterruptLockArbitraryThread}), holding the
 * queue's callback lock under automatic serialization, and checks at exit that the callback
 * released every interrupt lock, as {@link InterruptDeferredCall} does.
 */
final class RequestDelivery extends DeferredCall {

    private final IoQueueImpl queue;
    private final RequestImpl request;
    /**
     * At PASSIVE, an arbitrary-thread callback, no interrupt's deferred work, under the queue's
     * callback lock (automatic serialization) if it has one.
     */
    private final CallbackFrame<RequestDelivery> frame;

    RequestDelivery(IoQueueImpl queue, RequestImpl request) {
        super(Kind.IO_CALLBACK, request.name(), queue.device.host);
        this.queue = queue;
        this.request = request;
        this.frame = new CallbackFrame<>(host, queue.device, request.name() + " " + callbackName(), RequestDelivery::callDriver, this)
                .atLevel(Levels.PASSIVE)
                .arbitrary(CallbackFrame.Arbitrary.ENTER)
                .deferredOwner(null)
                .serializedBy(queue.serialization());
    }

    /**
     * Calls the driver unless the request was completed meanwhile or the device's I/O is held
     * ({@link RequestImpl#enterCallback}); the request's transitions are its own.
     */
    @Override
    protected void invoke() {
        if (!request.enterCallback(queue)) {
            return;
        }
        try {
            if (frame.run(ThreadState.current()) != null) {
                request.callbackThrew(queue);
            }
        } finally {
            request.leaveCallback(queue);
        }
    }

    private void callDriver() {
        if (queue.isDeleted()) {
            request.completeByFramework(RequestStatus.CANCELLED);
        } else {
            deliver();
        }
    }

    private String callbackName() {
        return switch (request.type()) {
            case READ -> "onRead";
            case WRITE -> "onWrite";
            case DEVICE_CONTROL -> "onDeviceControl";
        };
    }

    private void deliver() {
        var c = queue.config;
        switch (request.type()) {
            case READ -> {
                if (c.onRead() == null) {
                    request.completeByFramework(RequestStatus.INVALID_DEVICE_REQUEST);
                } else {
                    c.onRead().onRead(queue, request, request.length());
                }
            }
            case WRITE -> {
                if (c.onWrite() == null) {
                    request.completeByFramework(RequestStatus.INVALID_DEVICE_REQUEST);
                } else {
                    c.onWrite().onWrite(queue, request, request.length());
                }
            }
            case DEVICE_CONTROL -> {
                if (c.onDeviceControl() == null) {
                    request.completeByFramework(RequestStatus.INVALID_DEVICE_REQUEST);
                } else {
                    c.onDeviceControl().onDeviceControl(queue, request, request.length(),
                            request.retrieveInputBuffer().capacity(), request.ioControlCode());
                }
            }
        }
    }
}
