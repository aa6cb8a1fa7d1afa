package io.github.irq4j.sim;

import io.github.irq4j.spi.DeviceProvider;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@code timer[:PERIOD]}: a simulated periodic {@link SimTimer} ({@link TimerDevice}) on an
 * edge line. {@code PERIOD} is a whole number with a unit {@code ns}, {@code us}, {@code ms},
 * {@code s} or {@code m} ({@link io.github.irq4j.spi.Durations}), from 1 us to 1 hour; default
 * {@link #DEFAULT_PERIOD_NS 1ms}. Examples: {@code timer}, {@code timer:1ms}, {@code timer:250us}.
 * Devices are named {@code timer0}, {@code timer1}, ...
 */
public final class TimerDeviceProvider implements DeviceProvider {

    /** The default period: 1 ms. */
    public static final long DEFAULT_PERIOD_NS = 1_000_000L;
    /** The longest period: 1 hour. */
    public static final long MAX_PERIOD_NS = 3_600_000_000_000L;

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    public String scheme() {
        return "timer";
    }

    @Override
    public String usage() {
        return "timer:PERIOD  a simulated periodic timer, edge-triggered (e.g. timer:1ms)";
    }

    /** @throws IllegalArgumentException with the expected syntax if the period is malformed or out of range */
    @Override
    public TimerDevice open(String argument) {
        long period = argument.isEmpty() ? DEFAULT_PERIOD_NS
                : DeviceSpecs.duration("timer:" + argument, argument, SimTimer.MIN_PERIOD_NS, MAX_PERIOD_NS);
        return TimerDevice.create("timer" + NEXT.getAndIncrement(), period);
    }
}
