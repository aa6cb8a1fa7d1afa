/**
 * The device test program that runs inside the test guest: {@code EduDriver} (irq4j-samples) on
 * QEMU's {@code edu} devices over UIO and VFIO, with the kernel's own interrupt counts as the
 * independent witness.
 *
 * <p>Main types: {@link io.github.irq4j.devicetest.DeviceTests} (the program and its arguments),
 * {@link io.github.irq4j.devicetest.Suite} (one transport's checks),
 * {@link io.github.irq4j.devicetest.EduChecks} (the checks of one device),
 * {@link io.github.irq4j.devicetest.EduTarget} (one device opened over one transport),
 * {@link io.github.irq4j.devicetest.KernelCounts} (sysfs and {@code /proc/interrupts}) and
 * {@link io.github.irq4j.devicetest.Expect} (assertions and bounded waits).
 *
 * <p>From WDF, in one hop: the checks follow the driver's {@code EvtDevicePrepareHardware},
 * {@code EvtInterruptIsr}, {@code EvtInterruptDpc} and {@code EvtIoDeviceControl} on real hardware
 * interrupts, in {@link io.github.irq4j.devicetest.EduChecks}.
 */
package io.github.irq4j.devicetest;
