package io.github.irq4j.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which calls have an exception edge. A call that cannot throw in practice (an intrinsic, a
 * trivial getter, {@code Condition.signal()} while a lock is held) would otherwise open a path on
 * which the lock leaks only because the call "threw", the largest source of false alarms on real
 * code.
 *
 * <p>Not throwing, by default:
 * <ul>
 *   <li>the {@link #DEFAULTS} list: {@code Thread.currentThread()}, {@code System.nanoTime()},
 *       {@code Object.getClass()}, the atomics' and {@code Unsafe}'s accessors...;</li>
 *   <li>{@code Condition.signal()}/{@code signalAll()} when the path holds a
 *       {@code java.util.concurrent} lock (they throw only when it is not held);</li>
 *   <li>a method of the analysed input whose body only returns a constant, a parameter, or a
 *       field of {@code this} (a trivial getter);</li>
 *   <li>what the user adds ({@link #with}): entries {@code owner#name}, with {@code owner} a
 *       dotted or internal class name or a prefix ending in {@code *}, and {@code name} a method
 *       name or {@code *}.</li>
 * </ul>
 * Everything else may throw: each handler covering it is reached, and an uncovered call is an
 * exceptional exit.
 */
final class ThrowModel {

    /** Calls that do not throw on any path a lock analysis should follow. */
    static final List<String> DEFAULTS = List.of(
            "java/lang/Thread#currentThread", "java/lang/Thread#interrupted", "java/lang/Thread#isInterrupted",
            "java/lang/Thread#getId", "java/lang/Thread#interrupt", "java/lang/Thread#threadId", "java/lang/Thread#onSpinWait", "java/lang/Thread#yield",
            "java/lang/System#nanoTime", "java/lang/System#currentTimeMillis", "java/lang/System#identityHashCode",
            "java/lang/Object#getClass", "java/lang/Object#hashCode",
            "java/lang/Math#min", "java/lang/Math#max", "java/lang/Math#abs",
            "java/lang/Integer#valueOf", "java/lang/Long#valueOf", "java/lang/Boolean#valueOf", "java/lang/Integer#intValue",
            "java/lang/Long#longValue", "java/lang/Boolean#booleanValue",
            "java/util/concurrent/atomic/AtomicInteger#*", "java/util/concurrent/atomic/AtomicLong#*",
            "java/util/concurrent/atomic/AtomicBoolean#*", "java/util/concurrent/atomic/AtomicReference#*",
            "java/util/concurrent/locks/LockSupport#unpark",
            "java/util/concurrent/locks/ReentrantLock#isHeldByCurrentThread", "java/util/concurrent/locks/ReentrantLock#isLocked",
            "java/util/concurrent/locks/ReentrantLock#getHoldCount",
            "java/util/concurrent/locks/ReentrantReadWriteLock#readLock", "java/util/concurrent/locks/ReentrantReadWriteLock#writeLock",
            "java/util/concurrent/locks/ReadWriteLock#readLock", "java/util/concurrent/locks/ReadWriteLock#writeLock",
            "sun/misc/Unsafe#*", "jdk/internal/misc/Unsafe#*");

    private record Entry(String owner, boolean ownerPrefix, String name) {
        boolean matches(String o, String n) {
            return (ownerPrefix ? o.startsWith(owner) : o.equals(owner)) && (name.equals("*") || name.equals(n));
        }
    }

    private final List<Entry> entries;

    private ThrowModel(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static ThrowModel defaults() {
        return new ThrowModel(parseAll(DEFAULTS));
    }

    /**
     * This model with more calls that do not throw.
     *
     * @throws IllegalArgumentException for an entry that is not {@code owner#name}
     */
    ThrowModel with(Collection<String> more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(parseAll(more));
        return new ThrowModel(all);
    }

    private static List<Entry> parseAll(Collection<String> specs) {
        List<Entry> out = new ArrayList<>();
        for (String spec : specs) {
            out.add(parse(spec));
        }
        return out;
    }

    private static Entry parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        int hash = spec.indexOf('#');
        if (hash <= 0 || hash == spec.length() - 1 || spec.indexOf('#', hash + 1) >= 0) {
            throw new IllegalArgumentException("not a non-throwing call: '" + spec + "' (expected owner#method, such as "
                    + "com.example.Registers#read or com.example.*#get*... use * for any method: com.example.Util#*)");
        }
        String owner = spec.substring(0, hash).replace('.', '/');
        boolean prefix = owner.endsWith("*");
        if (prefix) {
            owner = owner.substring(0, owner.length() - 1);
        }
        return new Entry(owner, prefix, spec.substring(hash + 1));
    }

    /**
     * Whether a call may throw.
     *
     * @param target the called method if it is in the input, else {@code null}
     */
    boolean mayThrow(MethodInsnNode call, MethodNode target, LockState locks) {
        for (Entry e : entries) {
            if (e.matches(call.owner, call.name)) {
                return false;
            }
        }
        if (call.owner.equals(CoreApi.CONDITION) && call.name.toLowerCase(Locale.ROOT).startsWith("signal") && locks.holdsJuc()) {
            return false;
        }
        return target == null || !isTrivial(target);
    }

    /** Returns a constant, a parameter, or a field of {@code this}, and nothing else. */
    static boolean isTrivial(MethodNode m) {
        if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_SYNCHRONIZED)) != 0) {
            return false;
        }
        int real = 0;
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            int op = i.getOpcode();
            if (op < 0) {
                continue;
            }
            real++;
            boolean ok = (op >= Opcodes.ACONST_NULL && op <= Opcodes.LDC) || (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD)
                    || op == Opcodes.GETFIELD && real == 2 || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN);
            if (!ok || real > 3) {
                return false;
            }
        }
        return real > 0;
    }
}
