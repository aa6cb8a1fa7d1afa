package io.github.irq4j.verify;

import io.github.irq4j.verify.LockCall.Family;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * What the locks held at a method's exits mean: leaks, reported once per acquire with every exit
 * that leaks it named, and unread try-acquire results; or, while computing a summary, the
 * method's effect on its caller.
 */
final class ExitRules {

    /** One acquire that some exits leak. */
    private static final class Leak {
        final StaticRule rule;
        final LockKey key;
        final LockState.Held held;
        final Set<String> exits = new LinkedHashSet<>();
        PathState first;
        int firstLine = Integer.MAX_VALUE;

        Leak(StaticRule rule, LockKey key, LockState.Held held) {
            this.rule = rule;
            this.key = key;
            this.held = held;
        }
    }

    /** A normal exit seen while computing a summary. */
    private record Exit(LockState locks, Sym returned) {
    }

    private final MethodAnalyzer.Context ctx;
    private final MethodNode method;
    private final LockNames names;
    private final boolean summaryMode;
    private final Annotations.Acquire declared;
    private final boolean lockImplementation;
    private final Map<List<Object>, Leak> leaks = new LinkedHashMap<>();
    private final List<Exit> normalExits = new ArrayList<>();
    /** Locks some path of this method releases. */
    private final Set<LockKey> released = new java.util.HashSet<>();

    ExitRules(MethodAnalyzer.Context ctx, MethodNode method, LockNames names, boolean summaryMode, boolean lockImplementation) {
        this.ctx = ctx;
        this.method = method;
        this.names = names;
        this.summaryMode = summaryMode;
        this.declared = Annotations.acquires(method);
        this.lockImplementation = lockImplementation;
    }

    void exit(PathState s, LockState locks, String cause) {
        if (summaryMode) {
            if (cause == null) {
                normalExits.add(new Exit(locks, s.frame.getStackSize() > 0 ? s.top() : null));
            }
            return;
        }
        String how = cause == null ? "returns at line " + s.line()
                : cause.equals("throw") ? "exits by a throw at line " + s.line()
                : "exits by an exception from " + cause + " at line " + s.line();
        if (cause == null) {
            for (Sym.TryResult t : locks.unread()) {
                ctx.report(method, StaticRule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY, t.line(), "the result of the try-acquire of "
                        + names.display(t.lock()) + " at line " + t.line() + " is stored but never read; branch on it and "
                        + "release the lock only when it returned true", Trace.stepsOf(s.trace),
                        StaticRule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY.id() + ":discard:" + t.site());
            }
        }
        if (declared != null) {
            return; // an intended acquire: its callers are checked instead
        }
        for (Map.Entry<LockKey, LockState.Held> e : locks.held().entrySet()) {
            LockState.Held h = e.getValue();
            if (h.family() == Family.JUC && lockImplementation) {
                continue;
            }
            StaticRule rule = h.family() == Family.INTERRUPT ? StaticRule.WDF_INTERRUPT_LOCK_RELEASE : StaticRule.LOCK_RELEASE;
            Leak leak = leaks.computeIfAbsent(List.of(rule, e.getKey(), h.site()), k -> new Leak(rule, e.getKey(), h));
            leak.exits.add(how);
            if (s.line() < leak.firstLine) {
                leak.firstLine = s.line();
                leak.first = s;
            }
        }
        if (locks.unknown() > 0) {
            Leak leak = leaks.computeIfAbsent(List.of("unknown"), k -> new Leak(StaticRule.WDF_INTERRUPT_LOCK_RELEASE, null, null));
            leak.exits.add(how);
            if (s.line() < leak.firstLine) {
                leak.firstLine = s.line();
                leak.first = s;
            }
        }
    }

    /** A release of {@code key} on some path. */
    void noteRelease(LockKey key) {
        released.add(key);
    }

    /** Whether some exit leaks a {@code java.util.concurrent} lock. */
    boolean leaksJuc() {
        return leaks.values().stream().anyMatch(l -> l.held != null && l.held.family() == Family.JUC);
    }

    /**
     * Reports the leaks, one finding per acquire.
     *
     * @param wrapper the method may be an acquire wrapper (it is called from the input, or is
     *        public or protected): a {@code java.util.concurrent} lock it never releases on any
     *        path, or that its summary says it returns holding, is intended and not reported
     * @param summary its summary, or {@code null}
     */
    void finish(boolean wrapper, Summary summary) {
        for (Leak leak : leaks.values()) {
            if (wrapper && leak.held != null && leak.held.family() == Family.JUC
                    && (!released.contains(leak.key) || (summary != null && (summary.acquired().containsKey(leak.key)
                    || summary.acquiredIfTrue().containsKey(leak.key) || summary.acquiredIfFalse().containsKey(leak.key))))) {
                continue;
            }
            String how = String.join(" and ", leak.exits);
            String message;
            if (leak.key == null) {
                message = "method " + how + " holding an interrupt lock taken by a call to an @AcquiresInterruptLock method; "
                        + "release it, or annotate this method @AcquiresInterruptLock too";
            } else if (leak.held.family() == Family.INTERRUPT) {
                message = "method " + how + " holding the interrupt lock of " + names.display(leak.key) + " (" + leak.held.api()
                        + " at line " + leak.held.line() + "); release it on every path with try/finally or "
                        + "try (InterruptLockScope held = ...acquireLockScope()), or annotate the method @AcquiresInterruptLock "
                        + "if it returns holding the lock on purpose";
            } else {
                message = "method " + how + " holding lock " + names.display(leak.key) + " (" + leak.held.api() + " at line "
                        + leak.held.line() + (leak.held.count() > 1 ? ", held " + leak.held.count() + " times" : "")
                        + "); call unlock() in a finally block that starts right after the lock is taken, or annotate the "
                        + "method @AcquiresLock if it returns holding the lock on purpose";
            }
            ctx.report(method, leak.rule, leak.first.line(), message, Trace.stepsOf(leak.first.trace),
                    leak.rule.id() + ":leak:" + (leak.key == null ? "unknown" : leak.key + "@" + leak.held.site()));
        }
    }

    /** The method's effect on its caller, if its normal exits agree on one; else {@code null}. */
    Summary summary() {
        if (normalExits.isEmpty()) {
            return null;
        }
        // A lock released without being held on some normal exits and left alone on the others
        // (if (isHeldByCurrentThread()) unlock()) is taken as released: the caller holds it.
        Map<LockKey, Family> borrowed = new HashMap<>();
        for (Exit e : normalExits) {
            if (e.locks().unknown() != 0) {
                return null;
            }
            borrowed.putAll(e.locks().borrowed());
        }
        Map<LockKey, Family> always = heldOf(normalExits.getFirst().locks());
        boolean agree = normalExits.stream().allMatch(e -> heldOf(e.locks()).equals(always));
        if (agree) {
            int slot = -1;
            if (normalExits.getFirst().returned() instanceof Sym.Ref r && r.path() instanceof LockKey.Param p
                    && normalExits.stream().allMatch(e -> e.returned() instanceof Sym.Ref x && x.path().equals(p))) {
                slot = p.slot();
            }
            return new Summary(Map.copyOf(always), Map.copyOf(borrowed), Map.of(), Map.of(), slot);
        }
        if (Type.getReturnType(method.desc).getSort() != Type.BOOLEAN) {
            return null;
        }
        Map<LockKey, Family> whenTrue = null;
        Map<LockKey, Family> whenFalse = null;
        for (Exit e : normalExits) {
            Boolean result = truth(e.returned());
            if (result == null) {
                return null;
            }
            Map<LockKey, Family> held = heldOf(e.locks());
            Map<LockKey, Family> known = result ? whenTrue : whenFalse;
            if (known != null && !known.equals(held)) {
                return null;
            }
            if (result) {
                whenTrue = held;
            } else {
                whenFalse = held;
            }
        }
        if (whenTrue == null || whenFalse == null) {
            return null;
        }
        if (whenFalse.isEmpty()) {
            return new Summary(Map.of(), Map.copyOf(borrowed), Map.copyOf(whenTrue), Map.of(), -1);
        }
        if (whenTrue.isEmpty()) {
            return new Summary(Map.of(), Map.copyOf(borrowed), Map.of(), Map.copyOf(whenFalse), -1);
        }
        return null;
    }

    private static Boolean truth(Sym v) {
        return switch (v) {
            case Sym.IntConst c -> c.value() != 0;
            case Sym.TryResult t -> t.ok();
            case Sym.NonZero n -> Boolean.TRUE;
            case null, default -> null;
        };
    }

    private static Map<LockKey, Family> heldOf(LockState s) {
        Map<LockKey, Family> out = new HashMap<>();
        s.held().forEach((k, h) -> out.put(k, h.family()));
        return out;
    }
}
