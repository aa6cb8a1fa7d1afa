package io.github.irq4j.verify;

import io.github.irq4j.verify.LockCall.Family;
import io.github.irq4j.verify.LockCall.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The path-sensitive lock-state analysis of one method.
 */
final class MethodAnalyzer {
    /*
     * The analysis is a worklist over (instruction, state) pairs, without merging:
     *
     * 1. A state is the symbolic frame (locals and operand stack of Sym values, computed by ASM's
     *    Frame.execute with SymInterpreter) plus the LockState, plus the trace of lines that led
     *    to it (the trace is not part of the state's identity).
     * 2. Each instruction is visited once per distinct state, at most MAX_STATES_PER_INSN states,
     *    and the whole method at most MAX_STEPS steps; past either bound the method is marked
     *    truncated (reported as such, never silently clean).
     * 3. A try-acquire forks the state: one side holds the lock and has TryResult(ok=true) on the
     *    stack, the other does not and has TryResult(ok=false). A later IFEQ/IFNE on that value
     *    follows only the feasible side, wherever the value went through locals in between.
     * 4. A call, a throw, an invokedynamic or a monitor instruction has an edge to every handler
     *    that covers it, carrying the state before the instruction (after it for a release: a release that throws has
     *    released); if no catch-all handler covers an invoke or ATHROW, that is an exceptional
     *    exit. javac's duplicated finally blocks and try-with-resources need nothing more.
     *    The lock API's own calls (other than synchronize, which runs user code) are not treated
     *    as exceptional exits: they throw only for the misuse that is reported at the call.
     * 5. At every exit the held locks are leaks; the other rules are checked at the calls.
     */

    static final int MAX_STATES_PER_INSN = 64;
    static final int MAX_STEPS = 200_000;
    /** The most lines a trace shows: the last ones, nearest the finding. */
    static final int MAX_TRACE = 60;

    /** How a method changes the lock state of its caller, seen at all its normal exits. */
    record Summary(Map<String, Family> acquired, Map<String, Family> released) {
        boolean isEmpty() {
            return acquired.isEmpty() && released.isEmpty();
        }
    }

    /** What the analysis needs from its class. */
    interface Context {
        ClassIndex index();

        /** The summary of the method a call invokes, or {@code null} if it has none. */
        Summary summaryOf(MethodInsnNode call);

        boolean isIoCallback(MethodNode m);

        void report(MethodNode m, StaticRule rule, int line, String message, List<Integer> trace, String dedupeKey);
    }

    /** The lines that led to a state. */
    private record Trace(int line, Trace parent) {
        List<Integer> lines() {
            ArrayList<Integer> out = new ArrayList<>();
            for (Trace t = this; t != null; t = t.parent) {
                if (out.isEmpty() || out.getLast() != t.line) {
                    out.add(t.line);
                }
            }
            List<Integer> forward = out.reversed();
            return forward.size() > MAX_TRACE ? forward.subList(forward.size() - MAX_TRACE, forward.size()) : forward;
        }
    }

    /** A frame and a lock state: the identity of a path at an instruction. */
    private static final class State {
        final Frame<Sym> frame;
        final LockState locks;
        final Trace trace;
        private final int hash;

        State(Frame<Sym> frame, LockState locks, Trace trace) {
            this.frame = frame;
            this.locks = locks;
            this.trace = trace;
            int h = locks.hashCode();
            for (int i = 0; i < frame.getLocals(); i++) {
                h = 31 * h + Objects.hashCode(frame.getLocal(i));
            }
            for (int i = 0; i < frame.getStackSize(); i++) {
                h = 31 * h + Objects.hashCode(frame.getStack(i));
            }
            this.hash = h;
        }

        int line() {
            return trace == null ? 0 : trace.line;
        }

        State with(Frame<Sym> f, LockState l) {
            return new State(f, l, trace);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof State s) || s.hash != hash || !s.locks.equals(locks)
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

    private final Context ctx;
    private final String ownerName;
    private final MethodNode method;
    private final boolean summaryMode;
    private final boolean acquiresAnnotated;
    private final boolean releasesAnnotated;
    /** The method is itself an acquire of a Lock implementation (a wrapper's lock()/tryLock()). */
    private final boolean lockImplementation;
    private final InsnList insns;
    private final SymInterpreter interp;
    private final int[] lineOf;
    private List<TryCatchBlockNode>[] handlers;
    private Set<State>[] seen;
    private final ArrayDeque<Object[]> work = new ArrayDeque<>();
    private boolean truncated;
    /** Lock states at normal exits, while computing a summary. */
    private final List<LockState> exits = new ArrayList<>();

    /**
     * @param summaryMode compute the method's effect on its caller: locks held at a normal exit and
     *        locks released without being held are recorded, not reported
     */
    MethodAnalyzer(Context ctx, String ownerName, MethodNode method, boolean summaryMode) {
        this.ctx = ctx;
        this.ownerName = ownerName;
        this.method = method;
        this.summaryMode = summaryMode;
        this.acquiresAnnotated = ClassIndex.acquires(method);
        this.releasesAnnotated = ClassIndex.releases(method);
        this.lockImplementation = (method.name.equals("lock") || method.name.equals("lockInterruptibly")
                || method.name.equals("tryLock")) && ctx.index().isLock(ownerName);
        this.insns = method.instructions;
        this.interp = new SymInterpreter(insns);
        this.lineOf = new int[insns.size()];
        int line = 0;
        for (int i = 0; i < lineOf.length; i++) {
            if (insns.get(i) instanceof LineNumberNode ln) {
                line = ln.line;
            }
            lineOf[i] = line;
        }
    }

    /** Whether a bound on states was hit, so that some paths were not followed. */
    boolean truncated() {
        return truncated;
    }

    /**
     * Runs the analysis.
     *
     * @return in summary mode, the summary if every normal exit agrees, else {@code null}
     * @throws AnalyzerException if the bytecode cannot be interpreted (an invalid class file)
     */
    @SuppressWarnings("unchecked")
    Summary run() throws AnalyzerException {
        int n = insns.size();
        if (n == 0) {
            return null;
        }
        handlers = new List[n];
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            int end = insns.indexOf(tcb.end);
            for (int i = insns.indexOf(tcb.start); i < end; i++) {
                if (handlers[i] == null) {
                    handlers[i] = new ArrayList<>(2);
                }
                handlers[i].add(tcb);
            }
        }
        seen = new Set[n];
        push(0, new State(initialFrame(), LockState.EMPTY, null));
        int steps = 0;
        while (!work.isEmpty()) {
            if (++steps > MAX_STEPS) {
                truncated = true;
                break;
            }
            Object[] item = work.poll();
            step((Integer) item[0], (State) item[1]);
        }
        if (!summaryMode || exits.isEmpty() || truncated) {
            return null;
        }
        LockState first = exits.getFirst();
        Map<String, Family> acquired = new HashMap<>();
        first.held().forEach((k, h) -> acquired.put(k, h.family()));
        for (LockState s : exits) {
            Map<String, Family> a = new HashMap<>();
            s.held().forEach((k, h) -> a.put(k, h.family()));
            if (!a.equals(acquired) || !s.borrowed().equals(first.borrowed()) || s.unknown() != 0) {
                return null;
            }
        }
        return new Summary(Map.copyOf(acquired), first.borrowed());
    }

    private Frame<Sym> initialFrame() {
        Frame<Sym> f = new Frame<>(method.maxLocals, method.maxStack);
        int slot = 0;
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            f.setLocal(slot++, new Sym.Ref("a0", true));
        }
        for (Type t : Type.getArgumentTypes(method.desc)) {
            boolean ref = t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
            f.setLocal(slot, ref ? new Sym.Ref("a" + slot, false) : interp.newValue(t));
            slot++;
            if (t.getSize() == 2) {
                f.setLocal(slot++, Sym.Unknown.ONE);
            }
        }
        while (slot < method.maxLocals) {
            f.setLocal(slot++, Sym.Unknown.ONE);
        }
        f.setReturn(interp.newReturnTypeValue(Type.getReturnType(method.desc)));
        return f;
    }

    private void push(int index, State s) {
        if (index >= seen.length) {
            return;
        }
        Set<State> set = seen[index];
        if (set == null) {
            set = new HashSet<>();
            seen[index] = set;
        }
        if (set.contains(s)) {
            return;
        }
        if (set.size() >= MAX_STATES_PER_INSN) {
            truncated = true;
            return;
        }
        set.add(s);
        work.add(new Object[] {index, s});
    }

    private void step(int i, State s) throws AnalyzerException {
        AbstractInsnNode insn = insns.get(i);
        int op = insn.getOpcode();
        if (op < 0) {
            if (insn instanceof LineNumberNode ln && ln.line != s.line()) {
                s = new State(s.frame, s.locks, new Trace(ln.line, s.trace));
            }
            push(i + 1, s);
            return;
        }
        switch (op) {
            case Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN, Opcodes.RETURN -> {
                exit(s, s.locks, false, null);
                return;
            }
            case Opcodes.ATHROW -> {
                exceptionEdges(i, s, s.locks, "throw");
                return;
            }
            case Opcodes.JSR, Opcodes.RET -> throw new AnalyzerException(insn,
                    "JSR/RET subroutines (class files older than version 50) are not supported; recompile with a current javac");
            case Opcodes.POP, Opcodes.POP2 -> checkDiscard(s);
            default -> {
                // other instructions have no lock effect
            }
        }
        if (insn instanceof MethodInsnNode call) {
            invoke(i, call, s);
            return;
        }
        if (mayThrow(op)) {
            exceptionEdges(i, s, s.locks, null);
        }
        Frame<Sym> next = new Frame<>(s.frame);
        Sym top = s.frame.getStackSize() > 0 ? s.frame.getStack(s.frame.getStackSize() - 1) : null;
        next.execute(insn, interp);
        if (insn instanceof JumpInsnNode jump) {
            int target = insns.indexOf(jump.label);
            Boolean taken = decide(op, top);
            if (op == Opcodes.GOTO) {
                taken = Boolean.TRUE;
            }
            if (taken == null || taken) {
                push(target, s.with(next, s.locks));
            }
            if (taken == null || !taken) {
                push(i + 1, s.with(next, s.locks));
            }
        } else if (insn instanceof TableSwitchInsnNode ts) {
            State after = s.with(next, s.locks);
            push(insns.indexOf(ts.dflt), after);
            for (LabelNode l : ts.labels) {
                push(insns.indexOf(l), after);
            }
        } else if (insn instanceof LookupSwitchInsnNode ls) {
            State after = s.with(next, s.locks);
            push(insns.indexOf(ls.dflt), after);
            for (LabelNode l : ls.labels) {
                push(insns.indexOf(l), after);
            }
        } else {
            push(i + 1, s.with(next, s.locks));
        }
    }

    /** Whether a conditional jump on {@code top} is known to be taken ({@code null}: either way). */
    private static Boolean decide(int op, Sym top) {
        return switch (op) {
            case Opcodes.IFEQ -> top instanceof Sym.TryResult t ? !t.ok() : null;
            case Opcodes.IFNE -> top instanceof Sym.TryResult t ? t.ok() : null;
            case Opcodes.IFNULL -> nonNull(top) ? Boolean.FALSE : top instanceof Sym.Null ? Boolean.TRUE : null;
            case Opcodes.IFNONNULL -> nonNull(top) ? Boolean.TRUE : top instanceof Sym.Null ? Boolean.FALSE : null;
            default -> null;
        };
    }

    private static boolean nonNull(Sym v) {
        return v instanceof Sym.Scope || v instanceof Sym.SpinLevel || v instanceof Sym.LevelConstant
                || (v instanceof Sym.Ref r && r.nonNull());
    }

    /**
     * Whether an instruction other than an invoke has exception edges: ATHROW (handled apart),
     * INVOKEDYNAMIC and MONITORENTER/MONITOREXIT. Runtime exceptions of field and array access,
     * casts and arithmetic are not followed: on real code they are noise (a getfield before an
     * unlock in a finally block) rather than a way a lock leaks.
     */
    private static boolean mayThrow(int op) {
        return op == Opcodes.INVOKEDYNAMIC || op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT;
    }

    /**
     * Follows the exception edges of instruction {@code i} with lock state {@code locks}; if no
     * catch-all handler covers it and {@code exitCause} is set, also the exceptional method exit.
     */
    private void exceptionEdges(int i, State s, LockState locks, String exitCause) {
        boolean caughtAll = false;
        List<TryCatchBlockNode> hs = handlers[i];
        if (hs != null) {
            for (TryCatchBlockNode h : hs) {
                Frame<Sym> f = new Frame<>(s.frame);
                f.clearStack();
                f.push(new Sym.Ref("caught@" + insns.indexOf(h.handler), true));
                push(insns.indexOf(h.handler), new State(f, locks, s.trace));
                if (h.type == null || h.type.equals("java/lang/Throwable")) {
                    caughtAll = true;
                    break;
                }
            }
        }
        if (!caughtAll && exitCause != null) {
            exit(s, locks, true, exitCause);
        }
    }

    private void exit(State s, LockState locks, boolean exceptional, String cause) {
        if (summaryMode) {
            if (!exceptional) {
                exits.add(locks);
            }
            return;
        }
        String how = exceptional
                ? (cause.equals("throw") ? "exits by a throw at line " + s.line() : "exits by an exception from " + cause + " at line " + s.line())
                : "returns at line " + s.line();
        for (Map.Entry<String, LockState.Held> e : locks.held().entrySet()) {
            LockState.Held h = e.getValue();
            String lock = display(e.getKey());
            if (h.family() == Family.INTERRUPT) {
                if (acquiresAnnotated) {
                    continue;
                }
                report(StaticRule.WDF_INTERRUPT_LOCK_RELEASE, s, "method " + how + " holding the interrupt lock of " + lock
                        + " (" + h.api() + " at line " + h.line() + "); release it on every path with try/finally or "
                        + "try (InterruptLockScope held = ...acquireLockScope()), or annotate the method @AcquiresInterruptLock "
                        + "if it returns holding the lock on purpose", "leak:" + exceptional + ":" + e.getKey());
            } else if (!lockImplementation) {
                report(StaticRule.LOCK_RELEASE, s, "method " + how + " holding lock " + lock + " (" + h.api() + " at line "
                        + h.line() + (h.count() > 1 ? ", held " + h.count() + " times" : "")
                        + "); call unlock() in a finally block that starts right after the lock is taken",
                        "leak:" + exceptional + ":" + e.getKey());
            }
        }
        if (locks.unknown() > 0 && !acquiresAnnotated) {
            report(StaticRule.WDF_INTERRUPT_LOCK_RELEASE, s, "method " + how + " holding an interrupt lock taken by a call to an "
                    + "@AcquiresInterruptLock method; release it, or annotate this method @AcquiresInterruptLock too",
                    "leak:" + exceptional + ":unknown");
        }
    }

    private void report(StaticRule rule, State s, String message, String dedupe) {
        List<Integer> trace = s.trace == null ? List.of() : s.trace.lines();
        ctx.report(method, rule, s.line(), message, trace, rule.id() + ":" + dedupe);
    }

    private void checkDiscard(State s) {
        Sym top = s.frame.getStack(s.frame.getStackSize() - 1);
        if (top instanceof Sym.TryResult t && t.ok()) {
            report(StaticRule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY, s, "the result of the try-acquire of " + display(t.lock())
                    + " at line " + t.line() + " is discarded; branch on it and release the lock only when it returned true",
                    "discard:" + s.line());
        } else if (top instanceof Sym.SpinLevel l) {
            report(StaticRule.INTERRUPT_SPIN_LOCK_PASSIVE, s, "the old level returned by acquireSpinLock() on " + display(l.lock())
                    + " at line " + l.line() + " is discarded; keep it and pass it to releaseSpinLock(oldIrql)",
                    "spindiscard:" + s.line());
        }
    }

    private void invoke(int i, MethodInsnNode call, State s) throws AnalyzerException {
        Type[] args = Type.getArgumentTypes(call.desc);
        int size = s.frame.getStackSize();
        boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
        Sym receiver = isStatic ? null : s.frame.getStack(size - args.length - 1);
        LockCall lc = LockCall.classify(call, ctx.index());
        if (lc == null && receiver instanceof Sym.Scope && call.name.equals("close") && call.desc.equals("()V")) {
            lc = new LockCall(Op.SCOPE_CLOSE, Family.INTERRUPT, "close()");
        }
        Frame<Sym> next = new Frame<>(s.frame);
        next.execute(call, interp);
        if (lc != null) {
            String key = keyOf(receiver, i);
            lockCall(i, call, lc, key, s, next);
            return;
        }
        LockState after = s.locks;
        LockState onThrow = s.locks;
        MethodNode target = ctx.index().method(call.owner, call.name, call.desc);
        Summary sum = ctx.summaryOf(call);
        if (sum != null && !sum.isEmpty()) {
            Sym[] slots = argumentSlots(s.frame, call, args);
            String name = call.name + "()";
            for (Map.Entry<String, Family> e : sum.released().entrySet()) {
                String key = translate(e.getKey(), slots);
                if (key != null) {
                    after = release(after, key, e.getValue(), "call to " + name, s, i);
                }
            }
            onThrow = after; // like a release, a helper that throws has released what it releases
            for (Map.Entry<String, Family> e : sum.acquired().entrySet()) {
                String key = translate(e.getKey(), slots);
                if (key != null) {
                    after = acquire(after, key, e.getValue(), "call to " + name, s);
                }
            }
        } else if (target != null && ClassIndex.acquires(target)) {
            after = after.withUnknown(after.unknown() + 1);
        } else if (target != null && ClassIndex.releases(target)) {
            after = after.unknown() > 0 ? after.withUnknown(after.unknown() - 1) : after.releaseAllInterrupt();
        }
        // A call that throws has acquired nothing for its caller. A getter on a followed reference
        // (rw.readLock(), interrupt.asUmdf1()) is taken not to throw: it names the lock.
        Type ret = Type.getReturnType(call.desc);
        boolean getter = (args.length == 0 && receiver instanceof Sym.Ref
                || SymInterpreter.isSyntheticAccessor(call) && s.frame.getStack(size - 1) instanceof Sym.Ref)
                && (ret.getSort() == Type.OBJECT || ret.getSort() == Type.ARRAY);
        if (!getter) {
            exceptionEdges(i, s, onThrow, call.name + "()");
        }
        push(i + 1, s.with(next, after));
    }

    private void lockCall(int i, MethodInsnNode call, LockCall lc, String key, State s, Frame<Sym> next) {
        LockState before = s.locks;
        int line = s.line();
        switch (lc.op()) {
            case ACQUIRE, SCOPE_ACQUIRE, SPIN_ACQUIRE -> {
                checkArbitraryThread(lc, call, key, s);
                LockState after = acquire(before, key, lc.family(), lc.api(), s);
                if (lc.op() == Op.SCOPE_ACQUIRE) {
                    next.pop();
                    next.push(new Sym.Scope(key));
                } else if (lc.op() == Op.SPIN_ACQUIRE) {
                    next.pop();
                    next.push(new Sym.SpinLevel(key, line));
                }
                exceptionEdges(i, s, before, null);
                push(i + 1, s.with(next, after));
            }
            case TRY_ACQUIRE -> {
                exceptionEdges(i, s, before, null);
                LockState.Held h = before.get(key);
                next.pop();
                Frame<Sym> failed = new Frame<>(next);
                failed.push(new Sym.TryResult(key, false, line));
                if (h != null && lc.family() == Family.INTERRUPT) {
                    // the holder retrying gets false and keeps holding (SPEC 2.4)
                    push(i + 1, s.with(failed, before));
                    return;
                }
                next.push(new Sym.TryResult(key, true, line));
                push(i + 1, s.with(next, before.acquire(key, lc.family(), line, lc.api())));
                push(i + 1, s.with(failed, h == null ? before.failedTry(key, line) : before));
            }
            case RELEASE, SCOPE_CLOSE, SPIN_RELEASE -> {
                if (lc.op() == Op.SPIN_RELEASE) {
                    checkSpinPairing(key, s.frame.getStack(s.frame.getStackSize() - 1), s);
                }
                LockState after = release(before, key, lc.family(), lc.api(), s, i);
                exceptionEdges(i, s, after, null);
                push(i + 1, s.with(next, after));
            }
            case SYNCHRONIZE -> {
                if (before.get(key) != null) {
                    report(StaticRule.WDF_INTERRUPT_LOCK, s, lc.api() + " on " + display(key) + " while this path holds its lock ("
                            + before.get(key).api() + " at line " + before.get(key).line() + "); the callback would take it a "
                            + "second time: release it first, or do the work directly under the held lock", "sync:" + line);
                }
                exceptionEdges(i, s, before, lc.api());
                push(i + 1, s.with(next, before));
            }
            default -> throw new IllegalStateException("unhandled lock operation " + lc.op());
        }
    }

    private LockState acquire(LockState before, String key, Family family, String api, State s) {
        LockState.Held h = before.get(key);
        if (h != null && family == Family.INTERRUPT) {
            report(StaticRule.WDF_INTERRUPT_LOCK, s, api + " on " + display(key) + ", which this path already holds ("
                    + h.api() + " at line " + h.line() + "); interrupt locks are not recursive: call releaseLock() first",
                    "double:" + s.line() + ":" + key);
            return before;
        }
        return before.acquire(key, family, s.line(), api);
    }

    private LockState release(LockState before, String key, Family family, String api, State s, int i) {
        if (before.get(key) != null) {
            return before.release(key);
        }
        Integer failedAt = before.failedTry().get(key);
        if (failedAt != null) {
            StaticRule rule = family == Family.INTERRUPT ? StaticRule.WDF_INTERRUPT_LOCK : StaticRule.LOCK_RELEASE;
            report(rule, s, api + " on " + display(key) + " on the path where the try-acquire at line " + failedAt
                    + " returned false, so the lock is not held; release only when the try-acquire returned true",
                    "failedtry:" + s.line() + ":" + key);
            return before;
        }
        if (family == Family.INTERRUPT && before.unknown() > 0) {
            return before.withUnknown(before.unknown() - 1);
        }
        if (summaryMode) {
            return before.borrow(key, family);
        }
        if (family == Family.INTERRUPT && !releasesAnnotated) {
            report(StaticRule.WDF_INTERRUPT_LOCK, s, api + " on " + display(key) + ", which this path does not hold; acquire it "
                    + "first, or annotate the method @ReleasesInterruptLock if its callers hold the lock", "unheld:" + s.line() + ":" + key);
        }
        // A java.util.concurrent lock released here may have been taken by the caller: not reported.
        return before;
    }

    private void checkSpinPairing(String key, Sym level, State s) {
        String found = null;
        if (level instanceof Sym.LevelConstant c) {
            found = "the constant " + c.text();
        } else if (level instanceof Sym.SpinLevel l && !l.lock().equals(key)) {
            found = "the level acquireSpinLock() returned for " + display(l.lock()) + " at line " + l.line();
        } else if (level instanceof Sym.Null) {
            found = "null";
        }
        if (found != null) {
            report(StaticRule.INTERRUPT_SPIN_LOCK_PASSIVE, s, "releaseSpinLock(oldIrql) on " + display(key) + " is given " + found
                    + ", not the level acquireSpinLock() on it returned; pass the value acquireSpinLock() returned",
                    "spin:" + s.line());
        }
    }

    private void checkArbitraryThread(LockCall lc, MethodInsnNode call, String key, State s) {
        if (lc.family() != Family.INTERRUPT || lc.op() == Op.SPIN_ACQUIRE || !ctx.isIoCallback(method)) {
            return;
        }
        boolean passive = call.owner.equals(LockCall.UMDF1)
                || ctx.index().interruptKind(ownerName, key) == ClassIndex.Kind.PASSIVE;
        if (passive) {
            report(StaticRule.INTERRUPT_LOCK_ARBITRARY_THREAD, s, lc.api() + " on passive interrupt " + display(key)
                    + " in I/O queue callback " + method.name + ", which runs in an arbitrary thread; use tryToAcquireLock() and "
                    + "queue a work item that calls acquireLock() when it returns false (as in WdfInterruptTryToAcquireLock's example)", "arbitrary:" + s.line());
        }
    }

    /** The lock key of a receiver: its access path, or a key of its own for an untracked value. */
    private static String keyOf(Sym receiver, int i) {
        if (receiver instanceof Sym.Scope sc) {
            return sc.lock();
        }
        if (receiver instanceof Sym.Ref r) {
            String p = r.source();
            if (p.endsWith(".interrupt()") && p.contains(".asUmdf1()")) {
                p = p.substring(0, p.length() - ".interrupt()".length());
            }
            if (p.endsWith(".asUmdf1()")) {
                p = p.substring(0, p.length() - ".asUmdf1()".length());
            }
            return p;
        }
        return "untracked@" + i;
    }

    /** The values in the callee's parameter slots at a call: receiver in slot 0, then arguments. */
    private static Sym[] argumentSlots(Frame<Sym> f, MethodInsnNode call, Type[] args) {
        boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
        int slots = isStatic ? 0 : 1;
        for (Type t : args) {
            slots += t.getSize();
        }
        Sym[] out = new Sym[slots];
        int base = f.getStackSize() - args.length - (isStatic ? 0 : 1);
        int slot = 0;
        for (int k = base; k < f.getStackSize(); k++) {
            Sym v = f.getStack(k);
            out[slot] = v;
            slot += v.getSize();
        }
        return out;
    }

    /** Rewrites a callee's lock key into the caller's terms, or {@code null} if it cannot. */
    private static String translate(String key, Sym[] slots) {
        if (key.startsWith("s:")) {
            return key;
        }
        if (key.startsWith("a")) {
            int end = 1;
            while (end < key.length() && Character.isDigit(key.charAt(end))) {
                end++;
            }
            if (end > 1) {
                int slot = Integer.parseInt(key.substring(1, end));
                if (slot < slots.length && slots[slot] instanceof Sym.Ref r) {
                    return r.source() + key.substring(end);
                }
            }
        }
        return null;
    }

    /** A lock key as a reader would write it: {@code this.irq}, {@code device.irq}, {@code Uart.LOCK}. */
    String display(String key) {
        int end = key.indexOf('.');
        String root = end < 0 ? key : key.substring(0, end);
        String rest = end < 0 ? "" : key.substring(end);
        String shown;
        if (root.startsWith("s:")) {
            String owner = root.substring(2);
            int dot = key.indexOf('.', 2);
            owner = key.substring(2, dot);
            owner = owner.substring(owner.lastIndexOf('/') + 1);
            return owner + key.substring(dot);
        } else if (root.matches("a\\d+")) {
            int slot = Integer.parseInt(root.substring(1));
            shown = slot == 0 && (method.access & Opcodes.ACC_STATIC) == 0 ? "this" : parameterName(slot);
        } else if (root.matches("(new|call|field|indy|caught|untracked)@\\d+")) {
            int at = Integer.parseInt(root.substring(root.indexOf('@') + 1));
            String what = root.substring(0, root.indexOf('@'));
            shown = "(" + (what.equals("new") ? "object created" : "value obtained") + " at line " + lineOf[at] + ")";
        } else {
            shown = root;
        }
        return shown + rest;
    }

    private String parameterName(int slot) {
        if (method.localVariables != null) {
            for (LocalVariableNode v : method.localVariables) {
                if (v.index == slot && insns.indexOf(v.start) <= 1) {
                    return v.name;
                }
            }
        }
        int s = (method.access & Opcodes.ACC_STATIC) == 0 ? 1 : 0;
        int k = 0;
        for (Type t : Type.getArgumentTypes(method.desc)) {
            if (s == slot) {
                if (method.parameters != null && k < method.parameters.size()) {
                    return method.parameters.get(k).name;
                }
                return "parameter " + (k + 1);
            }
            s += t.getSize();
            k++;
        }
        return "local " + slot;
    }
}
