package io.github.irq4j.verify;

import org.objectweb.asm.tree.analysis.Value;

/**
 * A symbolic value on the operand stack or in a local variable of the abstract interpreter.
 * Values are compared by content, so two paths that reach an instruction with equal values and
 * equal lock states are explored once.
 *
 * <p>A receiver is identified by where its value comes from ({@link Ref#path()}): the same
 * field of the same object, the same parameter, the same allocation or call site. That is what
 * tells {@code a.acquireLock(); b.acquireLock();} (two locks) from a double acquire. Boolean and
 * int values are followed as constants ({@link IntConst}) or as values with an identity
 * ({@link Opaque}), so that a second test of the same value follows only the side the first one
 * took.
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
     * A reference with a known source.
     *
     * @param path where it comes from
     * @param nonNull whether the value is known not to be {@code null} (an allocation)
     */
    record Ref(LockKey path, boolean nonNull) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }

    /** An int, boolean, char, byte or short constant. */
    record IntConst(int value) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }

    /**
     * An int-like value not known, but with an identity: the field of {@code this} it was read
     * from, the parameter, or the call that returned it. A branch on it replaces it, on each side,
     * by what the branch proved ({@link IntConst} 0, 1 for a boolean, or {@link NonZero}).
     *
     * @param origin where it comes from
     * @param bool whether it is a {@code boolean} (so non-zero means 1)
     */
    record Opaque(LockKey origin, boolean bool) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }

    /** An {@link Opaque} int that a branch proved is not 0. */
    record NonZero(LockKey origin) implements Sym {
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
     * @param family whose lock it is
     * @param ok what the call returned on this path
     * @param site the instruction index of the call
     * @param line the line of the call
     */
    record TryResult(LockKey lock, LockCall.Family family, boolean ok, int site, int line) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }

    /**
     * The old level returned by {@code acquireSpinLock()}.
     *
     * @param lock the lock key
     * @param site the instruction index of the call
     * @param line the line of the call
     */
    record SpinLevel(LockKey lock, int site, int line) implements Sym {
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
    record Scope(LockKey lock) implements Sym {
        @Override
        public int getSize() {
            return 1;
        }
    }

    /** Whether the value is known not to be {@code null}. */
    default boolean isNonNull() {
        return this instanceof Scope || this instanceof SpinLevel || this instanceof LevelConstant
                || (this instanceof Ref r && r.nonNull());
    }
}
