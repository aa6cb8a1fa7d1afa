package io.github.irq4j.internal;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptLockScope;

/** The try-with-resources form of an interrupt's lock: one per interrupt, reused, so it allocates nothing. */
public final class LockScope implements InterruptLockScope {

    private final Interrupt interrupt;

    LockScope(Interrupt interrupt) {
        this.interrupt = interrupt;
    }

    @Override
    public void close() {
        interrupt.releaseLock();
    }
}
