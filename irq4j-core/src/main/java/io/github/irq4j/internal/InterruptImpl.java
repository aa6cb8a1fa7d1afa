package io.github.irq4j.internal;

import io.github.irq4j.AppliedPolicy;
import io.github.irq4j.BugCheckCode;
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
import io.github.irq4j.Rule;
import io.github.irq4j.SynchronizeRoutine;
import io.github.irq4j.Umdf1Interrupt;
import io.github.irq4j.WdfObject;
import io.github.irq4j.spi.DeferredTask.Kind;
import java.util.Objects;

/**
 * The interrupt object.
 *
 * <p>Life cycle ({@link #state}): CREATED (not connected) -> CONNECTED (on its line, ISR not
 * called) -> ENABLED (ISR called) and back. Every change of state happens holding the interrupt
 * lock, so the ISR, which takes the lock first and checks the state second, never runs on a
 * disabled interrupt.
 */
public final class InterruptImpl extends FrameworkObject implements Interrupt {

    /*
     * Lock protocol, for acquireLock():
     *  1. With the verifier on, check recursion (owner == self), the enabled state, the level and
     *     the arbitrary-thread rule; each failure reports and, in THROW mode, throws.
     *  2. Take the lock word (spin or wait), then, as its holder, record the saved level and the
     *     acquire site in the lock, raise the level (spin) or enter a critical region (passive), and
     *     push the lock on the thread's held list.
     * releaseLock() undoes step 2 in reverse order and frees the lock word last, so the next holder
     * sees the fields written by this one.
     */

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
    private final String isrSite;
    private final String isrWhere;
    /** The callback sites of the ISR, onEnable and onDisable, preformatted for {@link ThreadState#callbackSite}. */
    private final String isrCallbackSite;
    private final String enableCallbackSite;
    private final String disableCallbackSite;
    private final Scope scope = new Scope();
    private final Umdf1View umdf1;

    /** CREATED, CONNECTED or ENABLED; changed holding the lock, at PASSIVE, under the device's power lock. */
    volatile int state = CREATED;
    /** Set by disable(), cleared by enable(): power-up leaves the interrupt alone while set. */
    volatile boolean forceDisabled;
    volatile InterruptExtendedPolicy policy;
    volatile AppliedPolicy applied = AppliedPolicy.NONE;

    // Written by the dispatch thread only; read racily by statistics().
    long signals;
    long coalesced;
    long isrCalls;
    long claimed;
    long isrFaults;
    /** Signals its line delivered while it was connected but not enabled: its ISR did not run. */
    long droppedWhileDisabled;
    /** The value of {@code signals} when a signal was last counted as dropped: a shared edge line runs several passes per signal. */
    private long droppedAtSignal;

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
        this.isrWhere = name + " ISR";
        this.isrCallbackSite = "in " + isrWhere;
        this.enableCallbackSite = "in " + name + " onEnable";
        this.disableCallbackSite = "in " + name + " onDisable";
        LockCore serialization = serializationParent == null ? null : serializationParent.callbackLock();
        WdfObject associated = config.parentObject() == null ? device : config.parentObject();
        if (config.dpc() != null) {
            this.dpcCall = new InterruptDeferredCall(this, passive ? Kind.WORK_ITEM : Kind.DPC, name + " DPC",
                    config.dpc(), null, serialization, associated);
        } else {
            this.dpcCall = null;
        }
        if (config.workItem() != null) {
            this.workCall = new InterruptDeferredCall(this, Kind.WORK_ITEM, name + " work item",
                    null, config.workItem(), serialization, associated);
        } else {
            this.workCall = null;
        }
        this.umdf1 = passive ? new Umdf1View(this) : null;
    }

    /** The level a holder of this interrupt's lock runs at. */
    int lockIrql() {
        return passive ? 0 : lock.syncIrql;
    }

    // ---------------------------------------------------------------- the interrupt lock

    @Override
    public void acquireLock() {
        Thread self = Thread.currentThread();
        ThreadState ts = ThreadState.current();
        Verifier v = host.verifier;
        if (v.on) {
            if (heldByCaller(self, ts, "acquireLock()", "already held by this thread",
                    "call releaseLock() first; the interrupt lock is not recursive")) {
                return; // REPORT mode: reported instead of deadlocking
            }
            checkEnabled(ts, "acquireLock()");
            if (passive) {
                if (ts.irql != 0) {
                    v.violation(Rule.IRQL_TOO_HIGH, name(), ts.irql, 0, null,
                            "acquireLock() on passive interrupt '" + name() + "'", "called at " + Irql.of(ts.irql),
                            "take a passive interrupt's lock at PASSIVE only, e.g. from a work item");
                }
                if (ts.arbitraryDepth > 0) {
                    v.violation(Rule.INTERRUPT_LOCK_ARBITRARY_THREAD, name(), ts.irql, 0, null,
                            "acquireLock() on passive interrupt '" + name() + "'", "called from an arbitrary-thread (I/O queue) callback",
                            "use tryToAcquireLock() and hand the work to a work item when it returns false (as in WdfInterruptTryToAcquireLock's example)");
                }
            } else if (ts.irql > lock.syncIrql) {
                v.violation(Rule.IRQL_TOO_HIGH, name(), ts.irql, lock.syncIrql, null,
                        "acquireLock() on '" + name() + "'", "called at " + Irql.of(ts.irql) + ", above its synchronize level",
                        "take the lock at or below " + Irql.of(lock.syncIrql));
            }
        }
        lock.acquire(self);
        held(ts, v.callerSite(ts));
    }

    /**
     * Verifier check before an acquire: reports {@code WdfInterruptLock} if the caller already holds
     * the lock. Returns whether it does (REPORT mode then goes on without acquiring again).
     */
    private boolean heldByCaller(Thread self, ThreadState ts, String call, String found, String fix) {
        if (lock.owner() != self) {
            return false;
        }
        host.verifier.violation(Rule.WDF_INTERRUPT_LOCK, name(), ts.irql, lockIrql(), lock.acquiredAt,
                call + " on '" + name() + "'", found, fix);
        return true;
    }

    /**
     * Verifier check before a release: reports {@code WdfInterruptLock} unless the caller holds the
     * lock. Returns whether it does.
     */
    private boolean ownedForRelease(Thread self, ThreadState ts, String call, String acquireCall) {
        Thread owner = lock.owner();
        if (owner == self) {
            return true;
        }
        host.verifier.violation(Rule.WDF_INTERRUPT_LOCK, name(), ts.irql, lockIrql(), null, call + " on '" + name() + "'",
                owner == null ? "without " + acquireCall : "held by another thread, not this one",
                "release only a lock this thread acquired; acquire and release must alternate");
        return false;
    }

    /** Bookkeeping right after this thread took the lock word. */
    private void held(ThreadState ts, String site) {
        LockCore l = lock;
        l.savedIrql = ts.irql;
        l.acquiredAt = site;
        if (!passive && l.syncIrql > ts.irql) {
            ts.irql = l.syncIrql;
        }
        ts.push(l);
    }

    private void checkEnabled(ThreadState ts, String call) {
        if (state != ENABLED && ts.deferredOwner != this) {
            host.verifier.violation(Rule.INTERRUPT_LOCK_NOT_ENABLED, name(), ts.irql, ts.irql, null,
                    call + " on '" + name() + "'",
                    forceDisabled || state == CONNECTED ? "after the interrupt was disabled" : "before the interrupt was enabled",
                    "take the interrupt lock only between onEnable and onDisable");
        }
    }

    @Override
    public void releaseLock() {
        Thread self = Thread.currentThread();
        ThreadState ts = ThreadState.current();
        Verifier v = host.verifier;
        if (v.on) {
            if (!ownedForRelease(self, ts, "releaseLock()", "acquireLock()")) {
                return;
            }
            if (lock.acquiredAt == isrSite) {
                v.violation(Rule.WDF_INTERRUPT_LOCK, name(), ts.irql, lockIrql(), isrSite,
                        "releaseLock() on '" + name() + "'", "inside its ISR, which holds the lock for the framework",
                        "do not release the interrupt lock in the ISR");
                return;
            }
        }
        unheld(ts);
    }

    /** Undoes {@link #held}, then frees the lock word. */
    private void unheld(ThreadState ts) {
        LockCore l = lock;
        ts.remove(l);
        ts.irql = l.savedIrql;
        l.acquiredAt = null;
        l.release();
    }

    @Override
    public boolean tryToAcquireLock() {
        Thread self = Thread.currentThread();
        ThreadState ts = ThreadState.current();
        Verifier v = host.verifier;
        if (!passive) {
            if (v.on) {
                v.violation(Rule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY, name(), ts.irql, ts.irql, null,
                        "tryToAcquireLock() on '" + name() + "'", "which is a spin-lock (DIRQL) interrupt",
                        "use acquireLock() or synchronize(); tryToAcquireLock() is for passive interrupts");
            }
            return false;
        }
        if (v.on) {
            if (ts.irql != 0) {
                v.violation(Rule.IRQL_TOO_HIGH, name(), ts.irql, 0, null,
                        "tryToAcquireLock() on '" + name() + "'", "called at " + Irql.of(ts.irql),
                        "call it at PASSIVE only");
            }
            checkEnabled(ts, "tryToAcquireLock()");
        }
        if (lock.owner() == self || !lock.tryAcquire(self)) {
            return false;
        }
        held(ts, v.callerSite(ts));
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
        ThreadState ts = ThreadState.current();
        Verifier v = host.verifier;
        if (v.on) {
            int max = passive ? 0 : 2;
            heldByCaller(self, ts, call, "while this thread holds the interrupt lock",
                    "release the lock before synchronizing; the lock is not recursive");
            if (ts.irql > max) {
                v.violation(Rule.IRQL_TOO_HIGH, name(), ts.irql, max, null,
                        call + " on '" + name() + "'", "called at " + Irql.of(ts.irql),
                        "call it at or below " + Irql.of(max));
            }
        }
        lock.acquire(self);
        held(ts, v.callerSite(ts));
    }

    @Override
    public Irql acquireSpinLock() {
        Thread self = Thread.currentThread();
        ThreadState ts = ThreadState.current();
        if (passive) {
            throw host.bugCheck(device, BugCheckCode.INTERRUPT_SPIN_LOCK_ON_PASSIVE_INTERRUPT,
                    "acquireSpinLock() (KeAcquireInterruptSpinLock) on passive interrupt '" + name()
                            + "', which has no spin lock (rule " + Rule.INTERRUPT_SPIN_LOCK_PASSIVE.id()
                            + "); use acquireLock() at PASSIVE", ts.irql, messageNumber, 0, 0);
        }
        Verifier v = host.verifier;
        if (v.on) {
            if (heldByCaller(self, ts, "acquireSpinLock()", "already held by this thread",
                    "call releaseSpinLock(oldIrql) first; the spin lock is not recursive")) {
                return Irql.of(ts.irql);
            }
            if (ts.irql > lock.syncIrql) {
                v.violation(Rule.IRQL_TOO_HIGH, name(), ts.irql, lock.syncIrql, null,
                        "acquireSpinLock() on '" + name() + "'", "called at " + Irql.of(ts.irql) + ", above its synchronize level",
                        "call it at or below " + Irql.of(lock.syncIrql));
            }
        }
        int old = ts.irql;
        lock.acquire(self);
        held(ts, v.callerSite(ts));
        return Irql.of(old);
    }

    @Override
    public void releaseSpinLock(Irql oldIrql) {
        Objects.requireNonNull(oldIrql, "oldIrql");
        Thread self = Thread.currentThread();
        ThreadState ts = ThreadState.current();
        Verifier v = host.verifier;
        if (v.on) {
            if (!ownedForRelease(self, ts, "releaseSpinLock()", "acquireSpinLock()")) {
                return;
            }
            if (oldIrql.value() != lock.savedIrql) {
                v.violation(Rule.INTERRUPT_SPIN_LOCK_PASSIVE, name(), ts.irql, lock.savedIrql, lock.acquiredAt,
                        "releaseSpinLock(" + oldIrql + ") on '" + name() + "'",
                        "given a level acquireSpinLock() did not return (it returned " + Irql.of(lock.savedIrql) + ")",
                        "pass the value acquireSpinLock() returned; the returned level is restored");
            }
        }
        unheld(ts);
    }

    // ---------------------------------------------------------------- the ISR

    /**
     * Runs the ISR on the dispatch thread, holding the lock. Returns whether it claimed. Contains
     * every exception but a {@link VirtualMachineError}.
     */
    boolean runIsr(ThreadState ts) {
        Thread self = Thread.currentThread();
        LockCore l = lock;
        l.acquire(self);
        if (state != ENABLED) {
            l.release();
            if (droppedAtSignal != signals) {
                droppedAtSignal = signals;
                droppedWhileDisabled++;
            }
            return false;
        }
        int saved = ts.irql;
        l.savedIrql = saved;
        l.acquiredAt = isrSite;
        ts.irql = passive ? 0 : l.syncIrql;
        int heldBefore = ts.heldCount;
        ts.push(l);
        String previousSite = ts.callbackSite;
        ts.callbackSite = isrCallbackSite;
        isrCalls++;
        boolean result = false;
        try {
            result = isr.onIsr(this, messageNumber);
        } catch (VirtualMachineError e) {
            isrFaults++;
            host.callbackFault(device, isrWhere, e);
            throw e;
        } catch (Throwable t) {
            isrFaults++;
            host.callbackFault(device, isrWhere, t);
        } finally {
            host.checkCallbackExit(ts, heldBefore + 1, device, isrWhere);
            if (l.owner() == self) {
                ts.remove(l);
                l.acquiredAt = null;
                l.release();
            }
            ts.irql = saved;
            ts.callbackSite = previousSite;
        }
        if (result) {
            claimed++;
        }
        return result;
    }

    // ---------------------------------------------------------------- deferred work

    @Override
    public boolean queueDpcForIsr() {
        InterruptDeferredCall c = dpcCall;
        if (c == null) {
            throw new IllegalStateException("queueDpcForIsr() on '" + name()
                    + "': no DPC callback configured; set InterruptConfig.Builder.dpc(...)");
        }
        return c.enqueue();
    }

    @Override
    public boolean queueWorkItemForIsr() {
        InterruptDeferredCall c = workCall;
        if (c == null) {
            throw new IllegalStateException("queueWorkItemForIsr() on '" + name()
                    + "': no work-item callback configured; set InterruptConfig.Builder.workItem(...)");
        }
        return c.enqueue();
    }

    /** Waits until queued DPCs and work items have run. */
    void flushDeferred() {
        if (dpcCall != null) {
            dpcCall.flush();
        }
        if (workCall != null) {
            workCall.flush();
        }
    }

    // ---------------------------------------------------------------- enable and disable

    @Override
    public void enable() {
        requirePassiveLevel("enable()");
        device.enableInterrupt(this);
    }

    @Override
    public void disable() {
        requirePassiveLevel("disable()");
        device.disableInterrupt(this);
    }

    /**
     * Calls onEnable holding the lock and marks the interrupt enabled. Connected, not enabled, at
     * PASSIVE, under the device's power lock.
     *
     * @throws DriverCallbackException if onEnable threw; the interrupt stays connected
     */
    void doEnable() {
        Throwable failure = runEnableCallback(true);
        if (failure != null) {
            host.fault(Fault.Kind.CALLBACK_EXCEPTION, device, name() + " onEnable",
                    "onEnable threw " + failure + "; the interrupt stays connected but not enabled", failure);
            throw new DriverCallbackException("onEnable", "onEnable of interrupt '" + name() + "' failed: " + failure
                    + "; the interrupt stays connected but not enabled", failure);
        }
    }

    /** Calls onDisable holding the lock and marks the interrupt not enabled; a failure is reported. */
    void doDisable() {
        Throwable failure = runEnableCallback(false);
        if (failure != null) {
            host.fault(Fault.Kind.CALLBACK_EXCEPTION, device, name() + " onDisable",
                    "onDisable threw " + failure + "; the interrupt is disabled anyway", failure);
        }
    }

    private Throwable runEnableCallback(boolean enabling) {
        Thread self = Thread.currentThread();
        ThreadState ts = ThreadState.current();
        String where = name() + (enabling ? " onEnable" : " onDisable");
        lock.acquire(self);
        int heldBefore = ts.heldCount;
        held(ts, where);
        String previousSite = ts.callbackSite;
        ts.callbackSite = enabling ? enableCallbackSite : disableCallbackSite;
        Throwable failure = null;
        try {
            if (enabling) {
                if (config.onEnable() != null) {
                    config.onEnable().onEnable(this, device);
                }
                state = ENABLED;
            } else {
                state = CONNECTED;
                if (config.onDisable() != null) {
                    config.onDisable().onDisable(this, device);
                }
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            failure = t;
        } finally {
            host.checkCallbackExit(ts, heldBefore + 1, device, where);
            if (lock.owner() == self) {
                unheld(ts);
            }
            ts.callbackSite = previousSite;
        }
        return failure;
    }

    private void requirePassiveLevel(String call) {
        ThreadState ts = ThreadState.current();
        if (ts.irql != 0 && host.verifier.on) {
            host.verifier.violation(Rule.IRQL_TOO_HIGH, name(), ts.irql, 0, null,
                    call + " on '" + name() + "'", "called at " + Irql.of(ts.irql), "call it at PASSIVE only");
        }
    }

    // ---------------------------------------------------------------- info, policy, device

    @Override
    public InterruptInfo getInfo() {
        ThreadState ts = ThreadState.current();
        if (ts.irql > 2 && host.verifier.on) {
            host.verifier.violation(Rule.IRQL_TOO_HIGH, name(), ts.irql, 2, null,
                    "getInfo() on '" + name() + "'", "called at " + Irql.of(ts.irql), "call it at or below DISPATCH");
        }
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
        requirePassiveLevel("setExtendedPolicy()");
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
        return new InterruptStatistics(signals, isrCalls, claimed, isrFaults, coalesced,
                resource.source().lostSignals(resource.message()) + droppedWhileDisabled + line.dropped,
                dpcCall == null ? 0 : dpcCall.queuedCount(), dpcCall == null ? 0 : dpcCall.runCount(),
                workCall == null ? 0 : workCall.queuedCount(), workCall == null ? 0 : workCall.runCount());
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

    /** The try-with-resources form of the lock: one per interrupt, reused. */
    public final class Scope implements InterruptLockScope {
        private Scope() {
        }

        @Override
        public void close() {
            releaseLock();
        }
    }
}
