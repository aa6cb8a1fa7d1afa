/**
 * Sample drivers, each written as the WDF driver it stands for, and run by the demo, the tests and
 * the device tests.
 *
 * <p>Main types:
 * <ul>
 * <li>{@link io.github.irq4j.samples.SequentialUartDriver} and {@link io.github.irq4j.samples.ParallelUartDriver}
 *     (on {@link io.github.irq4j.samples.SeedUartDriver} and its receive buffer
 *     {@link io.github.irq4j.samples.UartReadContext}): the example of the
 *     {@code WdfInterruptTryToAcquireLock} page, a passive interrupt on the simulated UART;
 *     {@link io.github.irq4j.samples.BrokenSequentialUartDriver} is it with one deliberate race.</li>
 * <li>{@link io.github.irq4j.samples.EduDriver}: a KMDF-style PCI driver with a DIRQL interrupt for
 *     QEMU's {@code edu} device (over UIO, VFIO or the simulator), with its register map
 *     {@link io.github.irq4j.samples.EduRegisters}, its DMA window {@link io.github.irq4j.samples.EduDmaWindow}
 *     and the device's current command {@link io.github.irq4j.samples.EduCommand}.</li>
 * <li>{@link io.github.irq4j.samples.SpinLockTimerDriver} (DIRQL, simulated timer),
 *     {@link io.github.irq4j.samples.TimerFdDpcDriver} (DIRQL with a DPC, a Linux timerfd),
 *     {@link io.github.irq4j.samples.EventFdWorkItemDriver} (passive with a work item, an eventfd) and
 *     {@link io.github.irq4j.samples.QuadratureEncoderDriver} (two GPIO lines, both edges).</li>
 * </ul>
 *
 * <p>From WDF, in one hop: each driver's {@code EvtDriverDeviceAdd} is its {@code onDeviceAdd},
 * {@code EvtDevicePrepareHardware} its {@code onPrepareHardware}, {@code EvtInterruptIsr} and
 * {@code EvtInterruptDpc} the callbacks it gives {@code InterruptConfig.builder} and {@code dpc};
 * {@code EvtIoRead} and {@code EvtIoDeviceControl} are its queue's callbacks
 * ({@code EduDriver.onDeviceControl}).
 */
package io.github.irq4j.samples;
