package io.github.irq4j.internal;

import io.github.irq4j.DevicePowerState;
import io.github.irq4j.DeviceState;
import io.github.irq4j.DriverCallbackException;
import io.github.irq4j.Fault;
import io.github.irq4j.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The devices' power sequences (SPEC 2.7) and their failure and restart (SPEC 4): WDF's PnP/power
 * state machine, reduced to what interrupts need. It moves a device through its states from
 * {@code ADDED} on; the interrupts connect, enable, disable and disconnect themselves when it asks.
 *
 * <p>Every sequence runs under the device's {@code powerLock}, at {@code PASSIVE}. A device is
 * failed on the {@code irq4j-host} thread, never on the thread that found the fault, because
 * power-down stops dispatch threads and waits for deferred calls, and the faulting thread may be
 * one of them.
 */
final class PowerSequence {

    private final HostImpl host;
    private final RestartPolicy restartPolicy;
    private final FaultLog faults;
    /** The {@code irq4j-host} thread, once started; for the report of a close that timed out. */
    private volatile Thread managementThread;
    private final ExecutorService management = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "irq4j-host");
        t.setDaemon(true);
        managementThread = t;
        return t;
    });
    /**
     * The thread running each device's sequence (under its power lock), so that a stop can see a
     * sequence stuck in a callback instead of blocking on the power lock without end (SPEC 4.2).
     */
    private final java.util.Map<DeviceImpl, Thread> busy = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;

    PowerSequence(HostImpl host, RestartPolicy restartPolicy, FaultLog faults) {
        this.host = host;
        this.restartPolicy = restartPolicy;
        this.faults = faults;
    }

    RestartPolicy restartPolicy() {
        return restartPolicy;
    }

    /** {@code onPrepareHardware}, then power-up. Under the device's power lock. */
    void start(DeviceImpl d) {
        synchronized (d.powerLock) {
            Thread before = busy.put(d, Thread.currentThread());
            try {
                startLocked(d);
            } finally {
                restore(d, before);
            }
        }
    }

    private void restore(DeviceImpl d, Thread before) {
        if (before == null) {
            busy.remove(d);
        } else {
            busy.put(d, before);
        }
    }

    /**
     * Waits, by twice the stop timeout (or the deadline of the running budget), until no other
     * thread runs a sequence of {@code d}; at PASSIVE, before taking its power lock. A sequence
     * still running then (a PnP or power callback that does not return) is reported with its
     * thread's stack.
     *
     * @return whether the caller may take the power lock without waiting on a stuck sequence
     */
    boolean awaitIdle(DeviceImpl d, String call) {
        // Twice the budget: the other sequence's own waits end by its budget, so only one stuck in a
        // driver callback outlasts this; a restart that is merely slow is waited for, as before.
        long deadline = StopBudget.deadline(2 * host.stopTimeoutNs);
        while (true) {
            Thread t = busy.get(d);
            if (t == null || t == Thread.currentThread() || !t.isAlive()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                faults.record(Fault.Kind.STOP_TIMEOUT, d, call, call + " of device '" + d.name() + "': thread '" + t.getName()
                        + "' is still in a power sequence of the device past the stop timeout (a callback does not return?);"
                        + " the device is left as it is (" + d.state() + ")", StopBudget.stackOf(t));
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }

    private void startLocked(DeviceImpl d) {
        {
            DeviceState s = d.state();
            if (s != DeviceState.ADDED && s != DeviceState.STOPPED && s != DeviceState.FAILED) {
                throw new IllegalStateException("start() of device '" + d.name() + "' in state " + s
                        + " (expected: ADDED, STOPPED or FAILED)");
            }
            d.moveTo(DeviceState.PREPARING_HARDWARE);
            Throwable failure = callDriver(d, "onPrepareHardware", dev -> dev.callbacks.onPrepareHardware(dev, dev.resources()));
            if (failure != null) {
                d.moveTo(DeviceState.FAILED);
                throw startFailure(d, "onPrepareHardware", failure);
            }
            powerUp(d);
        }
    }

    /** SPEC 2.7 power-up; on failure brings down what came up, releases hardware and throws. */
    private void powerUp(DeviceImpl d) {
        d.moveTo(DeviceState.POWERING_UP);
        Throwable failure = callDriver(d, "onD0Entry", dev -> dev.callbacks.onD0Entry(dev, DevicePowerState.D3));
        if (failure != null) {
            releaseHardware(d);
            d.moveTo(DeviceState.FAILED);
            throw startFailure(d, "onD0Entry", failure);
        }
        for (InterruptImpl i : d.interrupts) {
            if (i.forceDisabled) {
                continue;
            }
            try {
                i.connect();
                i.doEnable();
            } catch (RuntimeException e) {
                String step = e instanceof DriverCallbackException dce ? dce.callback() : "connect";
                powerDown(d, DevicePowerState.D3);
                releaseHardware(d);
                d.moveTo(DeviceState.FAILED);
                throw startFailure(d, step + " of interrupt '" + i.name() + "'", e instanceof DriverCallbackException ? e.getCause() : e);
            }
        }
        d.moveTo(DeviceState.STARTED);
        failure = callDriver(d, "onD0EntryPostInterruptsEnabled",
                dev -> dev.callbacks.onD0EntryPostInterruptsEnabled(dev, DevicePowerState.D3));
        if (failure != null) {
            powerDown(d, DevicePowerState.D3);
            releaseHardware(d);
            d.moveTo(DeviceState.FAILED);
            throw startFailure(d, "onD0EntryPostInterruptsEnabled", failure);
        }
    }

    private DriverCallbackException startFailure(DeviceImpl d, String step, Throwable cause) {
        faults.record(Fault.Kind.CALLBACK_EXCEPTION, d, step, "start of device '" + d.name() + "' failed in " + step + ": " + cause, cause);
        return new DriverCallbackException(step, "start of device '" + d.name() + "' failed in " + step + ": " + cause
                + "; what was powered up was powered down again", cause);
    }

    /**
     * SPEC 2.7 power-down. Errors are reported and do not stop it; its waits for other threads end
     * by the host's stop timeout (SPEC 4.2, {@link StopBudget}).
     */
    private void powerDown(DeviceImpl d, DevicePowerState target) {
        StopBudget budget = StopBudget.begin(host.stopTimeoutNs);
        try {
            powerDownSteps(d, target);
        } finally {
            budget.end();
        }
    }

    private void powerDownSteps(DeviceImpl d, DevicePowerState target) {
        d.moveTo(DeviceState.POWERING_DOWN);
        callDriverReporting(d, "onD0ExitPreInterruptsDisabled", dev -> dev.callbacks.onD0ExitPreInterruptsDisabled(dev, target));
        List<InterruptImpl> list = new ArrayList<>(d.interrupts);
        for (int k = list.size() - 1; k >= 0; k--) {
            list.get(k).powerDown();
        }
        callDriverReporting(d, "onD0Exit", dev -> dev.callbacks.onD0Exit(dev, target));
    }

    private void releaseHardware(DeviceImpl d) {
        callDriverReporting(d, "onReleaseHardware", dev -> dev.callbacks.onReleaseHardware(dev));
    }

    /** Power-down and {@code onReleaseHardware} of a started device; a device never started is just STOPPED. */
    void stop(DeviceImpl d) {
        synchronized (d.powerLock) {
            Thread before = busy.put(d, Thread.currentThread());
            try {
                if (d.state() == DeviceState.STARTED) {
                    powerDown(d, DevicePowerState.D3);
                    releaseHardware(d);
                    d.moveTo(DeviceState.STOPPED);
                } else if (d.state() == DeviceState.ADDED) {
                    d.moveTo(DeviceState.STOPPED);
                }
            } finally {
                restore(d, before);
            }
        }
    }

    /**
     * Runs a PnP/power callback of {@code d} in a {@link CallbackFrame} at the caller's level
     * (PASSIVE); returns its failure or null. Not a hot path: the frame is made per call.
     */
    Throwable callDriver(DeviceImpl d, String where, CallbackFrame.Body<DeviceImpl> body) {
        return new CallbackFrame<>(host, d, d.name() + " " + where, body, d).returningFaults().run(ThreadState.current());
    }

    private void callDriverReporting(DeviceImpl d, String where, CallbackFrame.Body<DeviceImpl> body) {
        long start = System.nanoTime();
        Throwable failure = callDriver(d, where, body);
        StopBudget.excludeCallback(System.nanoTime() - start); // SPEC 4.2: the budget is the framework's waits'

        if (failure != null) {
            faults.record(Fault.Kind.CALLBACK_EXCEPTION, d, where, where + " threw " + failure + "; power-down continues", failure);
        }
    }

    /** Fails {@code device} on the {@code irq4j-host} thread, never on the thread that found the fault. */
    void scheduleFail(DeviceImpl device) {
        if (closed) {
            return;
        }
        try {
            management.execute(() -> failContained(device));
        } catch (RejectedExecutionException e) {
            // Host closing: the device is being removed anyway.
        }
    }

    /** {@link #failDevice} on the {@code irq4j-host} thread; a throwable escaping it is recorded and the thread goes on. */
    private void failContained(DeviceImpl d) {
        try {
            failDevice(d);
        } catch (Throwable t) {
            try {
                faults.record(Fault.Kind.FRAMEWORK_THREAD, d, "host", t + " escaped the failure of device '" + d.name()
                        + "' on thread 'irq4j-host'; the device is " + d.state(), t);
            } catch (Throwable again) {
                // Out of memory while recording: the executor's thread goes on regardless.
            }
        }
    }

    private void failDevice(DeviceImpl d) {
        synchronized (d.powerLock) {
            Thread before = busy.put(d, Thread.currentThread());
            try {
                failLocked(d);
            } finally {
                restore(d, before);
            }
        }
    }

    private void failLocked(DeviceImpl d) {
        {
            if (d.state() != DeviceState.STARTED) {
                return;
            }
            powerDown(d, DevicePowerState.D3);
            releaseHardware(d);
            d.moveTo(DeviceState.FAILED);
            if (d.restarts < restartPolicy.maxRestarts() && !closed) {
                d.restarts++;
                faults.record(Fault.Kind.RESTART, d, "host", "restarting device '" + d.name() + "' (restart " + d.restarts + " of "
                        + restartPolicy.maxRestarts() + ")", null);
                try {
                    start(d);
                } catch (RuntimeException e) {
                    // start() recorded the failure; the device stays FAILED.
                }
            }
        }
    }

    /** Ends the {@code irq4j-host} thread after the failures already scheduled; later ones are dropped. */
    void close() {
        closed = true;
        management.shutdown();
        try {
            if (!management.awaitTermination(StopBudget.remainingMs(host.stopTimeoutNs / 1_000_000), TimeUnit.MILLISECONDS)) {
                Thread t = managementThread;
                faults.record(Fault.Kind.STOP_TIMEOUT, null, "irq4j-host", "the irq4j-host thread did not finish failing and"
                        + " restarting devices within the stop timeout; it is abandoned (a daemon thread)", t == null ? null : StopBudget.stackOf(t));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
