/**
 * jcstress tests of the concurrency rules of SPEC 2.4 and 2.5: the interrupt lock excludes, the ISR
 * holds the lock its interrupt's callers take, DPCs and work items coalesce, and the recursive
 * acquire the {@code IWDFInterrupt::AcquireInterruptLock} page warns of is reported.
 *
 * <p>Main types: the tests ({@code ...Test}); their shared host {@link io.github.irq4j.stress.Fixture},
 * per-state data ({@link io.github.irq4j.stress.LockedCounter}, {@link io.github.irq4j.stress.IsrVsHolderState},
 * {@link io.github.irq4j.stress.CoalescingProbe} lent by {@link io.github.irq4j.stress.CoalescingArena}),
 * bounded waits {@link io.github.irq4j.stress.Spin}, and {@link io.github.irq4j.stress.JcstressGate},
 * which turns jcstress's verdict into the build's exit code.
 *
 * <p>From WDF, in one hop: {@code WdfInterruptAcquireLock} is tested by
 * {@link io.github.irq4j.stress.LockMutexSpinTest} and {@link io.github.irq4j.stress.LockMutexPassiveTest}
 * (and their {@code Verified} twins), {@code WdfInterruptTryToAcquireLock} by
 * {@link io.github.irq4j.stress.TryLockVsHolderTest}, {@code WdfInterruptSynchronize} and
 * {@code KeSynchronizeExecution} by {@link io.github.irq4j.stress.SynchronizeMutexTest},
 * {@code KeAcquireInterruptSpinLock} by {@link io.github.irq4j.stress.SpinLockCallMutexTest},
 * {@code WdfInterruptQueueDpcForIsr} by {@link io.github.irq4j.stress.DpcCoalescingTest} and
 * {@code WdfInterruptQueueWorkItemForIsr} by {@link io.github.irq4j.stress.WorkItemCoalescingTest}.
 */
package io.github.irq4j.stress;
