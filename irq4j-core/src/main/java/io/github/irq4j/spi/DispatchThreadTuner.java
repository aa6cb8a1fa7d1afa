package io.github.irq4j.spi;

import io.github.irq4j.AppliedPolicy;
import io.github.irq4j.InterruptExtendedPolicy;

/**
 * Applies an interrupt's policy to the dispatch thread (SPEC 2.8): CPU affinity and scheduling
 * priority. Found with {@link java.util.ServiceLoader}; {@code irq4j-linux} provides one that uses
 * {@code sched_setaffinity} and {@code SCHED_FIFO} or nice. Without one, nothing is applied and
 * {@link io.github.irq4j.InterruptInfo#applied()} says so.
 */
public interface DispatchThreadTuner {

    /**
     * Applies {@code policy} to the calling thread, the dispatch thread of the interrupt.
     *
     * @return what was applied, with a note on anything that was not permitted
     */
    AppliedPolicy applyToCurrentThread(InterruptExtendedPolicy policy);
}
