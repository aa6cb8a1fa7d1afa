package io.github.irq4j;

/**
 * Routine for {@link Interrupt#synchronizeExecution(SynchronizeRoutine, Object)}. Mirrors the
 * {@code KSYNCHRONIZE_ROUTINE} of {@code KeSynchronizeExecution}: the context is passed in, so a
 * routine kept in a field needs no capturing lambda.
 *
 * @param <T> the type of the synchronize context
 */
@FunctionalInterface
public interface SynchronizeRoutine<T> {
    /**
     * @param context the context given to {@code synchronizeExecution}
     * @return the value {@code synchronizeExecution} returns
     */
    boolean run(T context);
}
