package io.github.irq4j.internal.event;

/**
 * The JFR events of what the host reports (SPEC 4.5): {@code irq4j.Violation}, {@code irq4j.Fault},
 * {@code irq4j.NobodyCared}, {@code irq4j.Storm}, and the {@code irq4j.LockHold} of a driver's spin
 * lock hold the watchdog saw. These are emitted on report paths, which allocate anyway; still, each
 * allocates its event only while {@link RecordingGuard#recording()} (a constant in compiled code)
 * and then commits it only if {@code isEnabled()}, so with no recording they cost nothing.
 */
public final class HostEvents {

    private HostEvents() {
    }

    /** A fault was recorded. */
    public static void fault(String kind, String device, String where, String message) {
        if (!RecordingGuard.recording()) {
            return;
        }
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
        if (!RecordingGuard.recording()) {
            return;
        }
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
        if (!RecordingGuard.recording()) {
            return;
        }
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
        if (!RecordingGuard.recording()) {
            return;
        }
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
        /** The begun event, or null when no recording enabled it at first sight. */
        private final LockHoldEvent e;
        private final int generation;

        private LockHoldTrack(String device, String lock, String holder, String level) {
            generation = RecordingGuard.generation();
            LockHoldEvent ev = RecordingGuard.recording() ? new LockHoldEvent() : null;
            if (ev != null && ev.isEnabled()) {
                ev.device = device;
                ev.lock = lock;
                ev.holder = holder;
                ev.level = level;
                ev.begin();
                e = ev;
            } else {
                e = null;
            }
        }

        /**
         * The hold was seen released; commits it if it passed the event's threshold, and if the
         * recording it began under is still the running one (see {@link RecordingGuard#generation()}).
         */
        public void end() {
            LockHoldEvent ev = e;
            if (ev != null && generation == RecordingGuard.generation()) {
                ev.end();
                if (ev.shouldCommit()) {
                    ev.commit();
                }
            }
        }
    }
}
