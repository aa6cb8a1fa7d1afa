package io.github.irq4j;

/**
 * UMDF 1's {@code IWDFInterrupt} interface, method for method, over a passive interrupt. Each
 * method does exactly what the {@link Interrupt} method named in its Javadoc does.
 */
public sealed interface Umdf1Interrupt permits io.github.irq4j.internal.Umdf1View {

    /** {@code IWDFInterrupt::AcquireInterruptLock}: {@link Interrupt#acquireLock()}. */
    void acquireInterruptLock();

    /** {@code IWDFInterrupt::Disable}: {@link Interrupt#disable()}. */
    void disable();

    /** {@code IWDFInterrupt::Enable}: {@link Interrupt#enable()}. */
    void enable();

    /** {@code IWDFInterrupt::GetDevice}: {@link Interrupt#getDevice()}. */
    Device getDevice();

    /** {@code IWDFInterrupt::GetInfo}: {@link Interrupt#getInfo()}. */
    InterruptInfo getInfo();

    /** {@code IWDFInterrupt::QueueWorkItemForIsr}: {@link Interrupt#queueWorkItemForIsr()}. */
    boolean queueWorkItemForIsr();

    /** {@code IWDFInterrupt::ReleaseInterruptLock}: {@link Interrupt#releaseLock()}. */
    void releaseInterruptLock();

    /** {@code IWDFInterrupt::SetExtendedPolicy}: {@link Interrupt#setExtendedPolicy}. */
    void setExtendedPolicy(InterruptExtendedPolicy policy);

    /** {@code IWDFInterrupt::SetPolicy}: {@link Interrupt#setPolicy}. */
    void setPolicy(InterruptPolicy policy, InterruptPriority priority, long targetProcessorSet);

    /** {@code IWDFInterrupt::TryToAcquireInterruptLock}: {@link Interrupt#tryToAcquireLock()}. */
    boolean tryToAcquireInterruptLock();

    /** The interrupt this view shows. */
    Interrupt interrupt();
}
