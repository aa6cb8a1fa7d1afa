package io.github.irq4j.internal;

import io.github.irq4j.Fault;
import io.github.irq4j.Irql;
import io.github.irq4j.Watchdog;
import io.github.irq4j.internal.event.HostEvents;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The host's watchdog (SPEC 4.4), like Windows' DPC watchdog: one daemon thread,
 * {@code irq4j-watchdog}, started when the host first runs a callback, that wakes every
 * {@link #tickNs} and looks at
 * <ul>
 * <li>the innermost {@link CallbackFrame} of every thread that has run one of this host's
 *     callbacks (the thread's {@code watchFrame} slot and the frame's run sequence, both written
 *     opaque by the frame): a run seen running for longer than its threshold is reported once,
 *     with the thread's stack sampled then; when it returns, the frame reports how long it ran
 *     since the watchdog first saw it;</li>
 * <li>the spin locks of this host's interrupts: a lock whose owner and hold count stay the same
 *     past {@link Watchdog#lockHoldAtDirql()} is one hold that long, reported once with the
 *     holder's stack. A hold the holder's own frame takes (an ISR, {@code onEnable}) is that
 *     frame's business, with the same threshold.</li>
 * </ul>
 * The callback's thread reads no clock: it numbers each run with opaque stores of the frame's run
 * sequence, and the watchdog times a run from the tick at which it first sees that number, as it
 * times a lock hold by the lock's hold count. Its resolution is its tick (a quarter of the smallest
 * threshold, 1 to 100 ms): a reported "has run for" (time since the first sighting) is at least the
 * threshold and at most a tick more, and the run itself began at most a tick before that sighting.
 *
 * <p>The watchdog observes; it cannot stop a thread. It reports a {@link Fault.Kind#WATCHDOG} fault
 * and, with {@link Watchdog#failsDevice()}, fails the device as a callback fault does.
 */
final class CallbackWatchdog implements Runnable {

    /** A thread that ran a callback of this host, and its state. */
    private record Watched(Thread thread, ThreadState state) {
    }

    /** One hold of a spin lock seen at a tick; the watchdog thread's alone. */
    private static final class Hold {
        final Thread owner;
        final int count;
        final long since;
        final String site;
        final HostEvents.LockHoldTrack event;
        boolean reported;

        Hold(Thread owner, int count, long since, String site, HostEvents.LockHoldTrack event) {
            this.owner = owner;
            this.count = count;
            this.since = since;
            this.site = site;
            this.event = event;
        }
    }

    private final HostImpl host;
    private final Watchdog config;
    private final long isrNs;
    private final long dpcNs;
    private final long lockNs;
    private final long callbackNs;
    final long tickNs;
    private final CopyOnWriteArrayList<Watched> threads = new CopyOnWriteArrayList<>();
    /** The spin locks seen held at the last tick; the watchdog thread's alone. */
    private final Map<LockCore, Hold> holds = new IdentityHashMap<>();
    /** Guarded by this. */
    private Thread thread;
    private volatile boolean closed;

    CallbackWatchdog(HostImpl host, Watchdog config) {
        this.host = host;
        this.config = config;
        this.isrNs = config.isr().toNanos();
        this.dpcNs = config.dpc().toNanos();
        this.lockNs = config.lockHoldAtDirql().toNanos();
        this.callbackNs = config.callback().toNanos();
        long min = Math.min(Math.min(isrNs, dpcNs), Math.min(lockNs, callbackNs));
        this.tickNs = Math.clamp(min / 4, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(100));
    }

    /** The watchdog of {@code config} for {@code host}, or null when it is disabled. */
    static CallbackWatchdog of(HostImpl host, Watchdog config) {
        return config.enabled() ? new CallbackWatchdog(host, config) : null;
    }

    /**
     * Adds the calling thread, whose state is {@code ts}, to those watched, and starts the watchdog
     * thread on first use. Called by a frame's entry the first time the thread runs one of this
     * host's callbacks (and again after it ran another host's); allocates then, never again.
     */
    synchronized void register(ThreadState ts) {
        ts.watchdog = this;
        for (Watched w : threads) {
            if (w.state == ts) {
                return;
            }
        }
        threads.add(new Watched(Thread.currentThread(), ts));
        if (thread == null && !closed) {
            thread = new Thread(this, "irq4j-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Ends the watchdog thread; from the host's close. */
    void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void run() {
        while (!closed) {
            LockSupport.parkNanos(this, tickNs);
            if (closed) {
                break;
            }
            try {
                long now = System.nanoTime();
                checkFrames(now);
                checkLocks(now);
            } catch (RuntimeException e) {
                // The watchdog must outlive a bad report (a listener that throws is caught by the log).
                host.faultLog.record(Fault.Kind.CALLBACK_EXCEPTION, null, "irq4j-watchdog", "the watchdog's check failed: " + e, e);
            }
        }
    }

    /** The threshold of a frame's run: its kind's, or the lock hold's if it holds a spin lock at DIRQL for less. */
    long thresholdNs(CallbackFrame<?> f) {
        long t = switch (f.kind()) {
            case ISR -> isrNs;
            case DPC -> dpcNs;
            case WORK_ITEM, REQUEST, OTHER -> callbackNs;
        };
        LockCore l = f.lock();
        if (l != null && !l.isPassive() && l.syncIrql >= Levels.DIRQL_BASE) {
            t = Math.min(t, lockNs);
        }
        return t;
    }

    private void checkFrames(long now) {
        for (Watched w : threads) {
            if (!w.thread.isAlive()) {
                threads.remove(w);
                continue;
            }
            CallbackFrame<?> f = CallbackFrame.running(w.state);
            if (f == null || f.host() != host) {
                continue;
            }
            long run = f.runSequence();
            long seen = f.watched;
            if ((run & 1) == 0 || seen == -run) {
                continue; // between runs, or this run is reported
            }
            if (seen != run) {
                f.watchedSinceNs = now; // first sight of this run: timed from here (it began at most a tick earlier, unless hidden by a nested frame)
                f.watched = run;
                continue;
            }
            long threshold = thresholdNs(f);
            long ran = now - f.watchedSinceNs;
            if (ran > threshold) {
                f.watched = -run;
                StackTraceElement[] stack = w.thread.getStackTrace();
                boolean still = CallbackFrame.running(w.state) == f && f.runSequence() == run;
                overrun(f.device(), f.where(), what(f), w.thread, ran, threshold, stack, still);
            }
        }
    }

    private static String what(CallbackFrame<?> f) {
        return switch (f.kind()) {
            case ISR -> "an ISR";
            case DPC -> "a DPC";
            case WORK_ITEM -> "a work item";
            case REQUEST -> "a request callback";
            case OTHER -> "a callback";
        };
    }

    private void overrun(DeviceImpl device, String where, String what, Thread t, long ranNs, long thresholdNs,
                         StackTraceElement[] stack, boolean still) {
        boolean fail = config.failsDevice() && device != null;
        String msg = where + " has run for " + ms(ranNs) + " on thread '" + t.getName() + "' (watchdog threshold "
                + ms(thresholdNs) + " for " + what + ")"
                + (still ? "" : "; it returned while its stack was sampled, so the stack may show later code")
                + (fail ? "; failing the device" : "; reported, the host goes on");
        host.faultLog.record(Fault.Kind.WATCHDOG, device, where, msg, new WatchdogSample(msg, stack));
        if (fail) {
            host.scheduleFail(device);
        }
    }

    /** A frame the watchdog had reported returned after {@code totalNs}; on the callback's thread. */
    void returned(CallbackFrame<?> f, long totalNs) {
        host.faultLog.record(Fault.Kind.WATCHDOG, f.device(), f.where(), f.where() + " returned after " + ms(totalNs)
                + " (watchdog threshold " + ms(thresholdNs(f)) + ")", null);
    }

    private void checkLocks(long now) {
        Map<LockCore, Boolean> seen = new IdentityHashMap<>();
        for (DeviceImpl d : host.deviceList()) {
            for (InterruptImpl i : d.interrupts) {
                LockCore l = i.lock;
                if (!l.isPassive() && seen.put(l, Boolean.TRUE) == null) {
                    checkLock(d, l, now);
                }
            }
        }
        for (Iterator<Map.Entry<LockCore, Hold>> it = holds.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<LockCore, Hold> e = it.next();
            if (!seen.containsKey(e.getKey())) {
                e.getValue().event.end();
                it.remove(); // its device went away
            }
        }
    }

    private void checkLock(DeviceImpl device, LockCore l, long now) {
        Thread owner = l.owner();
        Hold h = holds.get(l);
        int count = l.holds;
        if (owner == null || framesOwnHold(owner, l)) {
            if (h != null) {
                h.event.end();
                holds.remove(l);
            }
            return;
        }
        if (h == null || h.owner != owner || h.count != count) {
            if (h != null) {
                h.event.end();
            }
            String site = l.acquiredAt;
            holds.put(l, new Hold(owner, count, now, site,
                    HostEvents.trackLockHold(device.name(), l.name, site == null ? owner.getName() : site, Irql.of(l.syncIrql).toString())));
            return;
        }
        if (!h.reported && now - h.since > lockNs) {
            h.reported = true;
            StackTraceElement[] stack = owner.getStackTrace();
            boolean fail = config.failsDevice();
            String msg = "the spin lock of '" + l.name + "' has been held at " + Irql.of(l.syncIrql) + " for at least "
                    + ms(now - h.since) + " by thread '" + owner.getName() + "'" + (h.site == null ? "" : " (taken " + h.site + ")")
                    + " (watchdog threshold " + ms(lockNs) + " for a lock hold at DIRQL)"
                    + (fail ? "; failing the device" : "; reported, the host goes on");
            host.faultLog.record(Fault.Kind.WATCHDOG, device, l.name + " lock", msg, new WatchdogSample(msg, stack));
            if (fail) {
                host.scheduleFail(device);
            }
        }
    }

    /** Whether {@code owner} holds {@code l} as the lock of the frame it runs (timed as that frame's run). */
    private boolean framesOwnHold(Thread owner, LockCore l) {
        for (Watched w : threads) {
            if (w.thread == owner) {
                CallbackFrame<?> f = CallbackFrame.running(w.state);
                return f != null && f.lock() == l;
            }
        }
        return false;
    }

    /** A duration for messages: milliseconds with one decimal. */
    static String ms(long ns) {
        long tenths = ns / 100_000;
        return tenths / 10 + "." + tenths % 10 + " ms";
    }
}
