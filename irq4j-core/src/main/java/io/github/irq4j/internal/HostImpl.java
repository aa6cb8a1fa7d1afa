package io.github.irq4j.internal;

import io.github.irq4j.AppliedPolicy;
import io.github.irq4j.BugCheckCode;
import io.github.irq4j.BugCheckException;
import io.github.irq4j.Device;
import io.github.irq4j.DevicePowerState;
import io.github.irq4j.DeviceState;
import io.github.irq4j.Driver;
import io.github.irq4j.DriverCallbackException;
import io.github.irq4j.Fault;
import io.github.irq4j.FaultListener;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptConfigException;
import io.github.irq4j.InterruptConfigException.Reason;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.Irql;
import io.github.irq4j.Resource;
import io.github.irq4j.RestartPolicy;
import io.github.irq4j.Rule;
import io.github.irq4j.ShareDisposition;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.Violation;
import io.github.irq4j.spi.DeferredTask;
import io.github.irq4j.spi.DispatchThreadTuner;
import io.github.irq4j.spi.ExecutionEnvironment;
import io.github.irq4j.spi.InterruptSource;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The host: devices and their power sequences (SPEC 2.7), the registry of lines per source, fault
 * containment and restart (SPEC 4).
 *
 * <p>Locks, outermost first: a device's {@code powerLock}, then this host's monitor (the line
 * registry). Neither is taken on the dispatch path; the dispatch thread only reads the lines'
 * copy-on-write arrays. Device failures are handled on the {@code irq4j-host} thread, never on the
 * thread that failed, because power-down stops dispatch threads and waits for deferred calls.
 */
public final class HostImpl implements Host {

    /** How long connect waits for a dispatch loop to open its source. */
    static final long OPEN_TIMEOUT_S = 30;

    final Verifier verifier;
    private final RestartPolicy restartPolicy;
    private final FaultListener faultListener;
    private final ExecutionEnvironment givenEnvironment;
    private final int workerThreads;
    private volatile ExecutionEnvironment environment;
    private final DispatchThreadTuner tuner;
    private final List<DeviceImpl> devices = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final Map<InterruptSource, SourceEntry> sources = new IdentityHashMap<>();
    private final ExecutorService management = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "irq4j-host");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /** The lines of one source and the loop dispatching them. Guarded by the host's monitor. */
    private static final class SourceEntry {
        final InterruptLine[] lines;
        SourceDispatcher dispatcher;
        int connected;

        SourceEntry(InterruptSource source) {
            this.lines = new InterruptLine[source.messageCount()];
        }

        boolean isEmpty() {
            for (InterruptLine l : lines) {
                if (l != null) {
                    return false;
                }
            }
            return true;
        }
    }

    public HostImpl(Host.Builder b) {
        this.verifier = new Verifier(b.verifierMode(), b.captureAcquireSites(), b.verifierListener());
        this.restartPolicy = b.restartPolicy();
        this.faultListener = b.faultListener();
        this.givenEnvironment = b.environment();
        this.environment = b.environment();
        this.workerThreads = b.workerThreads();
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
                    env = new ThreadedEnvironment(workerThreads);
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
        Throwable failure = callDriver(device, "onDeviceAdd", dev -> dev.driver.onDeviceAdd(dev));
        if (failure != null) {
            device.destroy();
            devices.remove(device);
            throw new DriverCallbackException("onDeviceAdd", "onDeviceAdd of device '" + name + "' failed: " + failure
                    + "; the device was removed", failure);
        }
        device.state = DeviceState.ADDED;
        return device;
    }

    @Override
    public void start(Device device) {
        DeviceImpl d = own(device);
        requirePassive("start()");
        synchronized (d.powerLock) {
            DeviceState s = d.state;
            if (s != DeviceState.ADDED && s != DeviceState.STOPPED && s != DeviceState.FAILED) {
                throw new IllegalStateException("start() of device '" + d.name() + "' in state " + s
                        + " (expected: ADDED, STOPPED or FAILED)");
            }
            d.state = DeviceState.PREPARING_HARDWARE;
            Throwable failure = callDriver(d, "onPrepareHardware", dev -> dev.callbacks.onPrepareHardware(dev, dev.resources()));
            if (failure != null) {
                d.state = DeviceState.FAILED;
                throw startFailure(d, "onPrepareHardware", failure);
            }
            powerUp(d);
        }
    }

    /** SPEC 2.7 power-up; on failure brings down what came up, releases hardware and throws. */
    private void powerUp(DeviceImpl d) {
        d.state = DeviceState.POWERING_UP;
        Throwable failure = callDriver(d, "onD0Entry", dev -> dev.callbacks.onD0Entry(dev, DevicePowerState.D3));
        if (failure != null) {
            releaseHardware(d);
            d.state = DeviceState.FAILED;
            throw startFailure(d, "onD0Entry", failure);
        }
        for (InterruptImpl i : d.interrupts) {
            if (i.forceDisabled) {
                continue;
            }
            try {
                connect(i);
                i.doEnable();
            } catch (RuntimeException e) {
                String step = e instanceof DriverCallbackException dce ? dce.callback() : "connect";
                powerDown(d, DevicePowerState.D3);
                releaseHardware(d);
                d.state = DeviceState.FAILED;
                throw startFailure(d, step + " of interrupt '" + i.name() + "'", e instanceof DriverCallbackException ? e.getCause() : e);
            }
        }
        d.state = DeviceState.STARTED;
        failure = callDriver(d, "onD0EntryPostInterruptsEnabled",
                dev -> dev.callbacks.onD0EntryPostInterruptsEnabled(dev, DevicePowerState.D3));
        if (failure != null) {
            powerDown(d, DevicePowerState.D3);
            releaseHardware(d);
            d.state = DeviceState.FAILED;
            throw startFailure(d, "onD0EntryPostInterruptsEnabled", failure);
        }
    }

    private DriverCallbackException startFailure(DeviceImpl d, String step, Throwable cause) {
        fault(Fault.Kind.CALLBACK_EXCEPTION, d, step, "start of device '" + d.name() + "' failed in " + step + ": " + cause, cause);
        return new DriverCallbackException(step, "start of device '" + d.name() + "' failed in " + step + ": " + cause
                + "; what was powered up was powered down again", cause);
    }

    /** SPEC 2.7 power-down. Errors are reported and do not stop it. */
    private void powerDown(DeviceImpl d, DevicePowerState target) {
        d.state = DeviceState.POWERING_DOWN;
        callDriverReporting(d, "onD0ExitPreInterruptsDisabled", dev -> dev.callbacks.onD0ExitPreInterruptsDisabled(dev, target));
        List<InterruptImpl> list = new ArrayList<>(d.interrupts);
        for (int k = list.size() - 1; k >= 0; k--) {
            InterruptImpl i = list.get(k);
            if (i.state == InterruptImpl.ENABLED) {
                synchronizeSignals(i, "stop");
                i.doDisable();
            }
            i.flushDeferred();
            if (i.state != InterruptImpl.CREATED) {
                disconnect(i);
            }
        }
        callDriverReporting(d, "onD0Exit", dev -> dev.callbacks.onD0Exit(dev, target));
    }

    private void releaseHardware(DeviceImpl d) {
        callDriverReporting(d, "onReleaseHardware", dev -> dev.callbacks.onReleaseHardware(dev));
    }

    @Override
    public void stop(Device device) {
        DeviceImpl d = own(device);
        requirePassive("stop()");
        synchronized (d.powerLock) {
            if (d.state == DeviceState.STARTED) {
                powerDown(d, DevicePowerState.D3);
                releaseHardware(d);
                d.state = DeviceState.STOPPED;
            } else if (d.state == DeviceState.ADDED) {
                d.state = DeviceState.STOPPED;
            }
        }
    }

    @Override
    public void remove(Device device) {
        DeviceImpl d = own(device);
        stop(d);
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
        synchronized (faults) {
            return List.copyOf(faults);
        }
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
        management.shutdown();
        try {
            management.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<DeviceImpl> all = new ArrayList<>(devices);
        for (int k = all.size() - 1; k >= 0; k--) {
            remove(all.get(k));
        }
        ExecutionEnvironment env = environment;
        if (env != null && env != givenEnvironment) {
            env.close();
        }
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
        if (ts.irql != 0) {
            throw new IllegalStateException(call + " called at " + Irql.of(ts.irql) + "; host calls run at PASSIVE only");
        }
    }

    // ---------------------------------------------------------------- driver callbacks

    /**
     * Runs a PnP/power callback of {@code d} in a {@link CallbackFrame} at the caller's level
     * (PASSIVE); returns its failure or null. Not a hot path: the frame is made per call.
     */
    private Throwable callDriver(DeviceImpl d, String where, CallbackFrame.Body<DeviceImpl> body) {
        return new CallbackFrame<>(this, d, d.name() + " " + where, body, d).returningFaults().run(ThreadState.current());
    }

    private void callDriverReporting(DeviceImpl d, String where, CallbackFrame.Body<DeviceImpl> body) {
        Throwable failure = callDriver(d, where, body);
        if (failure != null) {
            fault(Fault.Kind.CALLBACK_EXCEPTION, d, where, where + " threw " + failure + "; power-down continues", failure);
        }
    }

    /** Whether the restart policy fails a device on a contained fault. */
    boolean failsDeviceOnFault() {
        return restartPolicy.failDeviceOnFault();
    }

    // ---------------------------------------------------------------- faults

    void fault(Fault.Kind kind, DeviceImpl device, String where, String message, Throwable cause) {
        Fault f = new Fault(kind, device == null ? "-" : device.name(), where, message, cause);
        synchronized (faults) {
            faults.add(f);
        }
        if (faultListener != null) {
            try {
                faultListener.onFault(f);
            } catch (RuntimeException e) {
                // A broken listener must not take the dispatch thread down; the fault is recorded.
            }
        }
    }

    /** An exception escaped a driver callback run by the framework (ISR, DPC, work item). */
    void callbackFault(DeviceImpl device, String where, Throwable t) {
        if (t instanceof BugCheckException) {
            return; // reported and scheduled by bugCheck()
        }
        boolean fail = restartPolicy.failDeviceOnFault() && device != null;
        fault(Fault.Kind.CALLBACK_EXCEPTION, device, where, where + " threw " + t
                + (fail ? "; failing the device" : "; reported, the device goes on"), t);
        if (fail) {
            scheduleFail(device);
        }
    }

    /** Records a bug check, schedules the device's failure, and returns the exception to throw. */
    BugCheckException bugCheck(DeviceImpl device, BugCheckCode code, String message, long... params) {
        BugCheckException e = new BugCheckException(code, device.name(), message, params);
        fault(Fault.Kind.BUG_CHECK, device, code.name(), e.getMessage() + "; the device is stopped", e);
        scheduleFail(device);
        return e;
    }

    void nobodyCared(InterruptLine line, int unclaimed, int window) {
        List<InterruptImpl> on;
        synchronized (this) {
            on = new ArrayList<>(line.members);
        }
        String msg = "irq " + line.describe() + ": nobody cared (" + unclaimed + " of " + window
                + " interrupts unclaimed); the line is disabled";
        if (on.isEmpty()) {
            fault(Fault.Kind.NOBODY_CARED, null, line.describe(), msg, null);
        }
        for (InterruptImpl i : on) {
            fault(Fault.Kind.NOBODY_CARED, i.device, i.name(), msg, null);
        }
    }

    /** Fails {@code device} on the {@code irq4j-host} thread, never on the thread that found the fault. */
    void scheduleFail(DeviceImpl device) {
        if (closed) {
            return;
        }
        try {
            management.execute(() -> failDevice(device));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Host closing: the device is being removed anyway.
        }
    }

    private void failDevice(DeviceImpl d) {
        synchronized (d.powerLock) {
            if (d.state != DeviceState.STARTED) {
                return;
            }
            powerDown(d, DevicePowerState.D3);
            releaseHardware(d);
            d.state = DeviceState.FAILED;
            if (d.restarts < restartPolicy.maxRestarts() && !closed) {
                d.restarts++;
                fault(Fault.Kind.RESTART, d, "host", "restarting device '" + d.name() + "' (restart " + d.restarts + " of "
                        + restartPolicy.maxRestarts() + ")", null);
                try {
                    start(d);
                } catch (RuntimeException e) {
                    // start() recorded the failure; the device stays FAILED.
                }
            }
        }
    }

    // ---------------------------------------------------------------- lines and dispatch

    /**
     * Finds or makes the line of {@code resource} and checks the share rules (SPEC 2.2 rule 8). Does
     * not register anything.
     */
    synchronized InterruptLine checkLine(InterruptResource resource, DeviceImpl device, String who) {
        SourceEntry entry = sources.get(resource.source());
        InterruptLine line = entry == null ? null : entry.lines[resource.message()];
        if (line == null) {
            return new InterruptLine(resource);
        }
        if (line.mode != resource.mode()) {
            throw new InterruptConfigException(Reason.RESOURCE_TAKEN, who + ": " + line.describe() + " is " + line.mode
                    + " but resource '" + resource.name() + "' says " + resource.mode() + "; one line has one mode");
        }
        for (InterruptImpl other : line.members) {
            if (!compatible(other.resource.shareDisposition(), other.device, resource.shareDisposition(), device)
                    || !compatible(resource.shareDisposition(), device, other.resource.shareDisposition(), other.device)) {
                throw new InterruptConfigException(Reason.RESOURCE_TAKEN, who + ": " + line.describe()
                        + " is taken by interrupt '" + other.name() + "' of device '" + other.device.name() + "' ("
                        + other.resource.shareDisposition() + ", this one " + resource.shareDisposition()
                        + "); share it with ShareDisposition.SHARED on both sides");
            }
        }
        return line;
    }

    private static boolean compatible(ShareDisposition holder, DeviceImpl holderDevice, ShareDisposition other, DeviceImpl otherDevice) {
        return switch (holder) {
            case SHARED -> true;
            case DEVICE_EXCLUSIVE -> holderDevice == otherDevice;
            case DRIVER_EXCLUSIVE -> holderDevice.driver == otherDevice.driver;
        };
    }

    synchronized void addMember(InterruptLine line, InterruptImpl interrupt) {
        SourceEntry entry = sources.computeIfAbsent(line.source, SourceEntry::new);
        if (entry.lines[line.message] == null) {
            entry.lines[line.message] = line;
        }
        entry.lines[line.message].members.add(interrupt);
    }

    synchronized void removeMembers(List<InterruptImpl> interrupts) {
        for (InterruptImpl i : interrupts) {
            SourceEntry entry = sources.get(i.line.source);
            if (entry == null) {
                continue;
            }
            InterruptLine line = entry.lines[i.line.message];
            if (line != null) {
                line.members.remove(i);
                if (line.members.isEmpty()) {
                    entry.lines[i.line.message] = null;
                }
            }
            if (entry.isEmpty() && entry.dispatcher == null) {
                sources.remove(i.line.source);
            }
        }
    }

    /** Puts the interrupt on its line and starts the source's dispatch loop if it is the first. */
    void connect(InterruptImpl interrupt) {
        SourceDispatcher started;
        SourceEntry entry;
        synchronized (this) {
            entry = sources.get(interrupt.line.source);
            interrupt.line.connect(interrupt);
            interrupt.state = InterruptImpl.CONNECTED;
            entry.connected++;
            if (entry.dispatcher != null) {
                interrupt.applied = entry.dispatcher.applied;
                return;
            }
            InterruptExtendedPolicy policy = interrupt.policy;
            started = new SourceDispatcher(this, interrupt.line.source, entry.lines, interrupt.config.dispatchMode(),
                    interrupt.config.hybridSpinNs(), policy);
            entry.dispatcher = started;
        }
        environment().startDispatcher(started);
        Throwable failure;
        try {
            failure = started.opened.await(OPEN_TIMEOUT_S, TimeUnit.SECONDS) ? started.openFailure
                    : new IllegalStateException("the dispatch loop did not open the source within " + OPEN_TIMEOUT_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        if (failure != null) {
            disconnect(interrupt);
            String msg = "connect of interrupt '" + interrupt.name() + "' failed: source '" + interrupt.line.source.name()
                    + "' did not open: " + failure.getMessage();
            if (failure instanceof UncheckedIOException u) {
                throw new UncheckedIOException(msg, u.getCause());
            }
            throw new IllegalStateException(msg, failure);
        }
        interrupt.applied = started.applied;
    }

    /** Takes the interrupt off its line; stops the source's loop when it was the last. */
    void disconnect(InterruptImpl interrupt) {
        SourceDispatcher stop = null;
        synchronized (this) {
            SourceEntry entry = sources.get(interrupt.line.source);
            interrupt.line.disconnect(interrupt);
            interrupt.state = InterruptImpl.CREATED;
            if (entry != null && --entry.connected == 0) {
                stop = entry.dispatcher;
                entry.dispatcher = null;
            }
        }
        if (stop != null) {
            environment().stopDispatcher(stop);
        }
    }

    /**
     * Delivers, before {@code interrupt} is disabled, every signal its source had when this was
     * called (the {@code synchronize_irq} step of SPEC 2.7's power-down and of disable()). If the
     * dispatch thread does not get through them in time (an ISR blocks), a fault says so and the
     * caller goes on; what was not delivered is then counted in the interrupt's {@code lost}.
     */
    void synchronizeSignals(InterruptImpl interrupt, String call) {
        SourceDispatcher d;
        synchronized (this) {
            SourceEntry entry = sources.get(interrupt.line.source);
            d = entry == null ? null : entry.dispatcher;
        }
        if (d != null && !d.synchronizeSignals(ThreadedEnvironment.STOP_JOIN_MS)) {
            String why = Thread.currentThread().isInterrupted()
                    ? "the calling thread was interrupted while it waited for the dispatch thread of source '"
                    : "the dispatch thread of source '";
            String what = Thread.currentThread().isInterrupted()
                    ? "' to deliver the pending signals"
                    : "' did not deliver the pending signals within " + ThreadedEnvironment.STOP_JOIN_MS + " ms (an ISR blocks?)";
            fault(Fault.Kind.CALLBACK_EXCEPTION, interrupt.device, interrupt.name() + " " + call,
                    call + " of interrupt '" + interrupt.name() + "': " + why + interrupt.line.source.name() + what
                            + "; signals it takes while the interrupt is disabled are counted in lost()", null);
        }
    }

    AppliedPolicy applyPolicy(InterruptExtendedPolicy policy) {
        if (tuner == null) {
            return new AppliedPolicy(0, "default", "not applied: no DispatchThreadTuner found (irq4j-linux provides one)");
        }
        return tuner.applyToCurrentThread(policy);
    }
}
