package io.github.irq4j.internal;

import io.github.irq4j.Fault;
import io.github.irq4j.Rule;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.Violation;
import io.github.irq4j.internal.event.FrameEvents;
import io.github.irq4j.internal.event.RecordingGuard;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The frame every framework callback into a driver runs in, WDF's {@code CallbackStart()} /
 * {@code CallbackEnd()} pair: the ISR, DPCs, work items, request delivery and cancel callbacks,
 * {@code onEnable}/{@code onDisable} and the PnP/power callbacks of the host's sequences. One
 * object describes one call site (its device, its name for messages, its level, the lock the
 * framework holds for it, how its faults are contained) and carries the body and its target, so
 * {@link #run} takes no lambda and allocates nothing.
 *
 * <p>{@link #run} does, in this order:
 * <ol>
 * <li><b>enter</b>: saves the thread's level, arbitrary-thread depth, callback site and deferred
 *     owner; takes the frame's lock unless the caller already did (the ISR looks at the
 *     interrupt's state under it first), recording the level before the frame as the lock's saved
 *     level and {@code lockSite} as its acquire site; sets the frame's level (or keeps the
 *     caller's) and raises it to the lock's synchronize level for a spin lock; sets the
 *     arbitrary-thread depth, the callback site ({@code "in uart0 DPC"}) and the deferred owner.</li>
 * <li><b>run</b> the body.</li>
 * <li><b>contain</b>: a {@link Throwable} from the body is counted in {@link #faults()}. A
 *     {@link Containment#REPORT} frame reports it ({@link HostImpl#callbackFault}: a fault record,
 *     and the device's failure under the restart policy) and returns it; a
 *     {@link Containment#RETURN} frame returns it unreported for its caller to word. A
 *     {@link VirtualMachineError} is reported the same way and then rethrown.</li>
 * <li><b>leave</b>, also when the body threw: every lock the body took and still holds is reported
 *     (rule {@code WdfInterruptLockRelease}) and released, so the ISR can run again; the frame's
 *     lock is released if the thread still holds it; the thread's fields are restored.</li>
 * </ol>
 *
 * <p>Invariant: one run at a time per frame object. Every site guarantees it: an ISR frame runs
 * under its interrupt lock, {@code onEnable}/{@code onDisable} and PnP frames under the device's
 * power lock (or before the device is visible), the runs of one deferred call never overlap, a
 * cancel callback runs at most once. So the saved fields live in the frame, not on a per-thread
 * stack; they are written and read by the running thread only.
 *
 * <p><b>Timing and events</b> (SPEC 4.4, 4.5) are here, for every framework callback at once.
 * {@code enter} ends by making the frame's {@link #run} sequence odd (the run's number) and putting
 * the frame in the thread's {@code watchFrame} slot (opaque stores the host's
 * {@link CallbackWatchdog} samples), then the {@link FrameEvents} {@code begin()}. No clock is read:
 * the watchdog times a run from the tick that first sees its number, so the ISR's first instruction
 * does not wait for a {@link System#nanoTime()} (tens of ns on {@code kvm-clock}). {@code leave}
 * ends the events, gives the slot back to the enclosing frame (a nested frame hides it only while
 * it runs; each frame keeps its own sighting), makes the sequence even, and reports the run's
 * duration if the watchdog reported it. The event calls are guarded by
 * {@link RecordingGuard#recording()}, a constant in compiled code: with no recording they are dead
 * code and the frame has no event objects; the first run under one makes them, later runs reuse them.
 *
 * @param <T> the type of the body's target
 */
final class CallbackFrame<T> {

    private static final VarHandle RUN;
    private static final VarHandle WATCH_FRAME;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RUN = l.findVarHandle(CallbackFrame.class, "run", long.class);
            WATCH_FRAME = l.findVarHandle(ThreadState.class, "watchFrame", CallbackFrame.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        RecordingGuard.init(); // its JFR listener is registered with the first frame, not in the first run
    }

    /** Which watchdog threshold and which JFR event a frame has (SPEC 4.4, 4.5). */
    enum Kind {
        ISR, DPC, WORK_ITEM, REQUEST, OTHER
    }

    /** The level a frame runs its callback at when it keeps the caller's. */
    static final int KEEP_LEVEL = -1;

    /** The body of a callback: one call into the driver, on {@code target}. */
    @FunctionalInterface
    interface Body<T> {
        void call(T target) throws Throwable;
    }

    /** What the frame does with a throwable from its body. */
    enum Containment {
        /** Report it as a callback fault (the device may be failed) and return it. */
        REPORT,
        /** Return it to the caller, who reports it in its own words; a VM error is rethrown unreported. */
        RETURN
    }

    /** How the frame marks the thread for rule {@code InterruptLockArbitraryThread}. */
    enum Arbitrary {
        /** Leaves the caller's mark (ISR, enable/disable, PnP). */
        INHERIT,
        /** Not an arbitrary-thread callback, whatever the caller was (DPC, work item). */
        CLEAR,
        /** An arbitrary-thread callback (I/O queue callbacks, request cancel). */
        ENTER
    }

    private final HostImpl host;
    private final DeviceImpl device;
    /**
     * The callback as faults name it, {@code "uart0 DPC"}: {@code whereName} followed by
     * {@code whereSuffix} (null: none), joined by {@link #where()} when a fault, the watchdog or a
     * recording first needs it, so a frame keeps one string for it that exists anyway (the
     * interrupt's name), not a string of its own.
     */
    private final String whereName;
    private final String whereSuffix;
    /** The callback as lock sites name it: {@code "in uart0 DPC"}; preformatted, so recording it allocates nothing. */
    private final String site;
    private final Body<? super T> body;
    private final T target;

    // The description, set by the withers below before the frame is published, then only read.
    private int level = KEEP_LEVEL;
    private Arbitrary arbitrary = Arbitrary.INHERIT;
    private boolean setsOwner;
    private InterruptImpl owner;
    private LockCore lock;
    private String lockSite;
    private boolean takesLock;
    private Containment containment = Containment.REPORT;
    private Kind kind = Kind.OTHER;
    private String interruptName;
    private int message;
    /**
     * The frame's JFR events, made by the first run under a recording (the runner's; one run at a
     * time), or null; dropped by the withers that change what they name.
     */
    private FrameEvents events;
    /** Whether the frame emits JFR events at all; set by the withers. */
    private boolean emitsEvents;
    /** The host's watchdog, or null when it is disabled: then the frame numbers no runs. */
    private final CallbackWatchdog watchdog;

    // The run in progress: written and read by the running thread (one run at a time, see above).
    private int savedIrql;
    private int savedArbitraryDepth;
    private String savedCallbackSite;
    private InterruptImpl savedOwner;
    private int expectedHeld;
    /** Throwables contained so far; written by the running thread, read racily by statistics. */
    private long faults;
    /** The enclosing frame in the thread's watch slot, given back at leave. */
    private CallbackFrame<?> savedWatch;
    /** The run sequence: odd during a run (its number), even between; the runner's opaque writes, the watchdog reads it. */
    private long run;
    /** The run the watchdog first saw running, negated once it reported it as an overrun; 0 before any; the watchdog's writes. */
    volatile long watched;
    /** When ({@link System#nanoTime()}) the watchdog first saw run {@link #watched}; written before it, by the watchdog. */
    long watchedSinceNs;

    /**
     * A frame that keeps the caller's level and arbitrary-thread mark, holds no lock and reports
     * its faults; the withers change that before the frame is used.
     *
     * @param where the callback as faults name it, such as {@code "uart0 DPC"}
     */
    CallbackFrame(HostImpl host, DeviceImpl device, String where, Body<? super T> body, T target) {
        this(host, device, where, null, "in " + where, body, target);
    }

    /**
     * A frame named {@code whereName + whereSuffix} for faults (joined only when one needs it), with
     * {@code site} as its callback site; {@code site} must read {@code "in " + whereName + whereSuffix}.
     */
    CallbackFrame(HostImpl host, DeviceImpl device, String whereName, String whereSuffix, String site, Body<? super T> body,
                  T target) {
        this.host = host;
        this.device = device;
        this.whereName = whereName;
        this.whereSuffix = whereSuffix;
        this.site = site;
        this.body = body;
        this.target = target;
        this.watchdog = host.watchdog;
    }

    /** Runs the callback at {@code level} (a {@link Levels} value). */
    CallbackFrame<T> atLevel(int level) {
        this.level = level;
        return this;
    }

    CallbackFrame<T> arbitrary(Arbitrary mark) {
        this.arbitrary = mark;
        if (mark == Arbitrary.ENTER && kind == Kind.OTHER) {
            kind = Kind.REQUEST; // an arbitrary-thread callback is an I/O request's (delivery or cancel)
        }
        return this;
    }

    /**
     * What the callback is, for the watchdog's threshold and the JFR event: an ISR, DPC or work
     * item of {@code interrupt} (null: a work item of no interrupt), message number {@code message}.
     */
    CallbackFrame<T> kind(Kind kind, String interrupt, int message) {
        this.kind = kind;
        this.interruptName = interrupt;
        this.message = message;
        remakeEvents();
        return this;
    }

    private void remakeEvents() {
        events = null;
        emitsEvents = FrameEvents.emits(eventType(), lockName());
    }

    private FrameEvents.Type eventType() {
        return switch (kind) {
            case ISR -> FrameEvents.Type.ISR;
            case DPC -> FrameEvents.Type.DPC;
            case WORK_ITEM -> FrameEvents.Type.WORK_ITEM;
            case REQUEST, OTHER -> FrameEvents.Type.NONE;
        };
    }

    private String lockName() {
        return lock == null ? null : lock.name;
    }

    /** The first run under a recording makes the events; out of line, so the run's code stays small. */
    private void beginEvents() {
        FrameEvents e = events;
        if (e == null) {
            if (!emitsEvents) {
                return;
            }
            e = FrameEvents.of(eventType(), device == null ? "-" : device.name(), where(), interruptName, message, lockName());
            events = e;
        }
        e.begin();
    }

    /** Marks the thread as running {@code interrupt}'s deferred work (or none, for null) during the callback. */
    CallbackFrame<T> deferredOwner(InterruptImpl interrupt) {
        this.setsOwner = true;
        this.owner = interrupt;
        return this;
    }

    /**
     * Holds {@code lock} for the callback, with {@code lockSite} as its acquire site; the frame
     * takes the lock word when {@code takes}, else the caller has taken it before {@link #run}. A
     * null lock holds none.
     */
    CallbackFrame<T> holding(LockCore lock, String lockSite, boolean takes) {
        this.lock = lock;
        this.lockSite = lockSite;
        this.takesLock = takes;
        remakeEvents();
        return this;
    }

    /**
     * Holds the parent's callback lock of automatic serialization for the callback (the frame
     * takes it), with the callback site as its acquire site; null holds none.
     */
    CallbackFrame<T> serializedBy(LockCore callbackLock) {
        return holding(callbackLock, site, true);
    }

    /** Returns throwables to the caller instead of reporting them. */
    CallbackFrame<T> returningFaults() {
        this.containment = Containment.RETURN;
        return this;
    }

    /** The callback as faults name it; joined on each call (faults, the watchdog, a recording's first run), never on a run. */
    String where() {
        return whereSuffix == null ? whereName : whereName + whereSuffix;
    }

    Kind kind() {
        return kind;
    }

    DeviceImpl device() {
        return device;
    }

    HostImpl host() {
        return host;
    }

    /** The lock the frame holds for its callback, or null. */
    LockCore lock() {
        return lock;
    }

    /** The run sequence: the number of the run in progress when odd, between runs when even; any thread (the watchdog). */
    long runSequence() {
        return (long) RUN.getOpaque(this);
    }

    /** The innermost frame running on the thread of {@code ts}, or null; any thread (the watchdog). */
    static CallbackFrame<?> running(ThreadState ts) {
        return (CallbackFrame<?>) WATCH_FRAME.getOpaque(ts);
    }

    /** How many throwables this frame has contained. */
    long faults() {
        return faults;
    }

    /** Runs the callback on the calling thread, whose state is {@code ts}; see the class comment. */
    Throwable run(ThreadState ts) {
        enter(ts);
        boolean threw = true;
        try {
            body.call(target);
            threw = false;
            return null;
        } catch (VirtualMachineError e) {
            if (containment == Containment.REPORT) {
                faults++;
                host.callbackFault(device, where(), e);
            }
            throw e;
        } catch (Throwable t) {
            faults++;
            if (containment == Containment.REPORT) {
                host.callbackFault(device, where(), t);
            }
            return t;
        } finally {
            leave(ts, threw);
        }
    }

    private void enter(ThreadState ts) {
        int before = ts.irql;
        savedIrql = before;
        savedArbitraryDepth = ts.arbitraryDepth;
        savedCallbackSite = ts.callbackSite;
        savedOwner = ts.deferredOwner;
        LockCore l = lock;
        int irql = level == KEEP_LEVEL ? before : level;
        if (l != null) {
            LockOrder order = host.verifier.lockOrder; // lock-order validation hook (SPEC 6.1); null when OFF
            if (order != null) {
                order.frameAcquiring(ts, l, lockSite);
            }
            if (takesLock) {
                l.acquire(Thread.currentThread());
            }
            l.holds++;
            l.savedIrql = before;
            l.acquiredAt = lockSite;
            ts.push(l);
            if (!l.isPassive() && l.syncIrql > irql) {
                irql = l.syncIrql;
            }
        }
        ts.irql = irql;
        expectedHeld = ts.heldCount;
        switch (arbitrary) {
            case INHERIT -> { }
            case CLEAR -> ts.arbitraryDepth = 0;
            case ENTER -> ts.arbitraryDepth = savedArbitraryDepth + 1;
        }
        ts.callbackSite = site;
        if (setsOwner) {
            ts.deferredOwner = owner;
        }
        CallbackWatchdog w = watchdog;
        if (w != null) {
            if (ts.watchdog != w) {
                w.register(ts); // once per thread (and per change of host): the watchdog finds the thread's slot
            }
            savedWatch = running(ts);
            RUN.setOpaque(this, run + 1);   // odd: this run's number; no clock (see the class comment)
            WATCH_FRAME.setOpaque(ts, this);
        }
        if (FrameEvents.COMPILED && RecordingGuard.recording()) {
            beginEvents();
        }
    }

    private void leave(ThreadState ts, boolean threw) {
        if (FrameEvents.COMPILED && RecordingGuard.recording()) {
            FrameEvents e = events;
            if (e != null) {
                e.end(ts.irql, threw);
            }
        }
        if (ts.heldCount > expectedHeld) {
            releaseLeaked(ts);
        }
        LockCore l = lock;
        if (l != null && l.owner() == Thread.currentThread()) {
            ts.remove(l);
            l.acquiredAt = null;
            l.release();
        }
        ts.irql = savedIrql;
        ts.arbitraryDepth = savedArbitraryDepth;
        ts.callbackSite = savedCallbackSite;
        ts.deferredOwner = savedOwner;
        savedCallbackSite = null;
        savedOwner = null;
        CallbackWatchdog w = watchdog;
        if (w != null) {
            WATCH_FRAME.setOpaque(ts, savedWatch);
            savedWatch = null;
            long r = run;
            RUN.setOpaque(this, r + 1);
            if (watched == -r) {
                w.returned(this, System.nanoTime() - watchedSinceNs); // the watchdog reported this run: say how long it took in all
            }
        }
    }

    /**
     * Releases each lock the callback still holds beyond the frame's, newest first, then reports it
     * (rule {@code WdfInterruptLockRelease}); THROW under a failing restart policy fails the device.
     */
    private void releaseLeaked(ThreadState ts) {
        Verifier verifier = host.verifier;
        String where = where();
        while (ts.heldCount > expectedHeld) {
            LockCore l = ts.held(ts.heldCount - 1);
            int heldFrom = l.savedIrql;
            String acquiredAt = l.acquiredAt;
            ts.remove(l);   // released before it is reported: whoever sees the report can take the lock
            l.acquiredAt = null;
            l.release();
            Violation v = null;
            if (verifier.on) {
                v = verifier.report(new Finding(Rule.WDF_INTERRUPT_LOCK_RELEASE, l.name, where + " returned",
                        "holding the interrupt lock of '" + l.name + "'",
                        "release it before the callback returns (the framework released it)"), ts.irql, heldFrom, acquiredAt);
            }
            host.faultLog.record(Fault.Kind.VIOLATION, device, where, v != null ? v.message()
                    : where + " returned holding the lock of '" + l.name + "'; the framework released it", null);
        }
        if (verifier.mode == VerifierMode.THROW && host.failsDeviceOnFault() && device != null) {
            host.scheduleFail(device);
        }
    }
}
