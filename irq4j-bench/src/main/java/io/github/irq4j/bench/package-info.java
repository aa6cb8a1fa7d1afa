/**
 * irq4j's JMH benchmarks: the costs a driver pays on its hot paths, each measured beside a baseline
 * in the same run (speed is never asserted in a unit test; it is compared here, as a ratio).
 *
 * <p>Main types:
 * <ul>
 * <li>{@link io.github.irq4j.bench.InterruptLockBenchmark}, {@link io.github.irq4j.bench.TryLockBenchmark}
 *     and {@link io.github.irq4j.bench.ContendedLockBenchmark}: the interrupt lock uncontended, tried,
 *     and contended by an ISR at a fixed rate; {@link io.github.irq4j.bench.BaselineLockBenchmark}
 *     is {@code ReentrantLock} and {@code synchronized} on the same work.</li>
 * <li>{@link io.github.irq4j.bench.DeferredBenchmark}: {@code queueDpcForIsr()} on its coalescing
 *     path, with {@link io.github.irq4j.bench.HeldDpc} keeping the DPC queued.</li>
 * <li>{@link io.github.irq4j.bench.DispatchBenchmark}: one interrupt at a time through the
 *     framework's threads, on the host {@link io.github.irq4j.bench.BenchHost} starts.</li>
 * <li>{@link io.github.irq4j.bench.SimRegisterBenchmark}: the simulator's register path (what an
 *     ISR on a simulated UART or timer pays per register access).</li>
 * </ul>
 *
 * <p>From WDF, in one hop: {@code WdfInterruptAcquireLock} / {@code WdfInterruptReleaseLock} are
 * measured by {@link io.github.irq4j.bench.InterruptLockBenchmark}, {@code WdfInterruptTryToAcquireLock}
 * by {@link io.github.irq4j.bench.TryLockBenchmark}, {@code WdfInterruptQueueDpcForIsr} by
 * {@link io.github.irq4j.bench.DeferredBenchmark}, and an interrupt's delivery to its
 * {@code EvtInterruptIsr} by {@link io.github.irq4j.bench.DispatchBenchmark}.
 */
package io.github.irq4j.bench;
