package io.github.irq4j;

/**
 * Code to run holding the interrupt lock. Mirrors {@code EVT_WDF_INTERRUPT_SYNCHRONIZE}.
 * Keep an instance in a field to run it without allocating.
 */
@FunctionalInterface
public interface InterruptSynchronize {
    /**
     * @param interrupt the interrupt whose lock is held
     * @return the value {@link Interrupt#synchronize(InterruptSynchronize)} returns
     */
    boolean onSynchronize(Interrupt interrupt);
}
