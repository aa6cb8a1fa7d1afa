/**
 * Simulated hardware for irq4j drivers, and the deterministic scheduler that makes a concurrency
 * bug reproducible from one seed.
 *
 * <p>Main types:
 * <ul>
 * <li>{@link io.github.irq4j.sim.SimInterruptController}: the simulated interrupt controller, an
 *     {@link io.github.irq4j.spi.InterruptSource} with edge and level lines ({@link io.github.irq4j.sim.LineMode}),
 *     masking and per-line statistics ({@link io.github.irq4j.sim.LineStatistics}); devices drive
 *     its lines through {@link io.github.irq4j.sim.LevelOutput}.</li>
 * <li>Devices with memory-mapped registers ({@link io.github.irq4j.sim.SimRegisters}, built with
 *     {@link io.github.irq4j.sim.SimDevice}): {@link io.github.irq4j.sim.SimUart},
 *     {@link io.github.irq4j.sim.SimTimer}, {@link io.github.irq4j.sim.SimEdu} (QEMU's edu device);
 *     {@link io.github.irq4j.sim.DeviceFaults} injects stuck bits, slow reads and lost interrupts.</li>
 * <li>Time: {@link io.github.irq4j.sim.Simulation} holds a {@link io.github.irq4j.sim.VirtualClock}
 *     with its {@link io.github.irq4j.sim.SimEvent}s; {@link io.github.irq4j.sim.RealTimePacer}
 *     lets it follow the wall clock for live runs.</li>
 * <li>{@link io.github.irq4j.sim.DeterministicScheduler}: an
 *     {@link io.github.irq4j.spi.ExecutionEnvironment} in which one seed fixes the interleaving
 *     of ISRs, DPCs, work items, scripted actions and device events, with register accesses as
 *     preemption points; {@link io.github.irq4j.sim.Explorer} runs a scenario over many seeds and
 *     replays a failing one ({@link io.github.irq4j.sim.ScheduleFailure} carries its trace).</li>
 * <li>The {@code uart}, {@code timer} and {@code edu} device specs of the command line:
 *     {@link io.github.irq4j.sim.UartDeviceProvider}, {@link io.github.irq4j.sim.TimerDeviceProvider},
 *     {@link io.github.irq4j.sim.EduDeviceProvider}.</li>
 * </ul>
 *
 * <p>From WDF, in one hop: what a driver does in {@code EvtInterruptIsr} against real registers
 * ({@code READ_REGISTER_ULONG}, {@code WRITE_REGISTER_ULONG}) it does here through
 * {@link io.github.irq4j.Registers#read32} / {@link io.github.irq4j.Registers#write32} on a simulated
 * device's {@link io.github.irq4j.MemoryResource}; the line it asserts is the one
 * {@code WdfInterruptCreate} connected ({@link io.github.irq4j.sim.SimInterruptController#resource}).
 */
package io.github.irq4j.sim;
