package io.github.irq4j.internal;

import io.github.irq4j.AppliedPolicy;
import io.github.irq4j.Device;
import io.github.irq4j.DriverCallbackException;
import io.github.irq4j.Fault;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.InterruptInfo;
import io.github.irq4j.InterruptIsr;
import io.github.irq4j.InterruptLockScope;
import io.github.irq4j.InterruptPolicy;
import io.github.irq4j.InterruptPriority;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.InterruptSynchronize;
import io.github.irq4j.Irql;
import io.github.irq4j.SynchronizeRoutine;
import io.github.irq4j.Umdf1Interrupt;
import io.github.irq4j.WdfObject;
import io.github.irq4j.DeviceState;
import io.github.irq4j.spi.DeferredTask.Kind;
import java.util.Objects;

/**
 * The interrupt object ({@code WDFINTERRUPT}).
 *
 * <p>Life cycle ({@link #state}, written by this class only): CREATED (not connected) -> CONNECTED
 * (on its line, ISR not called) -> ENABLED (ISR called) and back. It connects and disconnects
 * itself ({@link #connect}, {@link #disconnect}) when the power sequence or {@code enable()} asks.
 * Every change to and from ENABLED happens holding the interrupt lock, so the ISR, which takes the
 * lock first and checks the state second, never runs on a disabled interrupt.
 */
public final class InterruptImpl extends FrameworkObject implements Interrupt {

    static final int CREATED = 0;
    static final int CONNECTED = 1;
    static final int ENABLED = 2;

    final HostImpl host;
    final DeviceImpl device;
    final InterruptConfig config;
    final InterruptResource resource;
    final InterruptLine line;
    final int messageNumber;
    final boolean passive;
    final LockCore lock;
    private final InterruptIsr isr;
    /** The DPC (or, on a passive interrupt, the work item that runs the DPC callback), or null. */
    final InterruptDeferredCall dpcCall;
    /** The work item, or null. */
    final InterruptDeferredCall workCall;
    /** The acquire site of the ISR's hold of the lock, compared by identity ({@link LockChecks}). */
    final String isrSite;
    /** The lock's acquire site while onEnable (onDisable) runs, else null, by identity (LockChecks); per run, as its frame. Its thread's. */
    String enableSite, disableSite;
    /** The ISR at its level, holding the lock (taken by {@link #runIsr} before it looks at the state). */
    private final CallbackFrame<InterruptImpl> isrFrame;
    private final LockScope scope = new LockScope(this);
    private final LockChecks checks;   // the verifier's checks of the lock methods
    private final Umdf1View umdf1;

    /** CREATED, CONNECTED or ENABLED; changed holding the lock, at PASSIVE, under the device's power lock. */
    private volatile int state = CREATED;
    /** Set by disable(), cleared by enable(), only: power-up leaves the interrupt alone while set. */
    volatile boolean forceDisabled;
    volatile InterruptExtendedPolicy policy;
    volatile AppliedPolicy applied = AppliedPolicy.NONE;

    final IsrCounters counters = new IsrCounters();
    /** What the ISR running now returned; dispatch thread only. */
    private boolean isrClaimed;

    InterruptImpl(HostImpl host, DeviceImpl device, FrameworkObject parent, String name, InterruptConfig config,
                  InterruptResource resource, InterruptLine line, int messageNumber, LockCore lock,
                  FrameworkObject serializationParent) {
        super(name, parent);
        this.host = host;
        this.device = device;
        this.config = config;
        this.resource = resource;
        this.line = line;
        this.messageNumber = messageNumber;
        this.passive = config.passiveHandling();
        this.lock = lock;
        this.isr = config.isr();
        this.policy = config.policy();
        this.isrSite = "ISR of '" + name + "'";
        this.checks = new LockChecks(host.verifier, this, lock, passive);
        this.isrFrame = new CallbackFrame<>(host, device, name, " ISR", "in " + name + " ISR", i -> i.isrClaimed = i.isr.onIsr(i, i.messageNumber), this)
                .atLevel(Levels.PASSIVE) // a spin lock raises it to its synchronize level, read at each run
                .holding(lock, isrSite, false).kind(CallbackFrame.Kind.ISR, name, messageNumber);
        LockCore serialization = serializationParent == null ? null : serializationParent.callbackLock();
        WdfObject associated = config.parentObject() == null ? device : config.parentObject();
        this.dpcCall = config.dpc() == null ? null : new InterruptDeferredCall(this, passive ? Kind.WORK_ITEM : Kind.DPC,
                name + " DPC", config.dpc(), null, serialization, associated);
        this.workCall = config.workItem() == null ? null : new InterruptDeferredCall(this, Kind.WORK_ITEM,
                name + " work item", null, config.workItem(), serialization, associated);
        this.umdf1 = passive ? new Umdf1View(this) : null;
    }

    // ---------------------------------------------------------------- the interrupt lock

    /*
     * Lock protocol. A lock method runs its LockChecks check first (REPORT mode may go on after a
     * violation), takes the lock word and does the holder's bookkeeping (LockCore.heldBy); release
     * undoes it and frees the lock word last (releasedBy), so the next holder sees those fields.
     */

    @Override
    public void acquireLock() {
        Thread self = Thread.currentThread();
        ThreadState ts = lock.stateOf(self);
        if (checks.acquireLock(self, ts)) {
            return; // REPORT mode: recursion reported instead of deadlocking
        }
        String site = checks.callerSite(ts); // a stack walk with site capture: before the lock, not inside its hold
        lock.acquire(self);
        lock.heldBy(ts, site);
    }

    @Override
    public void releaseLock() {
        ThreadState ts = lock.stateOf(Thread.currentThread());
        if (checks.releaseLock(Thread.currentThread(), ts)) {
            lock.releasedBy(ts);
        }
    }

    @Override
    public boolean tryToAcquireLock() {
        Thread self = Thread.currentThread();
        ThreadState ts = lock.stateOf(self);
        if (!passive) {
            checks.tryLockOnSpinInterrupt(ts);
            return false;
        }
        checks.tryToAcquireLock(ts);
        String site = checks.callerSite(ts); // before the lock: a failed try wastes a walk, a hold is not made longer
        if (!lock.tryAcquire(self)) {
            return false; // held, by another thread or by this one: tryAcquire takes only a free word
        }
        lock.heldBy(ts, site);
        return true;
    }

    @Override
    public InterruptLockScope acquireLockScope() {
        acquireLock();
        return scope;
    }

    @Override
    public boolean synchronize(InterruptSynchronize callback) {
        Objects.requireNonNull(callback, "callback");
        lockForSynchronize("synchronize()");
        try {
            return callback.onSynchronize(this);
        } finally {
            releaseLock();
        }
    }

    @Override
    public <T> boolean synchronizeExecution(SynchronizeRoutine<T> routine, T context) {
        Objects.requireNonNull(routine, "routine");
        lockForSynchronize("synchronizeExecution()");
        try {
            return routine.run(context);
        } finally {
            releaseLock();
        }
    }

    private void lockForSynchronize(String call) {
        Thread self = Thread.currentThread();
        ThreadState ts = lock.stateOf(self);
        checks.synchronize(self, ts, call);
        String site = checks.callerSite(ts);
        lock.acquire(self);
        lock.heldBy(ts, site);
    }

    @Override
    public Irql acquireSpinLock() {
        Thread self = Thread.currentThread();
        ThreadState ts = lock.stateOf(self);
        if (passive) {
            throw checks.spinLockOnPassive(ts, messageNumber);
        }
        if (checks.acquireSpinLock(self, ts)) {
            return Irql.of(ts.irql); // REPORT mode: recursion reported instead of deadlocking
        }
        int old = ts.irql;
        String site = checks.callerSite(ts);
        lock.acquire(self);
        lock.heldBy(ts, site);
        return Irql.of(old);
    }

    @Override
    public void releaseSpinLock(Irql oldIrql) {
        Objects.requireNonNull(oldIrql, "oldIrql");
        ThreadState ts = lock.stateOf(Thread.currentThread());
        if (checks.releaseSpinLock(Thread.currentThread(), ts, oldIrql)) {
            lock.releasedBy(ts);
        }
    }

    /** Whether the ISR is called (ENABLED); for the verifier's {@code InterruptLockNotEnabled}. */
    boolean isEnabled() {
        return state == ENABLED;
    }

    /** Whether a driver disabled the interrupt or it is connected but not enabled, as opposed to not yet enabled. */
    boolean wasDisabled() {
        return forceDisabled || state == CONNECTED;
    }

    // ---------------------------------------------------------------- the ISR

    /** Runs the ISR on the dispatch thread, holding the lock; returns whether it claimed. Its frame contains faults. */
    boolean runIsr(ThreadState ts) {
        LockCore l = lock;
        l.acquire(Thread.currentThread());
        if (state != ENABLED) {
            l.release();
            counters.droppedWhileDisabled();
            return false;
        }
        counters.isrCalls++;
        isrClaimed = false;
        l.isrSite = isrSite; // the frame records it as the acquire site: the lock is then held in ISR context (LockOrder)
        isrFrame.run(ts);
        if (isrClaimed) {
            counters.claimed++;
        }
        return isrClaimed;
    }

    // ---------------------------------------------------------------- deferred work

    @Override
    public boolean queueDpcForIsr() {
        return InterruptDeferredCall.configured(dpcCall, this, "queueDpcForIsr()", "DPC", "dpc").enqueue();
    }

    @Override
    public boolean queueWorkItemForIsr() {
        return InterruptDeferredCall.configured(workCall, this, "queueWorkItemForIsr()", "work-item", "workItem").enqueue();
    }

    /** Waits until queued DPCs and work items have run; under a stop's budget until its deadline (SPEC 4.2). */
    void flushDeferred() {
        StopBudget.flush(host, device, dpcCall);
        StopBudget.flush(host, device, workCall);
    }

    // ---------------------------------------------------------------- enable and disable

    @Override
    public void enable() {
        checks.passiveOnly(ThreadState.current(), "enable()");
        synchronized (device.powerLock) {
            forceDisabled = false;
            if (device.state() != DeviceState.STARTED || state == ENABLED) {
                return;
            }
            if (state == CREATED) {
                connect();
            }
            doEnable();
        }
        line.rearmAfterEnable();
    }

    @Override
    public void disable() {
        checks.passiveOnly(ThreadState.current(), "disable()");
        synchronized (device.powerLock) {
            forceDisabled = true;
            if (state == ENABLED) {
                host.lines.deliverPending(this, "disable()");
                doDisable();
            }
        }
        flushDeferred();
    }

    // ---------------------------------------------------------------- connect and disconnect

    /**
     * Puts the interrupt on its line; the source's first connected interrupt starts its dispatch
     * loop and waits for it to open the source. CREATED to CONNECTED. At PASSIVE, under the
     * device's power lock.
     *
     * @throws java.io.UncheckedIOException or IllegalStateException if the source did not open;
     *         the interrupt is disconnected again
     */
    void connect() {
        LineRegistry.Joined joined = host.lines.join(this);
        state = CONNECTED;
        SourceDispatcher d = joined.dispatcher();
        if (!joined.mustStart()) {
            applied = d.applied;
            return;
        }
        Throwable failure = d.startAndAwaitOpen(host.environment(), HostImpl.OPEN_TIMEOUT_S);
        if (failure != null) {
            disconnect();
            throw SourceDispatcher.openFailed("connect of interrupt '" + name() + "'", line.source, failure);
        }
        applied = d.applied;
    }

    /** Takes the interrupt off its line; the last one stops the source's loop. To CREATED. Under the power lock. */
    void disconnect() {
        SourceDispatcher stop = host.lines.leave(this);
        state = CREATED;
        if (stop != null) {
            stop.stopIn(host.environment(), device, name());
        }
    }

    /** The interrupt's part of SPEC 2.7 power-down: deliver what is pending, disable, flush its deferred work, disconnect. */
    void powerDown() {
        if (state == ENABLED) {
            host.lines.deliverPending(this, "stop");
            doDisable();
        }
        flushDeferred();
        if (state != CREATED) {
            disconnect();
        }
    }

    /**
     * Calls onEnable holding the lock and marks the interrupt enabled. Connected, not enabled, at
     * PASSIVE, under the device's power lock.
     *
     * @throws DriverCallbackException if onEnable threw; the interrupt stays connected
     */
    void doEnable() {
        String site = name() + " onEnable";
        enableSite = site;
        Throwable failure = runHoldingLock(site, true, InterruptImpl::callOnEnable);
        if (failure != null) {
            host.faultLog.record(Fault.Kind.CALLBACK_EXCEPTION, device, site,
                    "onEnable threw " + failure + "; the interrupt stays connected but not enabled", failure);
            throw new DriverCallbackException("onEnable", "onEnable of interrupt '" + name() + "' failed: " + failure
                    + "; the interrupt stays connected but not enabled", failure);
        }
    }

    /** Calls onDisable holding the lock and marks the interrupt not enabled; a failure is reported. */
    void doDisable() {
        String site = name() + " onDisable";
        if (!StopBudget.acquire(host, device, lock, site)) {
            state = CONNECTED; // reported by acquire: a live holder kept the lock past the stop timeout
            return;
        }
        disableSite = site;
        Throwable failure = runHoldingLock(site, false, InterruptImpl::callOnDisable); // taken (bounded) by acquire above
        if (failure != null) {
            host.faultLog.record(Fault.Kind.CALLBACK_EXCEPTION, device, site,
                    "onDisable threw " + failure + "; the interrupt is disabled anyway", failure);
        }
    }

    /** onEnable's (onDisable's) frame, made per run, at the caller's level holding the lock as {@code site}; returns what it threw. */
    private Throwable runHoldingLock(String site, boolean takes, CallbackFrame.Body<InterruptImpl> body) {
        try {
            return new CallbackFrame<>(host, device, site, body, this).holding(lock, site, takes).returningFaults().run(ThreadState.current());
        } finally {
            enableSite = disableSite = null;
        }
    }

    /** The body of onEnable's frame: the interrupt is enabled once onEnable returned. */
    private void callOnEnable() throws Exception {
        if (config.onEnable() != null) {
            config.onEnable().onEnable(this, device);
        }
        state = ENABLED;
    }

    /** The body of onDisable's frame: the interrupt is not enabled before onDisable runs. */
    private void callOnDisable() throws Exception {
        state = CONNECTED;
        if (config.onDisable() != null) {
            config.onDisable().onDisable(this, device);
        }
    }

    // ---------------------------------------------------------------- info, policy, device

    @Override
    public InterruptInfo getInfo() {
        checks.atMostDispatch(ThreadState.current(), "getInfo()");
        InterruptResource r = resource;
        return new InterruptInfo(r.vector(), messageNumber, passive ? Irql.PASSIVE : Irql.of(lock.syncIrql), r.mode(),
                r.polarity(), r.messageSignaled(), r.shareDisposition(), r.targetProcessorSet(), 0, policy, applied);
    }

    @Override
    public void setPolicy(InterruptPolicy policy, InterruptPriority priority, long targetProcessorSet) {
        if (policy == null || priority == null) {
            Policies.check("setPolicy() on '" + name() + "'", null);
        }
        setExtendedPolicy(new InterruptExtendedPolicy(policy, priority, targetProcessorSet, 0));
    }

    @Override
    public void setExtendedPolicy(InterruptExtendedPolicy policy) {
        checks.passiveOnly(ThreadState.current(), "setExtendedPolicy()");
        Policies.check("setExtendedPolicy() on '" + name() + "'", policy);
        this.policy = policy;
    }

    @Override
    public Device getDevice() {
        return device;
    }

    @Override
    public boolean isPassive() {
        return passive;
    }

    @Override
    public InterruptStatistics statistics() {
        return counters.snapshot(isrFrame.faults(), resource.source().lostSignals(resource.message()) + line.dropped, dpcCall, workCall);
    }

    @Override
    public Umdf1Interrupt asUmdf1() {
        if (umdf1 == null) {
            throw new IllegalStateException("'" + name() + "' is a spin-lock interrupt; the UMDF 1 view (IWDFInterrupt) "
                    + "exists for passive interrupts only: create it with passiveHandling(true)");
        }
        return umdf1;
    }

    @Override
    public void delete() {
        throw new IllegalStateException("interrupt '" + name() + "' cannot be deleted by the driver; it goes away with its device '"
                + device.name() + "'");
    }
}
