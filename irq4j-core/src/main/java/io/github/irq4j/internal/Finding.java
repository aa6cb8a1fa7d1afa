package io.github.irq4j.internal;

import io.github.irq4j.Irql;
import io.github.irq4j.Rule;

/**
 * What a failed runtime check found, in the words of its message: {@code what} was called,
 * {@code found} is what was wrong, {@code fix} what to do. The {@link Verifier} adds where and when
 * (thread, level found, level allowed, acquire site). Made on the violation path only.
 *
 * @param rule the broken rule
 * @param object the interrupt or lock the violation is about, as {@link io.github.irq4j.Violation#interrupt()} names it
 * @param what the call and object, such as {@code "acquireLock() on 'uart0'"}
 * @param found what was wrong, such as {@code "already held by this thread"}
 * @param fix what to do instead
 */
record Finding(Rule rule, String object, String what, String found, String fix) {

    /** {@code IrqlTooHigh}: {@code call} on {@code object} at {@code irql}. */
    static Finding levelTooHigh(String object, String what, int irql, String fix) {
        return new Finding(Rule.IRQL_TOO_HIGH, object, what, "called at " + Irql.of(irql), fix);
    }
}
