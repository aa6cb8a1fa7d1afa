package io.github.irq4j.internal;

import io.github.irq4j.AppliedPolicy;
import io.github.irq4j.BugCheckCode;
import io.github.irq4j.BugCheckException;
import io.github.irq4j.Device;
import io.github.irq4j.DeviceState;
import io.github.irq4j.Driver;
import io.github.irq4j.DriverCallbackException;
import io.github.irq4j.Fault;
import io.github.irq4j.FaultListener;
import io.github.irq4j.FindingCount;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.Irql;
import io.github.irq4j.Resource;
import io.github.irq4j.RestartPolicy;
import io.github.irq4j.StormPolicy;
import io.github.irq4j.Watchdog;
import io.github.irq4j.internal.event.HostEvents;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.Violation;
import io.github.irq4j.spi.DeferredTask;
import io.github.irq4j.spi.DispatchThreadTuner;
import io.github.irq4j.spi.ExecutionEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host: the device registry, and the framework's parts each device shares: the verifier, the
 * {@link PowerSequence} of every device (SPEC 2.7), the {@link LineRegistry} of every source, the
 * {@link FaultLog} and the decision whether a contained fault fails its device (SPEC 4), and the
 * execution environment.
 *
 * <p>Locks, outermost first: a device's {@code powerLock}, then this host's monitor (the device
 * registry and the environment's lazy start) or the line registry's. None is taken on the dispatch
 * path.
 */
public final class HostImpl implements Host {

    /** How long connect waits for a dispatch loop to open its source. */
    static final long OPEN_TIMEOUT_S = 30;

    final Verifier verifier;
    final FaultLog faultLog;
    final LineRegistry lines;
    final PowerSequence power;
    /** Host.Builder.stopTimeout: the budget of each stop's waits for other threads (SPEC 4.2). */
    final long stopTimeoutNs;
    private final ExecutionEnvironment givenEnvironment;
    private final int workerThreads;
    private volatile ExecutionEnvironment environment;
    private final DispatchThreadTuner tuner;
    private final List<DeviceImpl> devices = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    // Watchdog and storms (SPEC 3.1, 4.4), in their own block for merges.
    /** The watchdog, or null when disabled. */
    final CallbackWatchdog watchdog;
    final StormPolicy stormPolicy;
    /** Host.Builder.sharedDispatcher, or null: handed to the default environment. */
    private final io.github.irq4j.spi.SharedDispatcher sharedDispatcher;

    /**
     * A host; made by {@link Host.Builder#build()} through {@link ApiBridge}.
     *
     * @param environment the environment given to the builder, or null for framework threads
     */
    HostImpl(Verifier verifier, FaultListener faultListener, RestartPolicy restartPolicy, ExecutionEnvironment environment,
             int workerThreads, int retainedFindings, long stopTimeoutNs,
             Watchdog watchdog, StormPolicy stormPolicy, io.github.irq4j.spi.SharedDispatcher sharedDispatcher) {
        this.sharedDispatcher = sharedDispatcher;
        this.watchdog = CallbackWatchdog.of(this, watchdog);
        this.stormPolicy = stormPolicy;
        this.verifier = verifier;
        this.stopTimeoutNs = stopTimeoutNs;
        this.faultLog = new FaultLog(faultListener, retainedFindings);
        this.lines = new LineRegistry(this);
        this.power = new PowerSequence(this, restartPolicy, faultLog);
        this.givenEnvironment = environment;
        this.environment = environment;
        this.workerThreads = workerThreads;
        this.tuner = ServiceLoader.load(DispatchThreadTuner.class, HostImpl.class.getClassLoader()).findFirst().orElse(null);
    }

    ExecutionEnvironment environment() {
        ExecutionEnvironment env = environment;
        if (env == null) {
            synchronized (this) {
                env = environment;
                if (env == null) {
                    if (closed) {
                        throw new IllegalStateException("host is closed");
                    }
                    env = new ThreadedEnvironment(workerThreads, faultLog, sharedDispatcher);
                    environment = env;
                }
            }
        }
        return env;
    }

    boolean helpFlush(DeferredTask task) {
        return environment().helpFlush(task);
    }

    // ---------------------------------------------------------------- devices

    @Override
    public Device addDevice(String name, Driver driver, List<? extends Resource> resources) {
        LockChecks.atMost(verifier, Levels.PASSIVE, "host", "addDevice()");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(resources, "resources");
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i) == null) {
                throw new IllegalArgumentException("device '" + name + "': resource " + i + " is null");
            }
        }
        if (closed) {
            throw new IllegalStateException("host is closed; build a new one");
        }
        DeviceImpl device;
        synchronized (this) {
            for (DeviceImpl d : devices) {
                if (d.name().equals(name)) {
                    throw new IllegalArgumentException("device name '" + name + "' is taken; give each device its own name");
                }
            }
            device = new DeviceImpl(this, name, driver, new ArrayList<>(resources));
            devices.add(device);
        }
        Throwable failure = power.callDriver(device, "onDeviceAdd", dev -> dev.driver.onDeviceAdd(dev));
        if (failure != null) {
            device.destroy();
            devices.remove(device);
            throw new DriverCallbackException("onDeviceAdd", "onDeviceAdd of device '" + name + "' failed: " + failure
                    + "; the device was removed", failure);
        }
        device.moveTo(DeviceState.ADDED);
        return device;
    }

    @Override
    public void start(Device device) {
        DeviceImpl d = own(device);
        requirePassive("start()");
        power.start(d);
    }

    @Override
    public void stop(Device device) {
        DeviceImpl d = own(device);
        requirePassive("stop()");
        if (power.awaitIdle(d, "stop()")) {
            power.stop(d);
        }
    }

    @Override
    public void remove(Device device) {
        DeviceImpl d = own(device);
        requirePassive("remove()");
        if (!power.awaitIdle(d, "remove()")) {
            devices.remove(d); // abandoned with the stuck sequence (reported); what it owns is not released
            return;
        }
        power.stop(d);
        synchronized (d.powerLock) {
            d.destroy();
        }
        devices.remove(d);
    }

    @Override
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public List<Violation> violations() {
        return verifier.violations();
    }

    @Override
    public List<Fault> faults() {
        return faultLog.faults();
    }

    @Override
    public List<FindingCount> faultCounts() {
        return faultLog.counts();
    }

    @Override
    public List<FindingCount> violationCounts() {
        return verifier.violationCounts();
    }

    @Override
    public VerifierMode verifierMode() {
        return verifier.mode;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // One budget for the whole close (SPEC 4.2): every wait below ends by the same deadline.
        StopBudget budget = StopBudget.begin(stopTimeoutNs);
        try {
            power.close();
            List<DeviceImpl> all = new ArrayList<>(devices);
            for (int k = all.size() - 1; k >= 0; k--) {
                remove(all.get(k));
            }
            ExecutionEnvironment env = environment;
            if (env != null && env != givenEnvironment) {
                env.close();
            }
        } finally {
            budget.end();
        }
        if (watchdog != null) {
            watchdog.close();
        }
    }

    /** The devices, for the watchdog's scan of their spin locks. */
    List<DeviceImpl> deviceList() {
        return devices;
    }

    private DeviceImpl own(Device device) {
        Objects.requireNonNull(device, "device");
        if (!(device instanceof DeviceImpl d) || d.host != this) {
            throw new IllegalArgumentException("device '" + device.name() + "' belongs to another host");
        }
        return d;
    }

    private void requirePassive(String call) {
        ThreadState ts = ThreadState.current();
        if (ts.irql != Levels.PASSIVE) {
            throw new IllegalStateException(call + " called at " + Irql.of(ts.irql) + "; host calls run at PASSIVE only");
        }
    }

    // ---------------------------------------------------------------- fault containment

    /** Whether the restart policy fails a device on a contained fault. */
    boolean failsDeviceOnFault() {
        return power.restartPolicy().failDeviceOnFault();
    }

    /** Fails {@code device} on the {@code irq4j-host} thread. */
    void scheduleFail(DeviceImpl device) {
        power.scheduleFail(device);
    }

    /** An exception escaped a driver callback run by the framework (ISR, DPC, work item, I/O callback). */
    void callbackFault(DeviceImpl device, String where, Throwable t) {
        if (t instanceof BugCheckException) {
            return; // reported and scheduled by bugCheck()
        }
        boolean fail = failsDeviceOnFault() && device != null;
        faultLog.record(Fault.Kind.CALLBACK_EXCEPTION, device, where, where + " threw " + t
                + (fail ? "; failing the device" : "; reported, the device goes on"), t);
        if (fail) {
            scheduleFail(device);
        }
    }

    /**
     * The dispatch loop of {@code source} ended with {@code failure} (SPEC 4.1). For each device with
     * an interrupt connected on {@code lines}, a {@link Fault.Kind#SOURCE_FAILED} fault names the
     * source and those interrupts; if the loop was not being stopped, the device is failed whatever
     * the policy says about other faults (no interrupt would reach it again) and restarted per the
     * policy's {@code maxRestarts}. Dispatch thread, as it ends.
     */
    void sourceFailed(SourceDispatcher loop, InterruptLine[] lines, boolean wasRunning, Throwable failure) {
        String source = loop.source().name();
        java.util.Map<DeviceImpl, List<String>> served = new java.util.LinkedHashMap<>();
        for (InterruptLine line : lines) {
            if (line != null) {
                for (InterruptImpl i : line.connected) {
                    served.computeIfAbsent(i.device, k -> new ArrayList<>()).add(i.name());
                }
            }
        }
        String what = "source '" + source + "' failed: " + failure + "; its dispatch loop ended";
        if (served.isEmpty()) {
            faultLog.record(Fault.Kind.SOURCE_FAILED, null, source, what + " (no interrupt connected)", failure);
            return;
        }
        served.forEach((device, names) -> {
            faultLog.record(Fault.Kind.SOURCE_FAILED, device, source, what + "; interrupts " + names + " of device '"
                    + device.name() + "' " + (wasRunning ? "get no interrupt from it; failing the device" : "were being stopped"), failure);
            if (wasRunning) {
                scheduleFail(device);
            }
        });
    }

    /** Records a bug check, schedules the device's failure, and returns the exception to throw. */
    BugCheckException bugCheck(DeviceImpl device, BugCheckCode code, String message, long... params) {
        BugCheckException e = new BugCheckException(code, device.name(), message, params);
        faultLog.record(Fault.Kind.BUG_CHECK, device, code.name(), e.getMessage() + "; the device is stopped", e);
        scheduleFail(device);
        return e;
    }

    /** Reports, for each interrupt on {@code line}, that "nobody cared" disabled it. Dispatch thread. */
    void nobodyCared(InterruptLine line, int unclaimed, int window) {
        List<InterruptImpl> on = lines.membersOf(line);
        String msg = "irq " + line.describe() + ": nobody cared (" + unclaimed + " of " + window
                + " interrupts unclaimed); the line is disabled";
        if (on.isEmpty()) {
            faultLog.record(Fault.Kind.NOBODY_CARED, null, line.describe(), msg, null);
        }
        for (InterruptImpl i : on) {
            faultLog.record(Fault.Kind.NOBODY_CARED, i.device, i.name(), msg, null);
        }
        HostEvents.nobodyCared(line.describe(), names(on), line.message, unclaimed, window);
    }

    /**
     * Reports, for each interrupt on {@code line}, that its claimed rate stayed above the storm
     * ceiling (SPEC 3.1, rule id {@code InterruptStorm}); the line decided whether to mask itself.
     * Dispatch thread.
     */
    void interruptStorm(InterruptLine line, long rate, long ceiling) {
        List<InterruptImpl> on = lines.membersOf(line);
        boolean masked = stormPolicy.action() == StormPolicy.Action.MASK;
        String msg = "InterruptStorm: irq " + line.describe() + ": " + rate + " claimed interrupts per second for "
                + stormPolicy.sustainedFor().toMillis() + " ms, above the ceiling of " + ceiling + " per second"
                + (masked ? "; the line is masked (a level line stuck asserted, or an ISR that claims without acknowledging?)"
                        : "; reported, the line stays enabled (StormPolicy.Action.REPORT)");
        if (on.isEmpty()) {
            faultLog.record(Fault.Kind.INTERRUPT_STORM, null, line.describe(), msg, null);
        }
        for (InterruptImpl i : on) {
            faultLog.record(Fault.Kind.INTERRUPT_STORM, i.device, i.name(), msg, null);
        }
        HostEvents.storm(line.describe(), names(on), line.message, rate, ceiling, masked);
    }

    private static String names(List<InterruptImpl> on) {
        StringBuilder b = new StringBuilder();
        for (InterruptImpl i : on) {
            b.append(b.isEmpty() ? "" : ",").append(i.name());
        }
        return b.toString();
    }

    AppliedPolicy applyPolicy(InterruptExtendedPolicy policy) {
        if (tuner == null) {
            return new AppliedPolicy(0, "default", "not applied: no DispatchThreadTuner found (irq4j-linux provides one)");
        }
        return tuner.applyToCurrentThread(policy);
    }
}
