/**
 * Interrupt sources from the Linux kernel, read with {@code java.lang.foreign}: user-mode
 * interrupts for real, without a kernel module of irq4j's own.
 *
 * <p>Main types: {@link io.github.irq4j.linux.EventFdSource} and
 * {@link io.github.irq4j.linux.TimerFdSource} (software-raised and periodic interrupts),
 * {@link io.github.irq4j.linux.UioSource} (a UIO device's interrupt; its registers through
 * {@link io.github.irq4j.linux.MappedRegisters}), {@link io.github.irq4j.linux.VfioSource} with
 * {@link io.github.irq4j.linux.VfioDevice} and {@link io.github.irq4j.linux.VfioDma} (a PCI device
 * behind VFIO: MSI/MSI-X or INTx, BARs, DMA), {@link io.github.irq4j.linux.GpioSource} (edges of
 * GPIO lines, an {@link io.github.irq4j.spi.EdgeSource}); all of them an
 * {@link io.github.irq4j.linux.EpollSource}: one epoll set per dispatch loop.
 * {@link io.github.irq4j.linux.LinuxDispatchThreadTuner} applies an interrupt's affinity and
 * priority with {@code sched_setaffinity} and {@code SCHED_FIFO} or nice. The
 * {@code *DeviceProvider}s serve the {@code eventfd}, {@code timerfd}, {@code uio}, {@code vfio}
 * and {@code gpio} device specs of the command line. A failed system call is a
 * {@link io.github.irq4j.linux.NativeIoException} naming the call and its errno.
 *
 * <p>From WDF, in one hop: the interrupt resource a KMDF driver finds in
 * {@code EvtDevicePrepareHardware} ({@code CmResourceTypeInterrupt}) is here an
 * {@link io.github.irq4j.InterruptResource} over one of these sources, handed to
 * {@code Host.addDevice}; {@code WdfInterruptSetPolicy} reaches the kernel through the tuner.
 *
 * <p>FFM's restricted methods need {@code --enable-native-access=io.github.irq4j.linux} on the
 * module path, {@code ALL-UNNAMED} on the class path.
 */
package io.github.irq4j.linux;
