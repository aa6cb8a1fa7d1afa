package io.github.irq4j.internal.event;

/**
 * The JFR events of what the host reports (SPEC 4.5): {@code irq4j.Violation}, {@code irq4j.Fault},
 * {@code irq4j.NobodyCared}, {@code irq4j.Storm}, and the {@code irq4j.LockHold} of a driver's spin
 * lock hold the watchdog saw. These are emitted on report paths, which allocate anyway; each checks
 * {@code isEnabled()} first, so with no recording they cost a static field read.
 */
public final class HostEvents {

    private HostEvents() {
    }

    /** A fault was recorded. */
    public static void fault(String kind, String device, String where, String message) {
        FaultEvent e = new FaultEvent();
        if (e.isEnabled()) {
            e.kind = kind;
            e.device = device;
            e.where = where;
            e.message = message;
            e.commit();
        }
    }

    /** The verifier reported a violation. */
    public static void violation(String rule, String object, String level, String allowed, String site, String message) {
        ViolationEvent e = new ViolationEvent();
        if (e.isEnabled()) {
            e.rule = rule;
            e.object = object;
            e.level = level;
            e.allowed = allowed;
            e.site = site;
            e.message = message;
            e.commit();
        }
    }

    /** "Nobody cared" masked a line. */
    public static void nobodyCared(String line, String interrupts, int message, int unclaimed, int window) {
        NobodyCaredEvent e = new NobodyCaredEvent();
        if (e.isEnabled()) {
            e.line = line;
            e.interrupts = interrupts;
            e.message = message;
            e.unclaimed = unclaimed;
            e.window = window;
            e.commit();
        }
    }

    /** A line's claimed rate stayed above the storm ceiling. */
    public static void storm(String line, String interrupts, int message, long rate, long ceiling, boolean masked) {
        StormEvent e = new StormEvent();
        if (e.isEnabled()) {
            e.line = line;
            e.interrupts = interrupts;
            e.message = message;
            e.rate = rate;
            e.ceiling = ceiling;
            e.masked = masked;
            e.commit();
        }
    }

    /**
     * A hold of a spin lock the watchdog tracks from its first sight: {@link LockHoldTrack#begin()}
     * when it is first seen held, {@link LockHoldTrack#end()} when it is seen released.
     */
    public static LockHoldTrack trackLockHold(String device, String lock, String holder, String level) {
        return new LockHoldTrack(device, lock, holder, level);
    }

    /** One tracked hold; the watchdog thread's alone. */
    public static final class LockHoldTrack {
        private final LockHoldEvent e = new LockHoldEvent();
        private final boolean on;

        private LockHoldTrack(String device, String lock, String holder, String level) {
            on = e.isEnabled();
            if (on) {
                e.device = device;
                e.lock = lock;
                e.holder = holder;
                e.level = level;
                e.begin();
            }
        }

        /** The hold was seen released; commits it if it passed the event's threshold. */
        public void end() {
            if (on) {
                e.end();
                if (e.shouldCommit()) {
                    e.commit();
                }
            }
        }
    }
}
