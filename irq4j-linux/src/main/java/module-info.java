/**
 * irq4j's Linux interrupt sources: eventfd, timerfd, UIO, VFIO and GPIO character devices, read
 * through {@code java.lang.foreign} (FFM), and the dispatch-thread tuner (CPU affinity, real-time
 * priority). FFM's restricted methods need {@code --enable-native-access=io.github.irq4j.linux} on
 * the module path ({@code ALL-UNNAMED} on the class path).
 *
 * <p>One package, all of it API: {@link io.github.irq4j.linux}. Its {@code DeviceProvider}s serve
 * the {@code eventfd}, {@code timerfd}, {@code uio}, {@code vfio} and {@code gpio} device specs.
 */
module io.github.irq4j.linux {
    requires transitive io.github.irq4j.core;

    exports io.github.irq4j.linux;

    provides io.github.irq4j.spi.DeviceProvider with
            io.github.irq4j.linux.EventFdDeviceProvider,
            io.github.irq4j.linux.TimerFdDeviceProvider,
            io.github.irq4j.linux.UioDeviceProvider,
            io.github.irq4j.linux.VfioDeviceProvider,
            io.github.irq4j.linux.GpioDeviceProvider;
    provides io.github.irq4j.spi.SharedDispatchProvider with
            io.github.irq4j.linux.EpollSharedDispatchProvider;
    provides io.github.irq4j.spi.DispatchThreadTuner with
            io.github.irq4j.linux.LinuxDispatchThreadTuner;
}
