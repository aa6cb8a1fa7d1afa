package io.github.irq4j.internal;

import io.github.irq4j.Device;
import io.github.irq4j.DeviceState;
import io.github.irq4j.IoQueue;
import io.github.irq4j.IoQueueConfig;
import io.github.irq4j.IoQueueDispatchType;
import io.github.irq4j.IoQueueStatistics;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.Request;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.RequestType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A queue: holds requests and hands them to its callbacks as {@link RequestDelivery} I/O callbacks.
 *
 * <p>Every field below marked "io" is guarded by the device's {@link DeviceImpl#ioLock}, one
 * monitor for all queues and requests of a device, so a request moving between queues changes
 * state under one lock. Driver callbacks, cancel callbacks and submitters' futures are called
 * without it. The queue keeps its lists; the state of each request in them is the request's
 * ({@link RequestImpl}), moved only through its transition methods.
 */
public final class IoQueueImpl extends FrameworkObject implements IoQueue {

    final DeviceImpl device;
    final IoQueueConfig config;
    /** The queue's callback lock for automatic serialization, or null. */
    private final LockCore serialization;
    private final Object lock;

    /** io: requests waiting, oldest first. */
    private final ArrayDeque<RequestImpl> pending = new ArrayDeque<>();
    /** io: requests delivered from this queue and still owned by the driver. */
    private final Set<RequestImpl> owned = new LinkedHashSet<>();
    /** io: whether the queue delivers (WdfIoQueueStart/Stop). */
    private boolean started = true;
    /** io: after purge() until start(): new requests are cancelled. */
    private boolean purging;
    /** io: counters. */
    private long submitted;
    private long forwardedIn;
    private long delivered;
    private long completed;
    private long cancelled;
    /** io: sequence for request names. */
    private long nextRequest;

    IoQueueImpl(DeviceImpl device, String name, IoQueueConfig config) {
        super(name, device);
        this.device = device;
        this.config = config;
        this.lock = device.ioLock;
        this.serialization = !config.automaticSerialization() ? null
                : callbackIrql() == Levels.PASSIVE ? new WaitLockCore(name + " callback lock")
                : new SpinLockCore(name + " callback lock", Levels.DISPATCH);
    }

    @Override
    public IoQueueDispatchType dispatchType() {
        return config.dispatchType();
    }

    @Override
    public Device getDevice() {
        return device;
    }

    @Override
    LockCore callbackLock() {
        return serialization;
    }

    LockCore serialization() {
        return serialization;
    }

    // ---------------------------------------------------------------- submitting

    @Override
    public PendingRequest submitRead(long length) {
        checkLength("submitRead", length);
        return submit(RequestType.READ, 0, new byte[0], length);
    }

    @Override
    public PendingRequest submitWrite(byte[] data) {
        Objects.requireNonNull(data, "data");
        checkLength("submitWrite", data.length);
        return submit(RequestType.WRITE, 0, data.clone(), 0);
    }

    @Override
    public PendingRequest submitDeviceControl(int ioControlCode, byte[] input, long outputLength) {
        Objects.requireNonNull(input, "input");
        checkLength("submitDeviceControl", outputLength);
        checkLength("submitDeviceControl", input.length);
        return submit(RequestType.DEVICE_CONTROL, ioControlCode, input.clone(), outputLength);
    }

    private void checkLength(String call, long length) {
        if (length < 0 || length > Request.MAX_LENGTH) {
            throw new IllegalArgumentException(call + " on queue '" + name() + "': length " + length
                    + " (expected: 0 <= length <= " + Request.MAX_LENGTH + ")");
        }
    }

    private RequestImpl submit(RequestType type, int code, byte[] input, long outputLength) {
        long seq;
        synchronized (lock) {
            seq = nextRequest++;
        }
        RequestImpl r = new RequestImpl(this, name() + "/" + type.name().toLowerCase(java.util.Locale.ROOT) + "#" + seq,
                type, code, input, (int) outputLength);
        add(r, false);
        return r;
    }

    /**
     * Queues a submitted or forwarded request and delivers what can be delivered. A request that
     * cannot be queued (queue deleted or purging, device not started) is completed at once.
     */
    void add(RequestImpl r, boolean forwarded) {
        RequestStatus reject = null;
        synchronized (lock) {
            if (isDeleted() || purging) {
                reject = RequestStatus.CANCELLED;
            } else if (!forwarded && device.state() != DeviceState.STARTED) {
                reject = RequestStatus.DEVICE_NOT_READY;
            }
            r.arrived(this);
            if (forwarded) {
                forwardedIn++;
            } else {
                submitted++;
            }
            if (reject == null) {
                pending.add(r);
            }
        }
        if (reject != null) {
            r.completeByFramework(reject);
        } else {
            dispatch();
        }
    }

    /** Delivers queued requests as the dispatch type allows. */
    void dispatch() {
        List<RequestImpl> out = null;
        synchronized (lock) {
            if (!started || purging || isDeleted() || device.io.isHeld() || config.dispatchType() == IoQueueDispatchType.MANUAL) {
                return;
            }
            boolean parallel = config.dispatchType() == IoQueueDispatchType.PARALLEL;
            while (!pending.isEmpty() && (parallel || owned.isEmpty())) {
                RequestImpl r = pending.poll();
                r.handedOut(this);
                count(r);
                if (out == null) {
                    out = new ArrayList<>(parallel ? pending.size() + 1 : 1);
                }
                out.add(r);
            }
        }
        if (out != null) {
            for (RequestImpl r : out) {
                new RequestDelivery(this, r).enqueue();
            }
        }
    }

    /** io: {@code r}, DELIVERING or OWNED now, is counted in this queue's owned set. */
    private void count(RequestImpl r) {
        owned.add(r);
        delivered++;
    }

    /** io: {@code r} left the driver's hands (completed or forwarded). */
    void released(RequestImpl r) {
        owned.remove(r);
    }

    /** io: counts a completion of a request whose queue this is. */
    void countCompletion(RequestStatus status) {
        completed++;
        if (status == RequestStatus.CANCELLED) {
            cancelled++;
        }
    }

    /** io: removes a queued request being cancelled; true if it was queued here. */
    boolean removeQueued(RequestImpl r) {
        return pending.remove(r);
    }

    @Override
    public Request retrieveNextRequest() {
        if (config.dispatchType() != IoQueueDispatchType.MANUAL) {
            throw new IllegalStateException("retrieveNextRequest() on " + config.dispatchType() + " queue '" + name()
                    + "': only MANUAL queues hand out requests this way; forward the request to a manual queue first");
        }
        synchronized (lock) {
            if (!started || purging || device.io.isHeld()) {
                return null;
            }
            RequestImpl r = pending.poll();
            if (r != null) {
                r.retrieved(this);
                count(r);
            }
            return r;
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public void start() {
        synchronized (lock) {
            started = true;
            purging = false;
        }
        dispatch();
    }

    @Override
    public void stop() {
        synchronized (lock) {
            started = false;
        }
    }

    @Override
    public void purge() {
        List<RequestImpl> queued;
        List<RequestImpl> cancelable = new ArrayList<>();
        synchronized (lock) {
            purging = true;
            started = false;
            queued = new ArrayList<>(pending);
            pending.clear();
            for (RequestImpl r : owned) {
                cancelable.add(r);
            }
        }
        for (RequestImpl r : queued) {
            r.purged();
        }
        for (RequestImpl r : cancelable) {
            r.cancel();
        }
    }

    /**
     * io: the device's I/O stop takes every request from this queue: those the driver has not
     * seen (queued, or handed to a delivery not yet run) into {@code framework}, those it owns
     * into {@code driver}. The pending list is emptied; the owned set empties as they complete.
     */
    void takeForStop(List<RequestImpl> framework, List<RequestImpl> driver) {
        framework.addAll(pending);
        pending.clear();
        for (RequestImpl r : owned) {
            (r.isDelivering() ? framework : driver).add(r);
        }
    }

    /** io: whether a request owned from this queue is in an I/O callback running on a thread other than {@code me}. */
    boolean callbackRunningOtherThan(Thread me) {
        for (RequestImpl r : owned) {
            if (r.inCallbackOtherThan(me)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public IoQueueStatistics statistics() {
        synchronized (lock) {
            return new IoQueueStatistics(submitted, forwardedIn, delivered, completed, cancelled, pending.size(), owned.size());
        }
    }

    @Override
    protected void onDestroy() {
        purge();
        device.removeQueue(this);
    }
}
