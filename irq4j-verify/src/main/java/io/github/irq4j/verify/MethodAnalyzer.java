package io.github.irq4j.verify;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The path-sensitive lock-state analysis of one method: a {@link PathExplorer} driven by the
 * {@link LockRules}, whose exits go to the {@link ExitRules}.
 */
final class MethodAnalyzer {

    /** What the analysis needs from its class. */
    interface Context {
        ClassIndex index();

        /** Which calls may throw. */
        ThrowModel throwModel();

        /** The summary of the method a call invokes, or {@code null} if it has none. */
        Summary summaryOf(MethodInsnNode call);

        boolean isIoCallback(MethodNode m);

        void report(MethodNode m, StaticRule rule, int line, String message, List<TraceStep> steps, String dedupeKey);
    }

    private final Context ctx;
    private final String ownerName;
    private final MethodNode method;
    private final boolean summaryMode;
    private String truncation;
    private ExitRules exits;

    /**
     * @param summaryMode compute the method's effect on its caller: locks held at a normal exit and
     *        locks released without being held are recorded, not reported
     */
    MethodAnalyzer(Context ctx, String ownerName, MethodNode method, boolean summaryMode) {
        this.ctx = ctx;
        this.ownerName = ownerName;
        this.method = method;
        this.summaryMode = summaryMode;
    }

    /** Why some paths were not followed, or {@code null}. */
    String truncation() {
        return truncation;
    }

    /**
     * Runs the analysis.
     *
     * @return in summary mode, the summary if the normal exits agree on one, else {@code null}
     * @throws AnalyzerException if the bytecode cannot be interpreted (an invalid class file)
     */
    Summary run() throws AnalyzerException {
        if (method.instructions.size() == 0) {
            return null;
        }
        LockNames names = new LockNames(method);
        PathExplorer ex = new PathExplorer(method, ctx.index(), names);
        boolean lockImplementation = (method.name.equals("lock") || method.name.equals("lockInterruptibly")
                || method.name.equals("tryLock")) && ctx.index().isLock(ownerName);
        exits = new ExitRules(ctx, method, names, summaryMode, lockImplementation);
        LockRules rules = new LockRules(ctx, ownerName, ex, names, exits, summaryMode);
        ex.run(rules, initialFrame(ex.interpreter()));
        truncation = ex.truncation();
        if (summaryMode) {
            return truncation == null ? exits.summary() : null;
        }
        return null;
    }

    /** After {@link #run()} outside summary mode: whether some exit leaks a {@code java.util.concurrent} lock. */
    boolean leaksJuc() {
        return exits != null && exits.leaksJuc();
    }

    /** After {@link #run()} outside summary mode: reports the leaks; see {@link ExitRules#finish}. */
    void finish(boolean wrapper, Summary summary) {
        if (exits != null) {
            exits.finish(wrapper, summary);
        }
    }

    private Frame<Sym> initialFrame(SymInterpreter interp) {
        Frame<Sym> f = new Frame<>(method.maxLocals, method.maxStack);
        int slot = 0;
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            f.setLocal(slot++, new Sym.Ref(new LockKey.Param(0), true));
        }
        for (Type t : Type.getArgumentTypes(method.desc)) {
            if (SymInterpreter.isReference(t)) {
                f.setLocal(slot, new Sym.Ref(new LockKey.Param(slot), false));
            } else if (SymInterpreter.isIntLike(t)) {
                f.setLocal(slot, new Sym.Opaque(new LockKey.Param(slot), t.getSort() == Type.BOOLEAN));
            } else {
                f.setLocal(slot, interp.newValue(t));
            }
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
}
