package io.github.irq4j;

/**
 * A framework interrupt object. Mirrors {@code WDFINTERRUPT} (KMDF/UMDF 2), UMDF 1's
 * {@code IWDFInterrupt} (see {@link #asUmdf1()}) and the WDM interrupt spin-lock routines.
 *
 * <p>An interrupt is created by its {@link Device} from an {@link InterruptConfig}, either in
 * {@link Driver#onDeviceAdd} or in {@link PnpPowerCallbacks#onPrepareHardware}, and goes away with
 * the device. There are two kinds:
 * <ul>
 * <li>spin-lock (DIRQL) interrupts: the ISR runs at {@link Irql#dirql DIRQL} holding a spin lock;
 *     any thread holding the lock is raised to the interrupt's synchronize level;</li>
 * <li>passive-level interrupts ({@code passiveHandling}): the ISR runs at {@code PASSIVE} holding a
 *     non-reentrant wait lock; holders stay at {@code PASSIVE} inside a critical region.</li>
 * </ul>
 * In both, while any thread holds the interrupt lock the ISR cannot run, and while the ISR runs no
 * thread can hold the lock.
 *
 * <p>Usage, from a work item (a non-arbitrary thread): lock just before {@code try}, release
 * first in {@code finally}:
 * <pre>{@code
 * interrupt.acquireLock();
 * try {
 *     ctx.readLocked(request);      // shared with the ISR
 * } finally {
 *     interrupt.releaseLock();
 * }
 * }</pre>
 * From an I/O queue callback (an arbitrary thread) on a passive interrupt, use
 * {@link #tryToAcquireLock()} and fall back to a work item, as the example on the
 * {@code WdfInterruptTryToAcquireLock} page does.
 *
 * <p>Misuse is reported by the runtime verifier under the rule ids of SPEC section 6; in the
 * default {@link VerifierMode#THROW} mode the call throws {@link VerifierViolation}.
 */
public sealed interface Interrupt extends WdfObject permits io.github.irq4j.internal.InterruptImpl {

    /**
     * Acquires the interrupt lock, waiting until it is free. Mirrors {@code WdfInterruptAcquireLock}
     * and UMDF 1's {@code AcquireInterruptLock}.
     *
     * <p>Level: a spin-lock interrupt may be locked at or below its synchronize level and raises
     * the caller to it; a passive interrupt may be locked at {@code PASSIVE} only and keeps the
     * caller there, inside a critical region. Blocks until the lock is free: while the ISR runs or
     * another thread holds it. It does not return early on {@link Thread#interrupt()}.
     *
     * <p>Memory effects: everything the previous holder (or ISR) did before releasing happens-before
     * everything this caller does after acquiring.
     *
     * @throws VerifierViolation in {@code THROW} mode: {@code WdfInterruptLock} if this thread
     *         already holds the lock (reported instead of deadlocking); {@code InterruptLockNotEnabled}
     *         before the interrupt is enabled or after it is disabled; {@code InterruptLockArbitraryThread}
     *         for a passive interrupt from an arbitrary-thread callback; {@code IrqlTooHigh} above the
     *         allowed level. In {@code REPORT} mode the same are reported; a recursive acquire then returns
     *         without acquiring again.
     */
    void acquireLock();

    /**
     * Releases the interrupt lock and restores the level the holder had before
     * {@link #acquireLock()}. Mirrors {@code WdfInterruptReleaseLock} and UMDF 1's
     * {@code ReleaseInterruptLock}. Never blocks.
     *
     * @throws VerifierViolation {@code WdfInterruptLock} if the calling thread does not hold the lock
     */
    void releaseLock();

    /**
     * Acquires the lock if it is free and returns at once either way. Mirrors
     * {@code WdfInterruptTryToAcquireLock} and UMDF 1's {@code TryToAcquireInterruptLock}.
     * Passive interrupts only, at {@code PASSIVE}. Never blocks.
     *
     * @return {@code true} if the lock is now held (and a critical region entered); {@code false}
     *         if another thread or the ISR holds it, or the caller already holds it
     * @throws VerifierViolation {@code InterruptTryLockPassiveOnly} on a spin-lock interrupt (in
     *         {@code REPORT} mode it returns {@code false}); {@code InterruptLockNotEnabled};
     *         {@code IrqlTooHigh} above {@code PASSIVE}
     */
    boolean tryToAcquireLock();

    /**
     * Acquires the lock in a form for try-with-resources; {@code close()} calls
     * {@link #releaseLock()}. The same checks as {@link #acquireLock()}. Returns the interrupt's one
     * scope object, so it allocates nothing.
     * <pre>{@code
     * try (InterruptLockScope held = interrupt.acquireLockScope()) {
     *     ctx.readLocked(request);
     * }
     * }</pre>
     */
    InterruptLockScope acquireLockScope();

    /**
     * Runs {@code callback} holding the interrupt lock at the lock's level and returns its result.
     * Mirrors {@code WdfInterruptSynchronize}. Spin-lock interrupts: at or below {@code DISPATCH};
     * passive: at {@code PASSIVE}. Blocks until the lock is free. The lock is released even if the
     * callback throws; the exception then propagates.
     *
     * @throws VerifierViolation as {@link #acquireLock()}, except the arbitrary-thread rule
     */
    boolean synchronize(InterruptSynchronize callback);

    /**
     * Runs {@code routine} with {@code context} holding the interrupt spin lock. Mirrors
     * {@code KeSynchronizeExecution}, which the {@code KeAcquireInterruptSpinLock} page recommends
     * over taking the spin lock by hand. For a passive interrupt it holds the wait lock instead.
     * Same levels and blocking as {@link #synchronize(InterruptSynchronize)}.
     */
    <T> boolean synchronizeExecution(SynchronizeRoutine<T> routine, T context);

    /**
     * Acquires the interrupt's spin lock and raises the caller to the synchronize level. Mirrors
     * {@code KeAcquireInterruptSpinLock}. The caller must be at or below the synchronize level.
     * Spins until the lock is free.
     *
     * @return the caller's level before the call; pass it to {@link #releaseSpinLock(Irql)}
     * @throws BugCheckException {@code INTERRUPT_SPIN_LOCK_ON_PASSIVE_INTERRUPT} on a passive
     *         interrupt (rule {@code InterruptSpinLockPassive}): the device is stopped
     * @throws VerifierViolation {@code IrqlTooHigh} above the synchronize level;
     *         {@code WdfInterruptLock} if the caller holds the lock already
     */
    Irql acquireSpinLock();

    /**
     * Releases the spin lock and lowers the caller to {@code oldIrql}. Mirrors
     * {@code KeReleaseInterruptSpinLock}. Never blocks.
     *
     * @param oldIrql the level {@link #acquireSpinLock()} returned
     * @throws VerifierViolation {@code InterruptSpinLockPassive} if {@code oldIrql} is not the level
     *         {@code acquireSpinLock()} returned (the returned level is restored);
     *         {@code WdfInterruptLock} if the caller does not hold the lock
     */
    void releaseSpinLock(Irql oldIrql);

    /**
     * Queues the interrupt's DPC. Mirrors {@code WdfInterruptQueueDpcForIsr}. Any level, usually from
     * the ISR. Never blocks; allocates nothing. One pending run serves any number of requests made
     * before it starts; the queued flag is cleared before the callback runs, so a request made
     * during the run causes one more run. On a passive interrupt the DPC callback runs from the work
     * item at {@code PASSIVE}.
     *
     * @return {@code true} if queued, {@code false} if it was already queued
     * @throws IllegalStateException if no DPC callback was configured
     */
    boolean queueDpcForIsr();

    /**
     * Queues the interrupt's work item. Mirrors {@code WdfInterruptQueueWorkItemForIsr} and UMDF 1's
     * {@code QueueWorkItemForIsr}. Same coalescing and levels as {@link #queueDpcForIsr()}.
     *
     * @return {@code true} if queued, {@code false} if it was already queued
     * @throws IllegalStateException if no work-item callback was configured
     */
    boolean queueWorkItemForIsr();

    /**
     * Enables the interrupt: clears a {@link #disable()}, connects it if its device is in D0, and
     * calls the driver's {@link InterruptEnable} holding the lock. Mirrors {@code WdfInterruptEnable}
     * and UMDF 1's {@code Enable}. {@code PASSIVE} only; blocks while the ISR runs.
     *
     * @throws DriverCallbackException if the driver's {@code onEnable} threw; the interrupt stays
     *         connected but not enabled
     * @throws VerifierViolation {@code IrqlTooHigh} above {@code PASSIVE}
     */
    void enable();

    /**
     * Disables the interrupt: calls the driver's {@link InterruptDisable} holding the lock, stops the
     * ISR, waits until queued DPCs and work items have run, and keeps power-up from reconnecting it
     * until {@link #enable()}. Mirrors {@code WdfInterruptDisable} and UMDF 1's {@code Disable}.
     * {@code PASSIVE} only; blocks until the flush ends. A failing {@code onDisable} is reported as a
     * fault and the disable completes. A signal raised before the call runs the ISR before
     * {@code onDisable}; one the dispatch thread takes while the interrupt is disabled does not run
     * it and is counted in {@link InterruptStatistics#lost()}.
     *
     * @throws VerifierViolation {@code IrqlTooHigh} above {@code PASSIVE}
     */
    void disable();

    /**
     * Returns the interrupt's information. Mirrors {@code WdfInterruptGetInfo} and UMDF 1's
     * {@code GetInfo}. At or below {@code DISPATCH}; never blocks.
     */
    InterruptInfo getInfo();

    /**
     * Sets the affinity policy, priority and processors. Mirrors {@code WdfInterruptSetPolicy} and
     * UMDF 1's {@code SetPolicy}. Applied when the interrupt next connects: on Linux as the dispatch
     * thread's CPU affinity and priority. {@code PASSIVE} only.
     *
     * @param targetProcessorSet the CPUs for {@link InterruptPolicy#SPECIFIED_PROCESSORS} (bit n = CPU n)
     * @throws IllegalArgumentException if a value is out of range (null, or processors that do not
     *         exist, or no processor for {@code SPECIFIED_PROCESSORS}); the call is then ignored
     */
    void setPolicy(InterruptPolicy policy, InterruptPriority priority, long targetProcessorSet);

    /**
     * Sets the extended policy. Mirrors {@code WdfInterruptSetExtendedPolicy} and UMDF 1's
     * {@code SetExtendedPolicy}. Same rules as {@link #setPolicy}; the group must be 0.
     *
     * @throws IllegalArgumentException if a value is out of range; the call is then ignored
     */
    void setExtendedPolicy(InterruptExtendedPolicy policy);

    /** Returns the owning device. Mirrors {@code WdfInterruptGetDevice} and UMDF 1's {@code GetDevice}. Any level. */
    Device getDevice();

    /** Whether this is a passive-level interrupt ({@code passiveHandling}). */
    boolean isPassive();

    /** Counters of this interrupt. Any level; never blocks. */
    InterruptStatistics statistics();

    /**
     * The UMDF 1 view of this interrupt: {@code IWDFInterrupt}'s ten methods under their own names
     * (SPEC 2.9). Under UMDF 1 every interrupt is passive.
     *
     * @throws IllegalStateException for a spin-lock interrupt
     */
    Umdf1Interrupt asUmdf1();
}
