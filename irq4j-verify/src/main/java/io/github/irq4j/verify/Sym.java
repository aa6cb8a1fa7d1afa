package io.github.irq4j.verify;

import org.objectweb.asm.tree.analysis.Value;

/**
 * A symbolic value on the operand stack or in a local variable of the abstract interpreter.
 * Values are compared by content, so two paths that reach an instruction with equal values and
 * equal lock states are explored once.
 *
 * <p>A receiver is identified by where its value comes from ({@link Ref#source()}): the same
 * field of the same object, the same parameter, the same allocation or call site. That is what
 * tells {@code a.acquireLock(); b.acquireLock();} (two locks) from a double acquire.
 */
sealed interface Sym extends Value {

    /** A value the analysis does not follow: one stack slot, or two for long and double. */
    record Unknown(int size) implements Sym {
        static final Unknown ONE = new Unknown(1);
        static final Unknown TWO = new Unknown(2);

        @Override
        public int getSize() {
            return size;
        }
    }

    /** {@code null}, from {@code ACONST_NULL}. */
    record Null() implements Sym {
        static final Null INSTANCE = new Null();

        @Override
        public int getSize() {
            return 1;
        }
    }

    /**
     * A reference with a known source, written as an access path: a root ({@code a0} is
     * {@code this} or the first parameter, {@code aN} the N-th argument slot, {@code s:Owner.field}
     * a static field, {@code new@I} and {@code call@I} the object made or returned at instruction
     * I) followed by {@code .field} and {@code .getter()} steps.
     *
     * @param source the access path
     * @param nonNull whether the value is known not to be {@code null} (an allocation)
     */
    record Ref(String source, boolean nonNull) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }

    /**
     * The result of a try-acquire on the path where it returned {@code ok}: the state was forked
     * at the call, so a branch on it follows only the matching side.
     *
     * @param lock the lock key
     * @param ok what the call returned on this path
     * @param line the line of the call
     */
    record TryResult(String lock, boolean ok, int line) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }

    /**
     * The old level returned by {@code acquireSpinLock()}.
     *
     * @param lock the lock key
     * @param line the line of the call
     */
    record SpinLevel(String lock, int line) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }

    /**
     * A constant level ({@code Irql.PASSIVE}, {@code Irql.dirql(n)}...), which is never the
     * level {@code acquireSpinLock()} returned.
     *
     * @param text how the source names it
     */
    record LevelConstant(String text) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }

    /**
     * The scope object from {@code acquireLockScope()}; its {@code close()} releases {@code lock}.
     * Never {@code null}.
     */
    record Scope(String lock) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }
}
