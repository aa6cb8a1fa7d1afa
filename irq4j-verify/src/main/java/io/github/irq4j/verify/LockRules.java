package io.github.irq4j.verify;

import io.github.irq4j.verify.LockCall.Family;
import io.github.irq4j.verify.LockCall.Op;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The lock rules along the paths a {@link PathExplorer} follows: what each lock call, helper
 * call and exit does to the held locks, and the findings at the calls. Leaks at exits are
 * collected by {@link ExitRules}.
 */
final class LockRules implements PathExplorer.Rules {

    private final MethodAnalyzer.Context ctx;
    private final String ownerName;
    private final PathExplorer ex;
    private final LockNames names;
    private final ExitRules exits;
    private final boolean summaryMode;
    private final boolean releasesAnnotated;

    LockRules(MethodAnalyzer.Context ctx, String ownerName, PathExplorer ex, LockNames names, ExitRules exits,
            boolean summaryMode) {
        this.ctx = ctx;
        this.ownerName = ownerName;
        this.ex = ex;
        this.names = names;
        this.exits = exits;
        this.summaryMode = summaryMode;
        this.releasesAnnotated = Annotations.releases(ex.method());
    }

    @Override
    public void exit(PathState s, LockState locks, String cause) {
        exits.exit(s, locks, cause);
    }

    @Override
    public PathState read(PathState s, Sym value) {
        return value instanceof Sym.TryResult t ? s.withLocks(s.locks.read(t.site())) : s;
    }

    @Override
    public PathState discard(int i, PathState s) {
        Sym top = s.top();
        if (top instanceof Sym.TryResult t) {
            if (t.ok() && t.family() == Family.INTERRUPT) {
                report(StaticRule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY, s, "the result of the try-acquire of " + names.display(t.lock())
                        + " at line " + t.line() + " is discarded; branch on it and release the lock only when it returned true",
                        "discard:" + t.site());
            }
            return s.withLocks(s.locks.read(t.site()));
        }
        if (top instanceof Sym.SpinLevel l) {
            report(StaticRule.INTERRUPT_SPIN_LOCK_PASSIVE, s, "the old level returned by acquireSpinLock() on " + names.display(l.lock())
                    + " at line " + l.line() + " is discarded; keep it and pass it to releaseSpinLock(oldIrql)",
                    "spindiscard:" + l.site());
        }
        return s;
    }

    @Override
    public void call(int i, MethodInsnNode call, PathState s) throws AnalyzerException {
        Type[] args = Type.getArgumentTypes(call.desc);
        int size = s.frame.getStackSize();
        boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
        Sym receiver = isStatic ? null : s.frame.getStack(size - args.length - 1);
        LockCall lc = LockCall.classify(call, ctx.index());
        if (lc == null && receiver instanceof Sym.Scope && call.name.equals(CoreApi.SCOPE_CLOSE) && call.desc.equals("()V")) {
            lc = new LockCall(Op.SCOPE_CLOSE, Family.INTERRUPT, "close()");
        }
        Frame<Sym> next = new Frame<>(s.frame);
        next.execute(call, ex.interpreter());
        if (lc != null) {
            lockCall(i, call, lc, keyOf(receiver, i), s, next);
            return;
        }
        new CallEffects(ctx, ex, names, this).call(i, call, s, next, receiver);
    }

    private void lockCall(int i, MethodInsnNode call, LockCall lc, LockKey key, PathState s, Frame<Sym> next) {
        LockState before = s.locks;
        int line = s.line();
        String lock = names.display(key);
        switch (lc.op()) {
            case ACQUIRE, SCOPE_ACQUIRE, SPIN_ACQUIRE -> {
                checkArbitraryThread(lc, call, key, s);
                LockState after = acquire(before, key, lc.family(), lc.api(), s, i);
                if (lc.op() == Op.SCOPE_ACQUIRE) {
                    next.pop();
                    next.push(new Sym.Scope(key));
                } else if (lc.op() == Op.SPIN_ACQUIRE) {
                    next.pop();
                    next.push(new Sym.SpinLevel(key, i, line));
                }
                LockState thrown = lc.family() == Family.JUC ? before.attempt(key, line) : before;
                ex.exceptionEdges(i, s, thrown, null);
                ex.next(i + 1, s.with(next, after).note(lc.api() + " on " + lock + ": held"));
            }
            case TRY_ACQUIRE -> {
                ex.exceptionEdges(i, s, before, null);
                LockState.Held h = before.get(key);
                next.pop();
                Frame<Sym> failed = new Frame<>(next);
                Sym.TryResult no = new Sym.TryResult(key, lc.family(), false, i, line);
                Sym.TryResult yes = new Sym.TryResult(key, lc.family(), true, i, line);
                failed.push(no);
                LockState unreadFailed = lc.family() == Family.INTERRUPT ? before.addUnread(no) : before;
                if (h != null && lc.family() == Family.INTERRUPT) {
                    // the holder retrying gets false and keeps holding (SPEC 2.4)
                    ex.next(i + 1, s.with(failed, unreadFailed).note(lc.api() + " on " + lock + " returned false"));
                    return;
                }
                next.push(yes);
                LockState held = before.acquire(key, lc.family(), line, i, lc.api());
                ex.next(i + 1, s.with(next, lc.family() == Family.INTERRUPT ? held.addUnread(yes) : held)
                        .note(lc.api() + " on " + lock + " returned true: held"));
                ex.next(i + 1, s.with(failed, h == null ? unreadFailed.failedTry(key, line) : unreadFailed)
                        .note(lc.api() + " on " + lock + " returned false"));
            }
            case RELEASE, SCOPE_CLOSE, SPIN_RELEASE -> {
                if (lc.op() == Op.SPIN_RELEASE) {
                    checkSpinPairing(key, s.top(), s);
                }
                LockState after = release(before, key, lc.family(), lc.api(), s);
                ex.exceptionEdges(i, s, after, null);
                ex.next(i + 1, s.with(next, after).note(lc.api() + " on " + lock + ": released"));
            }
            case SYNCHRONIZE -> {
                LockState.Held h = before.get(key);
                if (h != null) {
                    report(StaticRule.WDF_INTERRUPT_LOCK, s, lc.api() + " on " + lock + " while this path holds its lock ("
                            + h.api() + " at line " + h.line() + "); the callback would take it a "
                            + "second time: release it first, or do the work directly under the held lock", "sync:" + i);
                }
                ex.exceptionEdges(i, s, before, lc.api());
                ex.next(i + 1, s.with(next, before).afterOpaqueCall());
            }
            default -> throw new IllegalStateException("unhandled lock operation " + lc.op());
        }
    }

    LockState acquire(LockState before, LockKey key, Family family, String api, PathState s, int site) {
        LockState.Held h = before.get(key);
        if (h != null && family == Family.INTERRUPT) {
            report(StaticRule.WDF_INTERRUPT_LOCK, s, api + " on " + names.display(key) + ", which this path already holds ("
                    + h.api() + " at line " + h.line() + "); interrupt locks are not recursive: call releaseLock() first",
                    "double:" + site + ":" + key);
            return before;
        }
        return before.acquire(key, family, s.line(), site, api);
    }

    LockState release(LockState before, LockKey key, Family family, String api, PathState s) {
        exits.noteRelease(key);
        if (before.get(key) != null) {
            return before.release(key);
        }
        String lock = names.display(key);
        Integer failedAt = before.failedTry().get(key);
        if (failedAt != null) {
            StaticRule rule = family == Family.INTERRUPT ? StaticRule.WDF_INTERRUPT_LOCK : StaticRule.LOCK_RELEASE;
            report(rule, s, api + " on " + lock + " on the path where the try-acquire at line " + failedAt
                    + " returned false, so the lock is not held; release only when the try-acquire returned true",
                    "failedtry:" + s.line() + ":" + key);
            return before;
        }
        Integer attemptedAt = before.attempted().get(key);
        if (family == Family.JUC && attemptedAt != null) {
            report(StaticRule.UNLOCK_NOT_HELD, s, api + " on " + lock + " runs when the acquire at line " + attemptedAt
                    + " threw, so the lock is not held and unlock() throws IllegalMonitorStateException, hiding the first exception; call lock() before the try whose finally unlocks",
                    "unheld:" + s.line() + ":" + key);
            return before;
        }
        if (family == Family.INTERRUPT && before.unknown() > 0) {
            return before.withUnknown(before.unknown() - 1);
        }
        if (summaryMode) {
            return before.borrow(key, family);
        }
        if (family == Family.INTERRUPT && !releasesAnnotated) {
            report(StaticRule.WDF_INTERRUPT_LOCK, s, api + " on " + lock + ", which this path does not hold; acquire it "
                    + "first, or annotate the method @ReleasesInterruptLock if its callers hold the lock", "unheld:" + s.line() + ":" + key);
        }
        // A java.util.concurrent lock released here may have been taken by the caller: not reported.
        return before;
    }

    private void checkSpinPairing(LockKey key, Sym level, PathState s) {
        String found = null;
        LockState.Held held = s.locks.get(key);
        if (level instanceof Sym.LevelConstant c) {
            found = "the constant " + c.text();
        } else if (level instanceof Sym.SpinLevel l && !l.lock().equals(key)) {
            found = "the level acquireSpinLock() returned for " + names.display(l.lock()) + " at line " + l.line();
        } else if (level instanceof Sym.SpinLevel l && held != null && held.site() != l.site()) {
            found = "the level an earlier acquireSpinLock() returned at line " + l.line() + " (this hold was taken at line "
                    + held.line() + ")";
        } else if (level instanceof Sym.Null) {
            found = "null";
        }
        if (found != null) {
            report(StaticRule.INTERRUPT_SPIN_LOCK_PASSIVE, s, "releaseSpinLock(oldIrql) on " + names.display(key) + " is given " + found
                    + ", not the level acquireSpinLock() on it returned; pass the value acquireSpinLock() returned",
                    "spin:" + s.line());
        }
    }

    private void checkArbitraryThread(LockCall lc, MethodInsnNode call, LockKey key, PathState s) {
        if (lc.family() != Family.INTERRUPT || lc.op() == Op.SPIN_ACQUIRE || !ctx.isIoCallback(ex.method())) {
            return;
        }
        boolean passive = call.owner.equals(CoreApi.UMDF1)
                || ctx.index().interruptKind(ownerName, key) == ClassIndex.Kind.PASSIVE;
        if (passive) {
            report(StaticRule.INTERRUPT_LOCK_ARBITRARY_THREAD, s, lc.api() + " on passive interrupt " + names.display(key)
                    + " in I/O queue callback " + ex.method().name + ", which runs in an arbitrary thread; use tryToAcquireLock() "
                    + "and queue a work item that calls acquireLock() when it returns false (the WdfInterruptTryToAcquireLock page)",
                    "arbitrary:" + s.line());
        }
    }

    /** The lock key of a receiver: its access path, or a key of its own for an untracked value. */
    static LockKey keyOf(Sym receiver, int i) {
        if (receiver instanceof Sym.Scope sc) {
            return sc.lock();
        }
        if (receiver instanceof Sym.Ref r) {
            LockKey p = r.path();
            // interrupt.asUmdf1().interrupt() and interrupt.asUmdf1() name interrupt's lock
            if (p instanceof LockKey.Getter g && g.name().equals(CoreApi.UMDF1_INTERRUPT)
                    && g.base() instanceof LockKey.Getter u && u.name().equals(CoreApi.AS_UMDF1)) {
                p = u.base();
            } else if (p instanceof LockKey.Getter u && u.name().equals(CoreApi.AS_UMDF1)) {
                p = u.base();
            }
            return p;
        }
        return new LockKey.Site(LockKey.SiteKind.UNTRACKED, i);
    }

    void report(StaticRule rule, PathState s, String message, String dedupe) {
        ctx.report(ex.method(), rule, s.line(), message, Trace.stepsOf(s.trace), rule.id() + ":" + dedupe);
    }
}
