package io.github.irq4j.verify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Path exploration over one method's bytecode, independent of what the paths are checked for: a
 * worklist over (instruction, {@link PathState}) pairs without merging. It steps frames with ASM's
 * {@link Frame#execute}, decides and refines branches on known values, follows exception edges,
 * and hands calls, exits and discarded values to its {@link Rules}.
 *
 * <ol>
 *   <li>Each instruction is visited once per distinct state, at most {@link #MAX_STATES_PER_INSN}
 *       states, the method at most {@link #MAX_STEPS} steps; past either bound it is marked
 *       truncated (reported, never silently clean).</li>
 *   <li>A conditional jump on a known value ({@link Sym.IntConst}, a try-acquire's result, a
 *       non-null reference) follows only the feasible side. On an {@link Sym.Opaque} value it
 *       follows both, and on each side replaces every copy of the value by what the side proved,
 *       so that {@code if (b) lock(); ...; if (b) unlock();} is two paths, not four.</li>
 *   <li>Int and boolean fields of {@code this} that are not volatile keep their value along a
 *       path once written or tested; a call that may run any code forgets those that are not
 *       final.</li>
 *   <li>A call the {@link Rules} say may throw, an {@code athrow}, an {@code invokedynamic} or a
 *       monitor instruction has an edge to every handler covering it; an uncaught one is an
 *       exceptional exit.</li>
 * </ol>
 */
final class PathExplorer {

    static final int MAX_STATES_PER_INSN = 1024;
    static final int MAX_STEPS = 200_000;

    /** What the paths are checked for. */
    interface Rules {
        /** A call: push the successor states of its normal path with {@link #next} and its exceptions with {@link #exceptionEdges}. */
        void call(int i, MethodInsnNode call, PathState s) throws AnalyzerException;

        /** A method exit with the locks {@code locks}; {@code cause} is {@code null} for a return, else what threw. */
        void exit(PathState s, LockState locks, String cause);

        /** A value the method drops ({@code pop}), before it is dropped. */
        PathState discard(int i, PathState s);

        /** A value an instruction reads (a branch, a return, an argument...). */
        PathState read(PathState s, Sym value);
    }

    private final MethodNode method;
    private final InsnList insns;
    private final SymInterpreter interp;
    private final int[] lineOf;
    private final ClassIndex index;
    private List<TryCatchBlockNode>[] handlers;
    private Set<PathState>[] seen;
    private final ArrayDeque<Object[]> work = new ArrayDeque<>();
    private String truncation;
    /** Fields of this read or written here -> whether final (null: not tracked, e.g. volatile). */
    private final Map<LockKey, Boolean> fieldStability = new HashMap<>();
    private Rules rules;
    private final LockNames names;

    PathExplorer(MethodNode method, ClassIndex index, LockNames names) {
        this.method = method;
        this.index = index;
        this.insns = method.instructions;
        this.interp = new SymInterpreter(insns, names::indexNameAt);
        this.lineOf = names.lines();
        this.names = names;
    }

    MethodNode method() {
        return method;
    }

    InsnList insns() {
        return insns;
    }

    SymInterpreter interpreter() {
        return interp;
    }

    int lineAt(int i) {
        return lineOf[i];
    }

    /** Why some paths were not followed, or {@code null} if all were. */
    String truncation() {
        return truncation;
    }

    /** Explores every path from the entry. */
    @SuppressWarnings("unchecked")
    void run(Rules pathRules, Frame<Sym> initial) throws AnalyzerException {
        this.rules = pathRules;
        int n = insns.size();
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
        next(0, new PathState(initial, LockState.EMPTY, Map.of(), null));
        int steps = 0;
        while (!work.isEmpty()) {
            if (++steps > MAX_STEPS) {
                truncation = "more than " + MAX_STEPS + " steps";
                break;
            }
            Object[] item = work.poll();
            step((Integer) item[0], (PathState) item[1]);
        }
    }

    /** Continues a path at instruction {@code index}. */
    void next(int index, PathState s) {
        if (index >= seen.length) {
            return;
        }
        Set<PathState> set = seen[index];
        if (set == null) {
            set = new HashSet<>();
            seen[index] = set;
        }
        if (set.size() < MAX_STATES_PER_INSN) {
            if (set.add(s)) { // one hash lookup: most states reaching an instruction are new there
                work.add(new Object[] {index, s});
            }
            return;
        }
        if (!set.contains(s) && truncation == null) {
            truncation = "more than " + MAX_STATES_PER_INSN + " distinct states at line " + lineOf[index];
        }
    }

    private void step(int i, PathState s) throws AnalyzerException {
        AbstractInsnNode insn = insns.get(i);
        int op = insn.getOpcode();
        if (op < 0) {
            if (insn instanceof LineNumberNode ln && ln.line != s.line()) {
                s = s.withTrace(new Trace(ln.line, null, s.trace));
            }
            next(i + 1, s);
            return;
        }
        s = readOperands(insn, op, s);
        switch (op) {
            case Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN, Opcodes.RETURN -> {
                rules.exit(s.note("returns"), s.locks, null);
                return;
            }
            case Opcodes.ATHROW -> {
                exceptionEdges(i, s, s.locks, "throw");
                return;
            }
            case Opcodes.JSR, Opcodes.RET -> throw new AnalyzerException(insn,
                    "JSR/RET subroutines (class files older than version 50) are not supported; recompile with a current javac");
            case Opcodes.POP, Opcodes.POP2 -> s = rules.discard(i, s);
            default -> {
                // other instructions have no lock effect
            }
        }
        if (insn instanceof MethodInsnNode call) {
            rules.call(i, call, s);
            return;
        }
        if (op == Opcodes.INVOKEDYNAMIC || op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT) {
            // Runtime exceptions of field and array access, casts and arithmetic are not followed:
            // on real code they are noise (a getfield before an unlock in a finally block).
            exceptionEdges(i, s, s.locks, null);
        }
        Frame<Sym> next = new Frame<>(s.frame);
        Sym top = s.top();
        Sym second = s.frame.getStackSize() > 1 ? s.frame.getStack(s.frame.getStackSize() - 2) : null;
        if (op == Opcodes.PUTFIELD) {
            s = putField((FieldInsnNode) insn, second, top, s);
        }
        next.execute(insn, interp);
        if (op == Opcodes.GETFIELD && next.getStack(next.getStackSize() - 1) instanceof Sym.Opaque o) {
            Boolean stable = stability((FieldInsnNode) insn, o.origin());
            PathState.Fact known = stable == null ? null : s.facts.get(o.origin());
            if (known != null) {
                next.pop();
                next.push(known.value());
            }
        }
        if (insn instanceof JumpInsnNode jump) {
            branch(i, jump, op, top, second, s, next);
        } else if (insn instanceof TableSwitchInsnNode ts) {
            PathState after = s.with(next, s.locks);
            next(insns.indexOf(ts.dflt), after);
            for (LabelNode l : ts.labels) {
                next(insns.indexOf(l), after);
            }
        } else if (insn instanceof LookupSwitchInsnNode ls) {
            PathState after = s.with(next, s.locks);
            next(insns.indexOf(ls.dflt), after);
            for (LabelNode l : ls.labels) {
                next(insns.indexOf(l), after);
            }
        } else {
            next(i + 1, s.with(next, s.locks));
        }
    }

    /** Tells the rules which values an instruction reads; moves (loads, stores, dups) read nothing. */
    private PathState readOperands(AbstractInsnNode insn, int op, PathState s) {
        if (s.locks.unread().isEmpty() || (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD)
                || (op >= Opcodes.ISTORE && op <= Opcodes.ASTORE) || (op >= Opcodes.POP && op <= Opcodes.SWAP)
                || op == Opcodes.GOTO || op == Opcodes.NOP) {
            return s;
        }
        int n = s.frame.getStackSize();
        int count = insn instanceof MethodInsnNode m ? Type.getArgumentTypes(m.desc).length + 1 : 2;
        for (int k = Math.max(0, n - count); k < n; k++) {
            s = rules.read(s, s.frame.getStack(k));
        }
        return s;
    }

    private PathState putField(FieldInsnNode f, Sym object, Sym value, PathState s) {
        if (!(object instanceof Sym.Ref r) || !SymInterpreter.isIntLike(Type.getType(f.desc))) {
            return s;
        }
        LockKey path = LockKey.field(r.path(), f.name);
        Boolean stable = stability(f, path);
        if (stable == null || !path.isFieldOfThis() || (method.access & Opcodes.ACC_STATIC) != 0) {
            return s;
        }
        Map<LockKey, PathState.Fact> facts = new HashMap<>(s.facts);
        if (value instanceof Sym.IntConst || value instanceof Sym.Opaque || value instanceof Sym.NonZero) {
            facts.put(path, new PathState.Fact(value, stable));
        } else {
            facts.remove(path);
        }
        return s.withFacts(Map.copyOf(facts));
    }

    /** Whether a field of this is final ({@code TRUE}), plain ({@code FALSE}) or not tracked ({@code null}). */
    private Boolean stability(FieldInsnNode f, LockKey path) {
        if (!path.isFieldOfThis() || (method.access & Opcodes.ACC_STATIC) != 0) {
            return null;
        }
        Boolean known = fieldStability.get(path);
        if (known == null && !fieldStability.containsKey(path)) {
            known = index.fieldStability(f.owner, f.name);
            fieldStability.put(path, known);
        }
        return known;
    }

    private void branch(int i, JumpInsnNode jump, int op, Sym top, Sym second, PathState s, Frame<Sym> next) {
        int target = insns.indexOf(jump.label);
        int line = lineOf[i];
        if (op == Opcodes.GOTO) {
            next(target, target < i ? s.with(next, s.locks).note("loop: back to line " + lineOf[target]) : s.with(next, s.locks));
            return;
        }
        Boolean taken = Branches.decide(op, top, second);
        if (taken == null && (op == Opcodes.IFNULL || op == Opcodes.IFNONNULL) && top instanceof Sym.Ref r && dereferenced(r.path(), s)) {
            taken = op == Opcodes.IFNONNULL; // a lock was taken through it, so it is not null
        }
        PathState base = s.with(next, s.locks);
        if (taken != null) {
            push(i, target, base, taken, Branches.describe(op, top, taken, names), line);
            return;
        }
        if ((op == Opcodes.IFEQ || op == Opcodes.IFNE) && top instanceof Sym.Opaque o) {
            Sym zero = new Sym.IntConst(0);
            Sym nonZero = o.bool() ? new Sym.IntConst(1) : new Sym.NonZero(o.origin());
            Boolean stable = fieldStability.get(o.origin());
            PathState isZero = PathState.refine(next, s, o, zero, stable);
            PathState notZero = PathState.refine(next, s, o, nonZero, stable);
            boolean jumpsOnZero = op == Opcodes.IFEQ;
            push(i, target, jumpsOnZero ? isZero : notZero, true, Branches.describe(op, top, true, names), line);
            push(i, target, jumpsOnZero ? notZero : isZero, false, Branches.describe(op, top, false, names), line);
            return;
        }
        push(i, target, base, true, Branches.describe(op, top, true, names), line);
        push(i, target, base, false, Branches.describe(op, top, false, names), line);
    }

    /** Whether a held lock is {@code path} or reached through it (the path called a method on it). */
    private static boolean dereferenced(LockKey path, PathState s) {
        for (LockKey k : s.locks.held().keySet()) {
            for (LockKey p = k; p != null; p = p.parent()) {
                if (p.equals(path)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void push(int i, int target, PathState s, boolean taken, String what, int line) {
        PathState noted = s.withTrace(s.trace == null ? new Trace(line, what, null) : s.trace.then(line, what));
        if (taken) {
            next(target, target < i ? noted.note("loop: back to line " + lineOf[target]) : noted);
        } else {
            next(i + 1, noted);
        }
    }

    /**
     * Follows the exception edges of instruction {@code i} with lock state {@code locks}; if no
     * catch-all handler covers it and {@code exitCause} is set, also the exceptional method exit.
     */
    void exceptionEdges(int i, PathState s, LockState locks, String exitCause) {
        boolean caughtAll = false;
        List<TryCatchBlockNode> hs = handlers[i];
        String thrown = exitCause == null || exitCause.equals("throw") ? "exception thrown at line " + lineOf[i]
                : "exception thrown by " + exitCause + " at line " + lineOf[i];
        if (hs != null) {
            for (TryCatchBlockNode h : hs) {
                Frame<Sym> f = new Frame<>(s.frame);
                f.clearStack();
                int at = insns.indexOf(h.handler);
                f.push(new Sym.Ref(new LockKey.Site(LockKey.SiteKind.CAUGHT, at), true));
                PathState caught = new PathState(f, locks, s.facts, s.trace).note(thrown + ", caught"
                        + (h.type == null ? " by finally" : " as " + h.type.substring(h.type.lastIndexOf('/') + 1)));
                next(at, caught);
                if (h.type == null || h.type.equals("java/lang/Throwable")) {
                    caughtAll = true;
                    break;
                }
            }
        }
        if (!caughtAll && exitCause != null) {
            rules.exit(s.note(thrown + ", not caught"), locks, exitCause);
        }
    }
}
