/**
 * The implementation of irq4j's API: not exported, except by name to the irq4j modules that need
 * it (see {@code module-info.java}). Drivers never name these types; they reach them through the
 * interfaces of {@code io.github.irq4j}.
 *
 * <p>Main types:
 * <ul>
 * <li>Objects: {@link io.github.irq4j.internal.HostImpl} (the device registry and the parts every
 *     device shares), {@link io.github.irq4j.internal.DeviceImpl}, {@link io.github.irq4j.internal.InterruptImpl}
 *     ({@code WDFINTERRUPT}), {@link io.github.irq4j.internal.SpinLockImpl},
 *     {@link io.github.irq4j.internal.WaitLockImpl}, {@link io.github.irq4j.internal.IoQueueImpl},
 *     {@link io.github.irq4j.internal.RequestImpl}, all on {@link io.github.irq4j.internal.FrameworkObject}.</li>
 * <li>The power sequence and faults: {@link io.github.irq4j.internal.PowerSequence} (SPEC 2.7, 4),
 *     {@link io.github.irq4j.internal.FaultLog}; lines: {@link io.github.irq4j.internal.LineRegistry},
 *     {@link io.github.irq4j.internal.InterruptLine}.</li>
 * <li>Locks: {@link io.github.irq4j.internal.LockCore} with {@link io.github.irq4j.internal.SpinLockCore}
 *     and {@link io.github.irq4j.internal.WaitLockCore}; the verifier's checks of them in
 *     {@link io.github.irq4j.internal.LockChecks} and {@link io.github.irq4j.internal.Verifier};
 *     levels in {@link io.github.irq4j.internal.Levels} and {@link io.github.irq4j.internal.ThreadState}.</li>
 * <li>Running driver code: {@link io.github.irq4j.internal.CallbackFrame} (every callback's frame),
 *     {@link io.github.irq4j.internal.SourceDispatcher} (a source's dispatch loop, waiting per its
 *     {@link io.github.irq4j.internal.IdleStrategy}), {@link io.github.irq4j.internal.DeferredCall}
 *     (DPCs and work items, coalescing), {@link io.github.irq4j.internal.ThreadedEnvironment}.</li>
 * </ul>
 *
 * <p>From WDF, in one hop: {@code WdfInterruptCreate} is {@code DeviceImpl.createInterrupt};
 * {@code WdfInterruptAcquireLock}, {@code WdfInterruptReleaseLock}, {@code WdfInterruptTryToAcquireLock},
 * {@code WdfInterruptSynchronize}, {@code WdfInterruptQueueDpcForIsr},
 * {@code WdfInterruptQueueWorkItemForIsr}, {@code WdfInterruptEnable} and {@code WdfInterruptDisable}
 * are the methods of the same names in Java case on {@link io.github.irq4j.internal.InterruptImpl};
 * {@code WdfSpinLockCreate} and {@code WdfWaitLockCreate} are {@code DeviceImpl.createSpinLock} and
 * {@code createWaitLock}.
 */
package io.github.irq4j.internal;
