package io.github.irq4j.internal;

import io.github.irq4j.FindingCount;
import io.github.irq4j.Irql;
import io.github.irq4j.VerifierListener;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.VerifierViolation;
import io.github.irq4j.Violation;
import java.util.List;
import java.util.Optional;

/**
 * The runtime verifier of one host (SPEC sections 4 and 6): builds each violation's message,
 * records it, tells the listener and, in {@code THROW} mode, throws.
 *
 * <p>The checks themselves sit in {@link LockChecks} (the interrupt's lock methods) and
 * {@link CallbackFrame} (callback exits); they test {@link #on} first, so {@code OFF} costs one
 * field read. What a check found comes as a {@link Finding}.
 */
final class Verifier {

    /** Skips framework frames when finding where a driver took a lock. */
    private static final StackWalker WALKER = StackWalker.getInstance();

    final VerifierMode mode;
    /** Whether checks run: mode is not OFF. */
    final boolean on;
    final boolean captureSites;
    /** Lock-order validation (rule {@code LockOrder}): on whenever the verifier is, else null. */
    final LockOrder lockOrder;
    private final VerifierListener listener;
    /** The recent violations and the exact count of each kind (SPEC 4.3). */
    private final FindingLog<Violation> violations;

    Verifier(VerifierMode mode, boolean captureSites, VerifierListener listener) {
        this(mode, captureSites, listener, FindingLog.DEFAULT_CAPACITY);
    }

    /** @param retained how many recent violations are kept in full */
    Verifier(VerifierMode mode, boolean captureSites, VerifierListener listener, int retained) {
        this.violations = new FindingLog<>(retained);
        this.mode = mode;
        this.on = mode != VerifierMode.OFF;
        this.captureSites = captureSites && on;
        this.listener = listener;
        this.lockOrder = on ? new LockOrder(this) : null;
    }

    /**
     * Reports a violation found at a call site and throws in {@code THROW} mode.
     *
     * @param irql the level the thread runs at
     * @param allowed the highest level the call is allowed at (or the level the rule expects)
     * @param site where the lock concerned was acquired, or null
     */
    void violation(Finding f, int irql, int allowed, String site) {
        Violation v = record(f, irql, allowed, site);
        if (mode == VerifierMode.THROW) {
            throw new VerifierViolation(v);
        }
    }

    /** Reports a violation where nothing can be thrown to the culprit (at callback exit). */
    Violation report(Finding f, int irql, int allowed, String site) {
        return record(f, irql, allowed, site);
    }

    private Violation record(Finding f, int irql, int allowed, String site) {
        String thread = Thread.currentThread().getName();
        String message = f.rule().id() + ": " + f.what() + " " + f.found()
                + (site == null ? "" : " (" + site + ")") + "; " + f.fix()
                + " [thread '" + thread + "' at " + Irql.of(irql)
                + (allowed != irql ? ", allowed " + Irql.of(allowed) : "") + "]";
        Violation v = new Violation(f.rule(), f.object(), thread, Irql.of(irql), Irql.of(allowed), site == null ? "-" : site, message);
        violations.add(v, f.rule().id(), f.object(), v.acquiredAt(), message);
        if (listener != null) {
            listener.onViolation(v);
        }
        return v;
    }

    /** The most recent violations, oldest first. */
    List<Violation> violations() {
        return violations.recent();
    }

    /** The exact count of each group of identical violations. */
    List<FindingCount> violationCounts() {
        return violations.counts();
    }

    /**
     * Where the driver took a lock: with site capture, the first stack frame outside irq4j's
     * framework classes ("Uart.java:42"); without it, the callback the thread runs ("in uart0 work
     * item"), which costs nothing, or null on a thread outside framework callbacks.
     */
    String callerSite(ThreadState ts) {
        if (!captureSites) {
            return ts.callbackSite;
        }
        Optional<StackWalker.StackFrame> frame = WALKER.walk(s -> s
                .filter(f -> !f.getClassName().startsWith("io.github.irq4j.internal.")
                        && !f.getClassName().startsWith("java."))
                .findFirst());
        return frame.map(f -> (f.getFileName() == null ? f.getClassName() : f.getFileName()) + ":" + f.getLineNumber())
                .orElse(null);
    }
}
