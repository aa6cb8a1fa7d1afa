package io.github.irq4j.verify;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * A path at an instruction: the symbolic frame, the locks held, and what the path knows about
 * int and boolean fields of {@code this}. Compared by content (not by {@link #trace}), so that
 * paths reaching an instruction in the same state are explored once.
 */
final class PathState {

    /**
     * What a path knows of a field of {@code this}.
     *
     * @param value its value ({@link Sym.IntConst}, {@link Sym.Opaque} or {@link Sym.NonZero})
     * @param stable whether the field is final, so no call can change it
     */
    record Fact(Sym value, boolean stable) {
    }

    final Frame<Sym> frame;
    final LockState locks;
    final Map<LockKey, Fact> facts;
    final Trace trace;
    private final int hash;

    PathState(Frame<Sym> frame, LockState locks, Map<LockKey, Fact> facts, Trace trace) {
        this.frame = frame;
        this.locks = locks;
        this.facts = facts;
        this.trace = trace;
        int h = locks.hashCode() * 31 + facts.hashCode();
        for (int i = 0; i < frame.getLocals(); i++) {
            h = 31 * h + Objects.hashCode(frame.getLocal(i));
        }
        for (int i = 0; i < frame.getStackSize(); i++) {
            h = 31 * h + Objects.hashCode(frame.getStack(i));
        }
        this.hash = h;
    }

    int line() {
        return trace == null ? 0 : trace.line();
    }

    PathState with(Frame<Sym> f, LockState l) {
        return new PathState(f, l, facts, trace);
    }

    PathState withLocks(LockState l) {
        return new PathState(frame, l, facts, trace);
    }

    PathState withFacts(Map<LockKey, Fact> f) {
        return new PathState(frame, locks, f, trace);
    }

    PathState withTrace(Trace t) {
        return new PathState(frame, locks, facts, t, hash); // same identity: the trace is not part of it
    }

    private PathState(Frame<Sym> frame, LockState locks, Map<LockKey, Fact> facts, Trace trace, int hash) {
        this.frame = frame;
        this.locks = locks;
        this.facts = facts;
        this.trace = trace;
        this.hash = hash;
    }

    /** This state with {@code what} recorded at the current line. */
    PathState note(String what) {
        return withTrace(trace == null ? new Trace(0, what, null) : trace.then(trace.line(), what));
    }

    Sym top() {
        return frame.getStackSize() == 0 ? null : frame.getStack(frame.getStackSize() - 1);
    }

    /** Facts that survive a call that may run any code: those of final fields. */
    PathState afterOpaqueCall() {
        if (facts.isEmpty()) {
            return this;
        }
        Map<LockKey, Fact> kept = new HashMap<>(facts);
        kept.values().removeIf(f -> !f.stable());
        return kept.size() == facts.size() ? this : withFacts(Map.copyOf(kept));
    }

    /**
     * Replaces {@code from} by {@code to} everywhere in the frame and the facts: what a branch
     * proved about a value holds for every copy of it.
     *
     * @param stable for a field of {@code this}, whether it is final; {@code null} if {@code from}
     *        is no field whose value may be recorded
     */
    static PathState refine(Frame<Sym> frame, PathState s, Sym from, Sym to, Boolean stable) {
        Frame<Sym> f = new Frame<>(frame);
        for (int i = 0; i < f.getLocals(); i++) {
            if (from.equals(f.getLocal(i))) {
                f.setLocal(i, to);
            }
        }
        int n = f.getStackSize();
        if (n > 0) {
            Sym[] stack = new Sym[n];
            for (int i = n - 1; i >= 0; i--) {
                stack[i] = f.pop();
            }
            for (Sym v : stack) {
                f.push(from.equals(v) ? to : v);
            }
        }
        Map<LockKey, Fact> facts = s.facts;
        if (stable != null && from instanceof Sym.Opaque o) {
            facts = new HashMap<>(facts);
            facts.put(o.origin(), new Fact(to, stable));
            facts = Map.copyOf(facts);
        }
        return new PathState(f, s.locks, facts, s.trace);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PathState s) || s.hash != hash || !s.locks.equals(locks) || !s.facts.equals(facts)
                || s.frame.getStackSize() != frame.getStackSize()) {
            return false;
        }
        for (int i = 0; i < frame.getLocals(); i++) {
            if (!Objects.equals(frame.getLocal(i), s.frame.getLocal(i))) {
                return false;
            }
        }
        for (int i = 0; i < frame.getStackSize(); i++) {
            if (!Objects.equals(frame.getStack(i), s.frame.getStack(i))) {
                return false;
            }
        }
        return true;
    }
}
