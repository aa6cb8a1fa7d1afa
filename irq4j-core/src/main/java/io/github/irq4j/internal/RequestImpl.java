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
 * <p><b>The state machine.</b> This class is its only writer: queues, deliveries and the device's
 * I/O stop ({@link DeviceIo}) call the transition methods below, named after the move they make;
 * none of them touches {@link #state}. Every transition happens under the device's
 * {@link DeviceImpl#ioLock} ({@code lock} here); the submitter's future, driver callbacks and fault
 * records run after the lock is released.
 * <pre>
 *   (new) --arrived(q)--------------------------------> QUEUED
 *   QUEUED --arrived(q), completeByFramework----------> COMPLETED     q refused it (deleted, purging, not started)
 *   QUEUED --handedOut(q)-----------------------------> DELIVERING    a RequestDelivery will call the driver
 *   QUEUED --retrieved(q)-----------------------------> OWNED         manual queue, retrieveNextRequest
 *   QUEUED --cancel(), purged(), completeByFramework--> COMPLETED     never reached the driver
 *   DELIVERING --enterCallback(q)---------------------> OWNED         refused while the device's I/O is held
 *   DELIVERING --completeByFramework------------------> COMPLETED     queue deleted, or device stopped first
 *   OWNED --complete*() by the driver or its cancel routine, callbackThrew(q)--> COMPLETED
 *   OWNED --forwardToIoQueue(t), then arrived(t)------> QUEUED (or COMPLETED if t refuses it)
 *   OWNED --abandon()---------------------------------> ABANDONED     device stopped, failed or removed
 * </pre>
 *
 * <p>Invariants, each holding whenever the I/O lock is free:
 * <ul>
 * <li>A QUEUED request is in the pending list of {@link #queue} and no other (but for the moment
 *     of a forward); a DELIVERING or OWNED one is in the owned set of {@link #countedBy} only.</li>
 * <li>DELIVERING: the framework owns it, the driver has not seen it. OWNED: the driver owns it
 *     ({@link #callbackThread}: the thread running its I/O callback, or null).</li>
 * <li>COMPLETED and ABANDONED are final; {@link #completion} is completed once, on the move into
 *     one of them, with {@link RequestStatus#DEVICE_REMOVED} for ABANDONED.</li>
 * <li>The driver completes only OWNED requests: QUEUED or COMPLETED throws (a double completion, as WDF's verifier
 *     flags), ABANDONED is a <i>late completion</i> (no effect, a {@code LATE_COMPLETION} fault); the framework's is ignored.</li>
 * <li>A cancel callback is set only while OWNED and runs at most once ({@link #cancelTaken}).</li>
 * </ul>
 */
public final class RequestImpl extends FrameworkObject implements Request, PendingRequest {

    static final int QUEUED = 0;
    static final int DELIVERING = 1;
    static final int OWNED = 2;
    static final int COMPLETED = 3;
    static final int ABANDONED = 4;

    private final Object lock;
    private final RequestType type;
    private final int ioControlCode;
    private final long length;
    /** The output buffer (reads, device controls), or null. Written by the driver. */
    private final ByteBuffer output;
    /** A read-only view of the input (writes, device controls), or null. */
    private final ByteBuffer input;
    private final CompletableFuture<Completion> completion = new CompletableFuture<>();

    /** io: one of the five states of the class comment; written by the transition methods only. */
    private int state = QUEUED;
    /** io: the queue the request is in or was delivered from. */
    private IoQueueImpl queue;
    /** io: the queue whose owned set holds the request while DELIVERING or OWNED, or null. */
    private IoQueueImpl countedBy;
    /** io: the thread running the I/O callback the request was delivered to, while it runs, or null. */
    private Thread callbackThread;
    /** io: the cancel callback while marked cancelable. */
    private RequestCancel cancelRoutine;
    /** io: true once cancel() took the cancel callback to run it. */
    private boolean cancelTaken;
    /** Set once by cancel(), purge or abandonment; read by the driver without the lock. */
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
        return buffer(output, "retrieveOutputBuffer()", "no output buffer; use retrieveInputBuffer()");
    }

    @Override
    public ByteBuffer retrieveInputBuffer() {
        return buffer(input, "retrieveInputBuffer()", "no input buffer; use retrieveOutputBuffer()");
    }

    /** An ABANDONED request's buffers stay usable: the driver may still be filling them (SPEC 2.10). */
    private ByteBuffer buffer(ByteBuffer b, String call, String missing) {
        LockChecks.atMost(queue.device.host.verifier, Levels.DISPATCH, name(), call);
        if (b == null) {
            throw new IllegalStateException(call + " on " + type + " request '" + name() + "': it has " + missing);
        }
        synchronized (lock) {
            if (state == COMPLETED) {
                throw new IllegalStateException(call + " on request '" + name() + "' after it was completed");
            }
        }
        return b;
    }

    /** io: the submitted or forwarded request (QUEUED: new, or in transit) is now {@code q}'s, to wait or be refused. */
    void arrived(IoQueueImpl q) {
        queue = q;
    }

    /** io: {@code q} took the request off its pending list for a {@link RequestDelivery}: QUEUED to DELIVERING. */
    void handedOut(IoQueueImpl q) {
        state = DELIVERING;
        countedBy = q;
    }

    /** io: manual queue {@code q} handed the request to the driver: QUEUED to OWNED. */
    void retrieved(IoQueueImpl q) {
        state = OWNED;
        countedBy = q;
    }

    /** io: DELIVERING (the framework's, not seen by the driver) rather than OWNED; for the device's I/O stop. */
    boolean isDelivering() {
        return state == DELIVERING;
    }

    /** io: whether an I/O callback on a thread other than {@code me} holds the OWNED request. */
    boolean inCallbackOtherThan(Thread me) {
        return state == OWNED && callbackThread != null && callbackThread != me;
    }

    /**
     * The delivery from {@code q} is about to call the driver on this thread: DELIVERING to OWNED.
     * False (do not call it) if the request was completed meanwhile or the device's I/O is held:
     * the device powers down, and its purge completes the request.
     */
    boolean enterCallback(IoQueueImpl q) {
        synchronized (lock) {
            if (state != DELIVERING || countedBy != q || q.device.io.isHeld()) {
                return false;
            }
            state = OWNED;
            callbackThread = Thread.currentThread();
            return true;
        }
    }

    /** The callback {@link #enterCallback} admitted returned; wakes a power-down waiting for it. */
    void leaveCallback(IoQueueImpl q) {
        synchronized (lock) {
            if (callbackThread == Thread.currentThread()) {
                callbackThread = null;
                q.device.io.callbackLeft();
            }
        }
    }

    /** The callback from {@code q} threw: if still OWNED from {@code q}, completed UNSUCCESSFUL so a sequential queue goes on. */
    void callbackThrew(IoQueueImpl q) {
        finish(RequestStatus.UNSUCCESSFUL, 0, true, q);
    }

    /** Its queue was purged while it waited: cancelled and completed CANCELLED. Without the I/O lock. */
    void purged() {
        canceled = true;
        finish(RequestStatus.CANCELLED, 0, true, null);
    }

    /** The framework completes the request (refused, no callback, queue deleted, device stopped); no effect if final. */
    void completeByFramework(RequestStatus status) {
        finish(status, 0, true, null);
    }

    /**
     * The device stopped, failed or was removed while the driver owned the request: OWNED to ABANDONED,
     * completed {@code DEVICE_REMOVED}; false if not OWNED. Without the I/O lock; I/O is held, so no dispatch.
     */
    boolean abandon() {
        synchronized (lock) {
            if (state != OWNED) {
                return false;
            }
            state = ABANDONED;
            canceled = true;
            cancelRoutine = null;
            countedBy.released(this);
            countedBy = null;
            queue.countCompletion(RequestStatus.DEVICE_REMOVED);
        }
        completion.complete(new Completion(type, RequestStatus.DEVICE_REMOVED, 0, new byte[0]));
        return true;
    }

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
        finish(status, information, false, null);
    }

    /**
     * Completes the request. {@code byFramework}: the framework completes a queued or purged
     * request and a completion of a final one is ignored; for the driver a completion of a
     * COMPLETED or QUEUED request is an error, of an ABANDONED one a late completion.
     * {@code ownedFrom}: if not null, only a request OWNED from that queue is completed.
     */
    private void finish(RequestStatus status, long information, boolean byFramework, IoQueueImpl ownedFrom) {
        IoQueueImpl release = null;
        boolean moved = false;
        boolean lateCall = false;
        synchronized (lock) {
            if (ownedFrom != null && (state != OWNED || countedBy != ownedFrom)) {
                return;
            }
            if (state == ABANDONED) {
                lateCall = !byFramework;
            } else if (state == COMPLETED) {
                if (!byFramework) {
                    throw new IllegalStateException("request '" + name() + "' completed twice"
                            + " (a request is completed exactly once: by the driver, or by its cancel callback)");
                }
            } else if (state == QUEUED && !byFramework) {
                throw new IllegalStateException("complete() on request '" + name() + "' that waits in queue '"
                        + queue.name() + "': the driver does not own it; retrieve it first");
            } else {
                state = COMPLETED;
                moved = true;
                cancelRoutine = null;
                release = countedBy;
                countedBy = null;
                if (release != null) {
                    release.released(this);
                }
                queue.countCompletion(status);
            }
        }
        if (lateCall) {
            queue.device.io.lateCall(this, "complete(" + status + ")");
        }
        if (!moved) {
            return; // a final request: nothing moved, nothing to answer
        }
        byte[] data = output != null && status.isSuccess()
                ? Arrays.copyOf(output.array(), (int) Math.min(information, output.capacity())) : new byte[0];
        completion.complete(new Completion(type, status, information, data));
        if (release != null) {
            release.dispatch();
        }
    }

    @Override
    public boolean isCompleted() {
        synchronized (lock) {
            return state == COMPLETED || state == ABANDONED;
        }
    }

    @Override
    public CompletableFuture<Completion> completion() {
        return completion;
    }

    @Override
    public void forwardToIoQueue(IoQueue target) {
        LockChecks.atMost(queue.device.host.verifier, Levels.DISPATCH, name(), "forwardToIoQueue()");
        Objects.requireNonNull(target, "queue");
        IoQueueImpl to = (IoQueueImpl) target;
        IoQueueImpl release;
        boolean late;
        synchronized (lock) {
            if (to.device != queue.device) {
                throw new IllegalArgumentException("forwardToIoQueue: queue '" + to.name() + "' belongs to device '"
                        + to.device.name() + "', request '" + name() + "' to device '" + queue.device.name()
                        + "'; forward within the device");
            }
            late = state == ABANDONED;
            release = late ? null : leaveForForward(to);
        }
        if (late) {
            queue.device.io.lateCall(this, "forwardToIoQueue('" + target.name() + "')");
            return;
        }
        to.add(this, true);
        if (release != null) {
            release.dispatch();
        }
    }

    /** io: OWNED to QUEUED, in transit to {@code to}; returns the queue that counted it. */
    private IoQueueImpl leaveForForward(IoQueueImpl to) {
        if (to == queue) {
            throw new IllegalArgumentException("forwardToIoQueue: request '" + name() + "' is already in queue '"
                    + to.name() + "'; forward to another queue");
        }
        requireOwned("forwardToIoQueue()");
        if (cancelRoutine != null) {
            throw new IllegalStateException("forwardToIoQueue() on request '" + name()
                    + "' marked cancelable; call unmarkCancelable() first");
        }
        IoQueueImpl release = countedBy;
        countedBy = null;
        if (release != null) {
            release.released(this);
        }
        state = QUEUED; // in transit: owned by no queue and not by the driver
        return release;
    }

    private void requireOwned(String call) {
        if (state != OWNED) {
            throw new IllegalStateException(call + " on request '" + name() + "' that "
                    + (state == COMPLETED ? "is completed" : "waits in queue '" + queue.name() + "'")
                    + ": the driver owns a request only between delivery (or retrieveNextRequest) and completion or forwarding");
        }
    }

    @Override
    public boolean markCancelable(RequestCancel onCancel) {
        LockChecks.atMost(queue.device.host.verifier, Levels.DISPATCH, name(), "markCancelable()");
        Objects.requireNonNull(onCancel, "onCancel");
        synchronized (lock) {
            if (state == ABANDONED) {
                return false; // cancelled by the device's stop; the driver's completion will be late
            }
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
            if (cancelTaken || state == ABANDONED) {
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
            if (state == COMPLETED || state == ABANDONED) {
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
            finish(RequestStatus.CANCELLED, 0, true, null);
        } else if (routine != null) {
            runCancel(routine);
        }
        return true;
    }

    /** Runs the cancel callback as an arbitrary-thread callback at PASSIVE; at most once per request, so a frame per call. */
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
