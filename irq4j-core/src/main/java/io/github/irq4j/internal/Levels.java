package io.github.irq4j.internal;

import io.github.irq4j.Irql;

/**
 * The level values the framework keeps in {@link ThreadState} and {@link LockCore}: the numbering
 * of {@link Irql#value()}, named so that no bare {@code 0}, {@code 2} or {@code 3 +} stands for a
 * level in the implementation.
 */
final class Levels {

    /** {@code PASSIVE_LEVEL}: work items, queue callbacks, passive-level ISRs, application threads. */
    static final int PASSIVE = Irql.PASSIVE.value();
    /** {@code DISPATCH_LEVEL}: DPCs and holders of dispatch-level (callback) spin locks. */
    static final int DISPATCH = Irql.DISPATCH.value();
    /** The value of {@code DIRQL(0)}; {@code DIRQL(n)} is {@code DIRQL_BASE + n}. */
    static final int DIRQL_BASE = Irql.dirql(0).value();

    private Levels() {
    }

    /** The value of {@code DIRQL(index)}, the level of an interrupt spin lock of that index. */
    static int dirql(int index) {
        return DIRQL_BASE + index;
    }
}
