package io.github.irq4j.linux;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.spi.DeviceProvider;
import io.github.irq4j.spi.Durations;
import io.github.irq4j.spi.ProvidedDevice;
import java.io.IOException;
import java.util.List;

/**
 * {@code --device timerfd:PERIOD}: a periodic {@code CLOCK_MONOTONIC} timerfd, message 0, armed
 * by {@link ProvidedDevice#startTraffic()}.
 */
public final class TimerFdDeviceProvider implements DeviceProvider {

    static final String SYNTAX = "timerfd:PERIOD";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public TimerFdDeviceProvider() {
    }

    @Override
    public String scheme() {
        return "timerfd";
    }

    @Override
    public String usage() {
        return "timerfd:PERIOD  a periodic timerfd(2) (e.g. timerfd:1ms, timerfd:250us)";
    }

    @Override
    public ProvidedDevice open(String argument) throws IOException {
        if (argument == null || argument.isEmpty()) {
            throw new IllegalArgumentException("timerfd: no period (expected: " + SYNTAX + ", such as timerfd:1ms)");
        }
        long period = Durations.parseDurationNanos(argument, SYNTAX);
        if (period < TimerFdSource.MIN_PERIOD_NS) {
            throw new IllegalArgumentException("timerfd: period '" + argument + "' (expected: " + SYNTAX + " with PERIOD >= 1us)");
        }
        TimerFdSource source = new TimerFdSource("timerfd:" + argument, period);
        InterruptResource irq = InterruptResource.line("timerfd.irq", source, 0, InterruptMode.LATCHED);
        return new LinuxProvidedDevice("timerfd", List.of(irq), source::start, source::close);
    }
}
