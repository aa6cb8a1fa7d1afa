package io.github.irq4j.internal;

import io.github.irq4j.Device;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.InterruptInfo;
import io.github.irq4j.InterruptPolicy;
import io.github.irq4j.InterruptPriority;
import io.github.irq4j.Umdf1Interrupt;

/** UMDF 1's {@code IWDFInterrupt} over a passive interrupt: each method forwards to its twin. */
public final class Umdf1View implements Umdf1Interrupt {

    private final InterruptImpl interrupt;

    Umdf1View(InterruptImpl interrupt) {
        this.interrupt = interrupt;
    }

    @Override public void acquireInterruptLock() { interrupt.acquireLock(); }
    @Override public void disable() { interrupt.disable(); }
    @Override public void enable() { interrupt.enable(); }
    @Override public Device getDevice() { return interrupt.getDevice(); }
    @Override public InterruptInfo getInfo() { return interrupt.getInfo(); }
    @Override public boolean queueWorkItemForIsr() { return interrupt.queueWorkItemForIsr(); }
    @Override public void releaseInterruptLock() { interrupt.releaseLock(); }
    @Override public void setExtendedPolicy(InterruptExtendedPolicy policy) { interrupt.setExtendedPolicy(policy); }
    @Override public void setPolicy(InterruptPolicy policy, InterruptPriority priority, long targetProcessorSet) {
        interrupt.setPolicy(policy, priority, targetProcessorSet);
    }
    @Override public boolean tryToAcquireInterruptLock() { return interrupt.tryToAcquireLock(); }
    @Override public Interrupt interrupt() { return interrupt; }
}
