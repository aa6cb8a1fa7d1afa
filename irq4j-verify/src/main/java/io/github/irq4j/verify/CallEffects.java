package io.github.irq4j.verify;

import io.github.irq4j.verify.LockCall.Family;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * A call that is not itself a lock operation: the effect of the called method's summary or
 * annotation on the caller's locks (rewritten into the caller's values), whether it may throw,
 * and, for a method that acquires depending on its result, the fork into "returned true" and
 * "returned false".
 */
final class CallEffects {
    private final MethodAnalyzer.Context ctx;
    private final PathExplorer ex;
    private final LockNames names;
    private final LockRules rules;

    CallEffects(MethodAnalyzer.Context ctx, PathExplorer ex, LockNames names, LockRules rules) {
        this.ctx = ctx;
        this.ex = ex;
        this.names = names;
        this.rules = rules;
    }

    void call(int i, MethodInsnNode call, PathState s, Frame<Sym> next, Sym receiver) {
        Type[] args = Type.getArgumentTypes(call.desc);
        LockState after = s.locks;
        LockState onThrow = s.locks;
        MethodNode target = ctx.index().method(call.owner, call.name, call.desc);
        Summary sum = ctx.summaryOf(call);
        String name = "call to " + call.name + "()";
        Sym[] slots = argumentSlots(s.frame, call, args);
        String noted = null;
        if (sum != null && !sum.isEmpty()) {
            for (Map.Entry<LockKey, Family> e : sum.released().entrySet()) {
                LockKey key = translate(e.getKey(), slots);
                if (key != null) {
                    after = rules.release(after, key, e.getValue(), name, s);
                    noted = name + " releases " + names.display(key);
                }
            }
            onThrow = after; // like a release, a helper that throws has released what it releases
            for (Map.Entry<LockKey, Family> e : sum.acquired().entrySet()) {
                LockKey key = translate(e.getKey(), slots);
                if (key != null) {
                    after = rules.acquire(after, key, e.getValue(), name, s, i);
                    noted = name + " acquires " + names.display(key);
                }
            }
        } else if (target != null && Annotations.acquires(target) instanceof Annotations.Acquire a && a.interrupt()) {
            after = after.withUnknown(after.unknown() + 1);
        } else if (target != null && Annotations.releases(target)) {
            after = after.unknown() > 0 ? after.withUnknown(after.unknown() - 1) : after.releaseAllInterrupt();
        }
        // A call that throws has acquired nothing for its caller. A getter on a followed reference
        // (rw.readLock(), interrupt.asUmdf1()) is taken not to throw: it names the lock.
        int size = s.frame.getStackSize();
        Type ret = Type.getReturnType(call.desc);
        boolean getter = (args.length == 0 && receiver instanceof Sym.Ref
                || SymInterpreter.isSyntheticAccessor(call) && s.frame.getStack(size - 1) instanceof Sym.Ref)
                && (ret.getSort() == Type.OBJECT || ret.getSort() == Type.ARRAY);
        boolean mayThrow = !getter && ctx.throwModel().mayThrow(call, target, s.locks);
        if (mayThrow) {
            ex.exceptionEdges(i, s, onThrow, call.name + "()");
        }
        if (sum != null && sum.returnsSlot() >= 0 && sum.returnsSlot() < slots.length && slots[sum.returnsSlot()] != null
                && next.getStackSize() > 0) {
            next.pop(); // lock(); return this; returns the receiver, the same object the caller holds
            next.push(slots[sum.returnsSlot()]);
        }
        PathState base = s.with(next, after);
        if (mayThrow) {
            base = base.afterOpaqueCall();
        }
        if (noted != null) {
            base = base.note(noted);
        }
        if (sum != null && sum.isConditional() && ret.getSort() == Type.BOOLEAN) {
            fork(i, call, base, sum, slots);
            return;
        }
        ex.next(i + 1, base);
    }

    /** A method that holds a lock exactly when it returns true (or false): like a try-acquire. */
    private void fork(int i, MethodInsnNode call, PathState s, Summary sum, Sym[] slots) {
        for (boolean result : new boolean[] {true, false}) {
            Map<LockKey, Family> acquired = result ? sum.acquiredIfTrue() : sum.acquiredIfFalse();
            LockState locks = s.locks;
            LockKey first = null;
            Family family = Family.JUC;
            for (Map.Entry<LockKey, Family> e : acquired.entrySet()) {
                LockKey key = translate(e.getKey(), slots);
                if (key != null) {
                    locks = rules.acquire(locks, key, e.getValue(), "call to " + call.name + "()", s, i);
                    first = first == null ? key : first;
                    family = e.getValue();
                }
            }
            Frame<Sym> f = new Frame<>(s.frame);
            f.pop();
            f.push(first == null ? new Sym.IntConst(result ? 1 : 0) : new Sym.TryResult(first, family, result, i, s.line()));
            ex.next(i + 1, s.with(f, locks).note(call.name + "() returned " + result
                    + (acquired.isEmpty() ? "" : ": holds " + names.display(first == null ? acquired.keySet().iterator().next() : first))));
        }
    }

    /** The values in the callee's parameter slots at a call: receiver in slot 0, then arguments. */
    static Sym[] argumentSlots(Frame<Sym> f, MethodInsnNode call, Type[] args) {
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
    static LockKey translate(LockKey key, Sym[] slots) {
        return key.rebase(root -> switch (root) {
            case LockKey.Static st -> st;
            case LockKey.Param p -> p.slot() < slots.length && slots[p.slot()] instanceof Sym.Ref r ? r.path() : null;
            default -> null;
        });
    }
}
