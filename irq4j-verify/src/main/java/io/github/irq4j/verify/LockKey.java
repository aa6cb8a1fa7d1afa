package io.github.irq4j.verify;

import java.util.function.Function;

/**
 * What identifies a lock or any followed reference: an access path from a root (a parameter, a
 * static field, the instruction that made the value) through fields, no-argument getters and
 * array elements. Typed, so that rewriting a helper's key into its caller's terms
 * ({@link #rebase}) and showing it as source ({@link LockNames}) need no parsing.
 *
 * <p>Paths are bounded: a step whose field or getter already occurs twice in the path (a
 * {@code p = p.next} walk) becomes a {@link Walk}, which absorbs further steps of the same name,
 * and a path longer than {@link #MAX_LENGTH} steps is cut to a walk as well. So a loop over a
 * linked structure reaches a fixed point instead of a new state per iteration.
 */
sealed interface LockKey {

    /** The most steps a path keeps before it is summarised. */
    int MAX_LENGTH = 6;

    /** A method parameter by local slot; slot 0 of an instance method is {@code this}. */
    record Param(int slot) implements LockKey {
    }

    /** A static field. */
    record Static(String owner, String name) implements LockKey {
    }

    /** Where a value the path does not name comes from. */
    enum SiteKind {
        /** {@code new}/{@code multianewarray}. */
        NEW,
        /** the result of a call with arguments, or on a receiver that is not followed. */
        CALL,
        /** a field of a value that is not followed. */
        FIELD,
        /** an {@code invokedynamic} (lambda, string concatenation). */
        INDY,
        /** the exception a handler catches. */
        CAUGHT,
        /** a receiver whose value is not followed at all. */
        UNTRACKED
    }

    /** A value made at one instruction (its index in the method). */
    record Site(SiteKind kind, int insn) implements LockKey {
    }

    /** {@code base.name}. */
    record Field(LockKey base, String name) implements LockKey {
    }

    /** {@code base.name()}: a no-argument call on a followed reference. */
    record Getter(LockKey base, String name) implements LockKey {
    }

    /** {@code base[index]}; {@code index} is a local's name, a constant, or {@code "?"}. */
    record Element(LockKey base, String index) implements LockKey {
    }

    /** {@code base.step} repeated any number of times: a summarised recursive walk. */
    record Walk(LockKey base, String step) implements LockKey {
    }

    /** {@code base.name}, bounded. */
    static LockKey field(LockKey base, String name) {
        return bounded(base, name, new Field(base, name));
    }

    /** {@code base.name()}, bounded. */
    static LockKey getter(LockKey base, String name) {
        return bounded(base, name + "()", new Getter(base, name));
    }

    /** {@code base[index]}, bounded. */
    static LockKey element(LockKey base, String index) {
        return bounded(base, "[" + index + "]", new Element(base, index));
    }

    private static LockKey bounded(LockKey base, String step, LockKey plain) {
        if (base instanceof Walk w && w.step().equals(step)) {
            return w;
        }
        // Two earlier steps of the same name make a walk (p.next.next.next -> p.next*); one is not
        // enough, since a wrapper's field may share its name with the wrapped object's (this.lock.lock).
        LockKey first = null;
        int seen = 0;
        for (LockKey k = base; k != null; k = k.parent()) {
            if (step.equals(k.stepName())) {
                seen++;
                first = k;
            }
        }
        if (seen >= 2) {
            return new Walk(first.parent(), step);
        }
        if (plain.length() > MAX_LENGTH) {
            return new Walk(base.parent(), base.stepName());
        }
        return plain;
    }

    /** The key one step shorter, or {@code null} for a root. */
    default LockKey parent() {
        return switch (this) {
            case Field f -> f.base();
            case Getter g -> g.base();
            case Element e -> e.base();
            case Walk w -> w.base();
            case Param p -> null;
            case Static s -> null;
            case Site s -> null;
        };
    }

    /** This key's last step as written ({@code next}, {@code lock()}, {@code [i]}), or {@code null} for a root. */
    default String stepName() {
        return switch (this) {
            case Field f -> f.name();
            case Getter g -> g.name() + "()";
            case Element e -> "[" + e.index() + "]";
            case Walk w -> w.step();
            default -> null;
        };
    }

    /** How many steps follow the root. */
    default int length() {
        int n = 0;
        for (LockKey k = parent(); k != null; k = k.parent()) {
            n++;
        }
        return n;
    }

    /** The root of the path. */
    default LockKey root() {
        LockKey k = this;
        while (k.parent() != null) {
            k = k.parent();
        }
        return k;
    }

    /**
     * The same path over another root: a helper's {@code Param(1).irq} becomes the caller's
     * {@code this.dev.irq} when the caller passed {@code this.dev}.
     *
     * @param roots maps a root to the caller's key, or to {@code null} if it has no caller value
     * @return the rewritten key, or {@code null} if the root cannot be rewritten
     */
    default LockKey rebase(Function<LockKey, LockKey> roots) {
        return switch (this) {
            case Field f -> map(f.base(), roots, b -> field(b, f.name()));
            case Getter g -> map(g.base(), roots, b -> getter(b, g.name()));
            case Element e -> map(e.base(), roots, b -> element(b, e.index()));
            case Walk w -> map(w.base(), roots, b -> b instanceof Walk bw && bw.step().equals(w.step()) ? bw : new Walk(b, w.step()));
            default -> roots.apply(this);
        };
    }

    private static LockKey map(LockKey base, Function<LockKey, LockKey> roots, Function<LockKey, LockKey> step) {
        LockKey b = base.rebase(roots);
        return b == null ? null : step.apply(b);
    }

    /** Whether the path is {@code this} followed only by fields: a field of {@code this} whose value may be tracked. */
    default boolean isFieldOfThis() {
        LockKey k = this;
        if (!(k instanceof Field)) {
            return false;
        }
        while (k instanceof Field f) {
            k = f.base();
        }
        return k instanceof Param p && p.slot() == 0;
    }
}
