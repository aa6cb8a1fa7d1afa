package io.github.irq4j.internal;

import io.github.irq4j.DeviceState;
import io.github.irq4j.Fault;
import io.github.irq4j.RequestStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a device's power transitions do to its queues and requests (SPEC 2.10), so that no request
 * is left incomplete when the device stops, fails or is removed. {@link DeviceImpl#moveTo} calls
 * it, under the device's power lock, at {@code PASSIVE}:
 * <ul>
 * <li>{@link #hold()} and {@link #awaitCallbacks()}, entering {@code POWERING_DOWN}: queues stop
 *     handing requests to callbacks (a delivery already queued does not call the driver), and it
 *     waits, within the stop's budget ({@code Host.Builder.stopTimeout}), for the I/O callbacks running on other threads to return. So
 *     the driver's power-down callbacks, where a driver completes what it holds, see every request
 *     it was given.</li>
 * <li>{@link #purge}, entering {@code STOPPED} or {@code FAILED}: requests the driver never saw
 *     are completed {@code CANCELLED}, as {@code WdfIoQueuePurge} does; requests it owns are
 *     cancelled (their cancel routine runs), and those still owned after that are taken back:
 *     completed {@code DEVICE_REMOVED} and reported in one {@code REQUESTS_ABANDONED} fault.</li>
 * <li>{@link #resume()}, entering {@code STARTED}: queues deliver again.</li>
 * </ul>
 * Requests change state only through their own transition methods ({@link RequestImpl}).
 */
final class DeviceIo {

    /**
     * How long power-down waits for I/O callbacks on other threads to return before it goes on, when
     * it runs outside a stop's budget; inside one (every stop, removal, close and failure) the
     * budget's deadline bounds it.
     */
    static final long CALLBACK_WAIT_MS = 5_000;

    private final DeviceImpl device;
    private final Object lock;
    private final List<IoQueueImpl> queues;
    /** io: from power-down until the next start, no request is handed to a callback. */
    private boolean held;
    /** io: whether {@link #awaitCallbacks()} waits. */
    private boolean waiting;

    DeviceIo(DeviceImpl device, Object ioLock, List<IoQueueImpl> queues) {
        this.device = device;
        this.lock = ioLock;
        this.queues = queues;
    }

    /** io: whether queues may hand requests to callbacks. */
    boolean isHeld() {
        return held;
    }

    /** io: an admitted I/O callback returned; wakes {@link #awaitCallbacks()} if it waits. */
    void callbackLeft() {
        if (waiting) {
            lock.notifyAll();
        }
    }

    /**
     * Stops delivery; called just before the device's state says POWERING_DOWN, so whoever sees
     * that state also sees delivery held.
     */
    void hold() {
        synchronized (lock) {
            held = true;
        }
    }

    /** Waits, bounded by the stop's budget (else {@link #CALLBACK_WAIT_MS}), for I/O callbacks on other threads to return. */
    void awaitCallbacks() {
        Thread me = Thread.currentThread();
        synchronized (lock) {
            // the stop's budget when there is one (Host.Builder.stopTimeout, SPEC 4.2), so the wait is in its bound
            long deadline = StopBudget.deadline(TimeUnit.MILLISECONDS.toNanos(CALLBACK_WAIT_MS));
            try {
                while (runningElsewhere(me)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break; // purge reports the requests those callbacks still own
                    }
                    waiting = true;
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting = false;
            }
        }
    }

    private boolean runningElsewhere(Thread me) {
        for (IoQueueImpl q : queues) {
            if (q.callbackRunningOtherThan(me)) {
                return true;
            }
        }
        return false;
    }

    /** Queues deliver again; what waits in them is delivered now. */
    void resume() {
        synchronized (lock) {
            held = false;
        }
        for (IoQueueImpl q : queues) {
            q.dispatch();
        }
    }

    /**
     * Completes every request of the device's queues, as the class comment says, and holds
     * delivery. {@code to} is the state the device enters, for the fault's message.
     */
    void purge(DeviceState to) {
        List<RequestImpl> framework = new ArrayList<>();
        List<RequestImpl> owned = new ArrayList<>();
        List<String> inCallback = new ArrayList<>();
        Thread me = Thread.currentThread();
        synchronized (lock) {
            held = true;
            for (IoQueueImpl q : queues) {
                q.takeForStop(framework, owned);
            }
            for (RequestImpl r : owned) {
                if (r.inCallbackOtherThan(me)) {
                    inCallback.add(r.name());
                }
            }
        }
        for (RequestImpl r : framework) {
            r.purged();
        }
        for (RequestImpl r : owned) {
            r.cancel();
        }
        List<String> abandoned = new ArrayList<>();
        for (RequestImpl r : owned) {
            if (r.abandon()) {
                abandoned.add(r.name());
            }
        }
        if (!abandoned.isEmpty()) {
            device.host.faultLog.record(Fault.Kind.REQUESTS_ABANDONED, device, "requests",
                    abandonedMessage(to, owned.size(), abandoned, inCallback), null);
        }
    }

    private String abandonedMessage(DeviceState to, int owned, List<String> abandoned, List<String> inCallback) {
        String verb = to == DeviceState.FAILED ? "failed" : "stopped";
        int stillRunning = 0;
        for (String name : abandoned) {
            if (inCallback.contains(name)) {
                stillRunning++;
            }
        }
        return abandoned.size() + " requests still owned by the driver when device '" + device.name() + "' " + verb
                + " (of " + owned + " it owned, " + (owned - abandoned.size()) + " were completed by their cancel routines"
                + (stillRunning == 0 ? "" : "; " + stillRunning + " in an I/O callback that had not returned after "
                + CALLBACK_WAIT_MS + " ms") + "): completed with " + RequestStatus.DEVICE_REMOVED + ": "
                + String.join(", ", abandoned.subList(0, Math.min(8, abandoned.size())))
                + (abandoned.size() > 8 ? ", ..." : "")
                + ". Complete or cancel what you hold in onD0ExitPreInterruptsDisabled or onD0Exit, or mark requests"
                + " cancelable; a later completion of these has no effect and is reported as LATE_COMPLETION";
    }

    /**
     * Reports a late completion or forward of an ABANDONED request: one fault per call, with a
     * stack that shows where the driver made it. Without the I/O lock; not a hot path.
     */
    void lateCall(RequestImpl r, String call) {
        String msg = call + " on request '" + r.name() + "' after device '" + device.name() + "' took it back from the driver"
                + " and completed it with DEVICE_REMOVED (the device stopped, failed or was removed); the call had no effect."
                + " Check isCompleted() or isCanceled(), or mark requests cancelable, so power-down can complete them";
        device.host.faultLog.record(Fault.Kind.LATE_COMPLETION, device, r.name() + " " + call, msg, new IllegalStateException(msg));
    }
}
