package io.github.irq4j;

/**
 * The interrupt lock held in try-with-resources, from {@link Interrupt#acquireLockScope()}.
 * {@link #close()} calls {@link Interrupt#releaseLock()}.
 */
public sealed interface InterruptLockScope extends AutoCloseable permits io.github.irq4j.internal.LockScope {
    /** Releases the interrupt lock through {@link Interrupt#releaseLock()}. */
    @Override
    void close();
}
