package io.github.irq4j.internal;

import io.github.irq4j.Completion;
import io.github.irq4j.IoQueue;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.Request;
import io.github.irq4j.RequestCancel;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.RequestType;
import io.github.irq4j.WdfObject;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A request: the driver's view ({@link Request}) and the submitter's ({@link PendingRequest}).
 *
 * <p>This class is the only writer of the request's state machine: queues move a request through
 * {@link #enteredQueue}, {@link #ownedFrom} and {@link #purged}, the driver and the framework
 * through completion, forwarding and cancellation.
 *
 * <p>State and cancel fields marked "io" are guarded by the device's {@link DeviceImpl#ioLock}.
 * Invariant: a request is in exactly one of: a queue's pending list ({@link #QUEUED}), the driver's
 * hands ({@link #OWNED}, counted by at most one queue's owned set), or {@link #COMPLETED}.
 */
public final class RequestImpl extends FrameworkObject implements Request, PendingRequest {

    static final int QUEUED = 0;
    static final int OWNED = 1;
    static final int COMPLETED = 2;

    private final Object lock;
    private final RequestType type;
    private final int ioControlCode;
    private final long length;
    /** The output buffer (reads, device controls), or null. Written by the driver. */
    private final ByteBuffer output;
    /** A read-only view of the input (writes, device controls), or null. */
    private final ByteBuffer input;
    private final CompletableFuture<Completion> completion = new CompletableFuture<>();

    /** io: QUEUED, OWNED or COMPLETED. */
    private int state = QUEUED;
    /** io: the queue the request is in or was delivered from. */
    private IoQueueImpl queue;
    /** io: the queue whose owned set holds the request while the driver owns it, or null. */
    private IoQueueImpl countedBy;
    /** io: the cancel callback while marked cancelable. */
    private RequestCancel cancelRoutine;
    /** io: true once cancel() took the cancel callback to run it. */
    private boolean cancelTaken;
    /** Set once by cancel() or purge; read by the driver without the lock. */
    private volatile boolean canceled;

    RequestImpl(IoQueueImpl queue, String name, RequestType type, int ioControlCode, byte[] inputData, int outputLength) {
        super(name, null);
        this.lock = queue.device.ioLock;
        this.queue = queue;
        this.type = type;
        this.ioControlCode = ioControlCode;
        this.output = type == RequestType.WRITE ? null : ByteBuffer.allocate(outputLength);
        this.input = type == RequestType.READ ? null : ByteBuffer.wrap(inputData).asReadOnlyBuffer();
        this.length = type == RequestType.WRITE ? inputData.length : outputLength;
    }

    @Override
    public RequestType type() {
        return type;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int ioControlCode() {
        return ioControlCode;
    }

    @Override
    public IoQueue getIoQueue() {
        synchronized (lock) {
            return queue;
        }
    }

    @Override
    public WdfObject getParentObject() {
        return getIoQueue();
    }

    @Override
    public ByteBuffer retrieveOutputBuffer() {
        LockChecks.atMost(queue.device.host.verifier, Levels.DISPATCH, name(), "retrieveOutputBuffer()");
        if (output == null) {
            throw new IllegalStateException("retrieveOutputBuffer() on " + type + " request '" + name()
                    + "': it has no output buffer; use retrieveInputBuffer()");
        }
        requireNotCompleted("retrieveOutputBuffer()");
        return output;
    }

    @Override
    public ByteBuffer retrieveInputBuffer() {
        LockChecks.atMost(queue.device.host.verifier, Levels.DISPATCH, name(), "retrieveInputBuffer()");
        if (input == null) {
            throw new IllegalStateException("retrieveInputBuffer() on " + type + " request '" + name()
                    + "': it has no input buffer; use retrieveOutputBuffer()");
        }
        requireNotCompleted("retrieveInputBuffer()");
        return input;
    }

    private void requireNotCompleted(String call) {
        synchronized (lock) {
            if (state == COMPLETED) {
                throw new IllegalStateException(call + " on request '" + name() + "' after it was completed");
            }
        }
    }

    // ---------------------------------------------------------------- moves made by queues

    /** io: {@code q} took the submitted or forwarded request: it waits there, or, if not {@code queued}, is rejected. */
    void enteredQueue(IoQueueImpl q, boolean queued) {
        queue = q;
        if (queued) {
            state = QUEUED;
        }
    }

    /** io: {@code q} delivered the request (or handed it to retrieveNextRequest): the driver owns it. */
    void ownedFrom(IoQueueImpl q) {
        state = OWNED;
        countedBy = q;
    }

    /** Whether the driver owns the request as delivered from {@code q}. Takes the I/O lock. */
    boolean isOwnedFrom(IoQueueImpl q) {
        synchronized (lock) {
            return state == OWNED && countedBy == q;
        }
    }

    /** Its queue was purged while it waited: cancelled and completed CANCELLED. Without the I/O lock. */
    void purged() {
        canceled = true;
        finish(RequestStatus.CANCELLED, 0, true);
    }

    // ---------------------------------------------------------------- completion

    @Override
    public void complete(RequestStatus status) {
        completeWithInformation(status, 0);
    }

    @Override
    public void completeWithInformation(RequestStatus status, long information) {
        LockChecks.atMost(queue.device.host.verifier, Levels.DISPATCH, name(), "complete()");
        Objects.requireNonNull(status, "status");
        if (information < 0 || (type != RequestType.WRITE && information > length)) {
            throw new IllegalArgumentException("completeWithInformation on request '" + name() + "': information "
                    + information + " (expected: 0 <= information <= " + (type == RequestType.WRITE ? "bytes written" : length) + ")");
        }
        finish(status, information, false);
    }

    /**
     * Completes the request. {@code byFramework}: the framework completes a queued or purged
     * request and a second completion is ignored; for the driver both are errors.
     */
    void finish(RequestStatus status, long information, boolean byFramework) {
        IoQueueImpl release;
        synchronized (lock) {
            if (state == COMPLETED) {
                if (byFramework) {
                    return;
                }
                throw new IllegalStateException("request '" + name() + "' completed twice"
                        + " (a request is completed exactly once: by the driver, or by its cancel callback)");
            }
            if (state == QUEUED && !byFramework) {
                throw new IllegalStateException("complete() on request '" + name() + "' that waits in queue '"
                        + queue.name() + "': the driver does not own it; retrieve it first");
            }
            state = COMPLETED;
            cancelRoutine = null;
            release = countedBy;
            countedBy = null;
            if (release != null) {
                release.released(this);
            }
            queue.countCompletion(status);
        }
        byte[] data = new byte[0];
        if (output != null && status.isSuccess()) {
            data = Arrays.copyOf(output.array(), (int) Math.min(information, output.capacity()));
        }
        completion.complete(new Completion(type, status, information, data));
        if (release != null) {
            release.dispatch();
        }
    }

    @Override
    public boolean isCompleted() {
        synchronized (lock) {
            return state == COMPLETED;
        }
    }

    @Override
    public CompletableFuture<Completion> completion() {
        return completion;
    }

    // ---------------------------------------------------------------- forwarding

    @Override
    public void forwardToIoQueue(IoQueue target) {
        LockChecks.atMost(queue.device.host.verifier, Levels.DISPATCH, name(), "forwardToIoQueue()");
        Objects.requireNonNull(target, "queue");
        IoQueueImpl to = (IoQueueImpl) target;
        IoQueueImpl release;
        synchronized (lock) {
            if (to.device != queue.device) {
                throw new IllegalArgumentException("forwardToIoQueue: queue '" + to.name() + "' belongs to device '"
                        + to.device.name() + "', request '" + name() + "' to device '" + queue.device.name()
                        + "'; forward within the device");
            }
            if (to == queue) {
                throw new IllegalArgumentException("forwardToIoQueue: request '" + name() + "' is already in queue '"
                        + to.name() + "'; forward to another queue");
            }
            requireOwned("forwardToIoQueue()");
            if (cancelRoutine != null) {
                throw new IllegalStateException("forwardToIoQueue() on request '" + name()
                        + "' marked cancelable; call unmarkCancelable() first");
            }
            release = countedBy;
            countedBy = null;
            if (release != null) {
                release.released(this);
            }
            state = QUEUED; // in transit: owned by no queue and not by the driver
        }
        to.add(this, true);
        if (release != null) {
            release.dispatch();
        }
    }

    private void requireOwned(String call) {
        if (state != OWNED) {
            throw new IllegalStateException(call + " on request '" + name() + "' that "
                    + (state == COMPLETED ? "is completed" : "waits in queue '" + queue.name() + "'")
                    + ": the driver owns a request only between delivery (or retrieveNextRequest) and completion or forwarding");
        }
    }

    // ---------------------------------------------------------------- cancellation

    @Override
    public boolean markCancelable(RequestCancel onCancel) {
        LockChecks.atMost(queue.device.host.verifier, Levels.DISPATCH, name(), "markCancelable()");
        Objects.requireNonNull(onCancel, "onCancel");
        synchronized (lock) {
            requireOwned("markCancelable()");
            if (cancelRoutine != null) {
                throw new IllegalStateException("markCancelable() on request '" + name() + "' that is already marked; unmark it first");
            }
            if (canceled) {
                return false;
            }
            cancelRoutine = onCancel;
            cancelTaken = false;
            return true;
        }
    }

    @Override
    public boolean unmarkCancelable() {
        LockChecks.atMost(queue.device.host.verifier, Levels.DISPATCH, name(), "unmarkCancelable()");
        synchronized (lock) {
            if (cancelRoutine != null) {
                cancelRoutine = null;
                return true;
            }
            if (cancelTaken) {
                return false;
            }
            throw new IllegalStateException("unmarkCancelable() on request '" + name() + "' that is not marked cancelable");
        }
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }

    @Override
    public boolean cancel() {
        RequestCancel routine = null;
        boolean wasQueued = false;
        synchronized (lock) {
            if (state == COMPLETED) {
                return false;
            }
            canceled = true;
            if (state == QUEUED) {
                wasQueued = queue.removeQueued(this);
            } else if (cancelRoutine != null) {
                routine = cancelRoutine;
                cancelRoutine = null;
                cancelTaken = true;
            }
        }
        if (wasQueued) {
            finish(RequestStatus.CANCELLED, 0, true);
        } else if (routine != null) {
            runCancel(routine);
        }
        return true;
    }

    /**
     * Runs the driver's cancel callback as an arbitrary-thread callback at PASSIVE. Not a hot path
     * (at most once per request): the frame is made per call.
     */
    private void runCancel(RequestCancel routine) {
        DeviceImpl device = queue.device;
        new CallbackFrame<>(device.host, device, name() + " onCancel", routine::onCancel, this)
                .atLevel(Levels.PASSIVE)
                .arbitrary(CallbackFrame.Arbitrary.ENTER)
                .run(ThreadState.current());
    }

    @Override
    public void delete() {
        throw new IllegalStateException("request '" + name() + "' cannot be deleted; complete it with complete(status)");
    }

    @Override
    public String toString() {
        return "Request[" + name() + "]";
    }
}
