package io.github.irq4j.sim;

import io.github.irq4j.Registers;

/**
 * Called by simulated {@link Registers} before each access: the points at which driver code may be
 * preempted. The {@link DeterministicScheduler} installs one to run pending ISRs and device events
 * in the middle of driver code, as another CPU or the hardware would.
 */
@FunctionalInterface
public interface PreemptionHook {
    /**
     * @param registers the register window accessed
     * @param offset the byte offset accessed
     * @param write whether the access is a write
     */
    void beforeRegisterAccess(Registers registers, long offset, boolean write);
}
