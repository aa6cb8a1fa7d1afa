package io.github.irq4j;

import java.time.Duration;
import java.util.Objects;

/**
 * The host's watchdog thresholds (SPEC 4.4), like Windows' DPC watchdog: how long an ISR, a DPC, a
 * hold of an interrupt spin lock at {@code DIRQL}, and any other driver callback (work item,
 * request callback, cancel routine, PnP and power callback) may run before the host's watchdog
 * thread samples the offender's stack and reports a {@link Fault.Kind#WATCHDOG} fault naming the
 * callback and how long it had run. When the callback finally returns, a second
 * {@code WATCHDOG} fault gives its total duration.
 *
 * <p>The watchdog only observes: it cannot stop a callback (a JVM thread cannot be preempted
 * safely). By default the host keeps running; with {@link #failsDevice()} the offender's device is
 * failed and restarted as the host's {@link RestartPolicy} says. Given to
 * {@link Host.Builder#watchdog(Watchdog)}; immutable.
 *
 * @param isr the longest ISR run; default 1 s
 * @param dpc the longest DPC run; default 1 s
 * @param lockHoldAtDirql the longest hold of an interrupt spin lock at {@code DIRQL}, by driver code
 *        or by a callback the framework runs holding it ({@code onEnable}, {@code onDisable}); default 1 s
 * @param callback the longest run of any other driver callback; default 10 s
 * @param failsDevice whether an overrun fails the offender's device; default {@code false}
 * @param enabled whether the watchdog runs at all; {@link #disabled()} turns it off
 */
public record Watchdog(Duration isr, Duration dpc, Duration lockHoldAtDirql, Duration callback, boolean failsDevice,
                       boolean enabled) {

    /** The longest threshold accepted: one day. */
    public static final Duration MAX_THRESHOLD = Duration.ofDays(1);

    /**
     * The defaults: ISR 1 s, DPC 1 s, lock hold at DIRQL 1 s, other callbacks 10 s, report only.
     * Generous because a user-mode thread's wall clock includes its preemption and GC pauses: 100 ms
     * for the ISR and the lock hold reported a healthy driver in a one-vCPU emulated guest (111 ms).
     */
    public static final Watchdog DEFAULT = new Watchdog(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(10), false, true);

    /**
     * Checks the thresholds.
     *
     * @throws IllegalArgumentException if a threshold is not between 1 ms and {@link #MAX_THRESHOLD}
     * @throws NullPointerException if a threshold is null
     */
    public Watchdog {
        check("isr", isr);
        check("dpc", dpc);
        check("lockHoldAtDirql", lockHoldAtDirql);
        check("callback", callback);
    }

    private static void check(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(MAX_THRESHOLD) > 0) {
            throw new IllegalArgumentException("watchdog threshold " + what + ": " + d
                    + " (expected: 1 ms <= " + what + " <= " + MAX_THRESHOLD + "; use Watchdog.disabled() to turn the watchdog off)");
        }
    }

    /** A watchdog that does not run: no thread, no report, and the callback frames take no timestamp. */
    public static Watchdog disabled() {
        return new Watchdog(DEFAULT.isr, DEFAULT.dpc, DEFAULT.lockHoldAtDirql, DEFAULT.callback, false, false);
    }

    /** These thresholds with the ISR's set to {@code d}. */
    public Watchdog withIsr(Duration d) {
        return new Watchdog(d, dpc, lockHoldAtDirql, callback, failsDevice, enabled);
    }

    /** These thresholds with the DPC's set to {@code d}. */
    public Watchdog withDpc(Duration d) {
        return new Watchdog(isr, d, lockHoldAtDirql, callback, failsDevice, enabled);
    }

    /** These thresholds with the lock hold at {@code DIRQL} set to {@code d}. */
    public Watchdog withLockHoldAtDirql(Duration d) {
        return new Watchdog(isr, dpc, d, callback, failsDevice, enabled);
    }

    /** These thresholds with that of other callbacks (work items, request callbacks, ...) set to {@code d}. */
    public Watchdog withCallback(Duration d) {
        return new Watchdog(isr, dpc, lockHoldAtDirql, d, failsDevice, enabled);
    }

    /** These thresholds, failing the offender's device on an overrun ({@code true}) or only reporting it. */
    public Watchdog withFailsDevice(boolean fails) {
        return new Watchdog(isr, dpc, lockHoldAtDirql, callback, fails, enabled);
    }
}
