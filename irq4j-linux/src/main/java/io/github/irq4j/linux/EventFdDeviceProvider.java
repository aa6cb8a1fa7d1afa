package io.github.irq4j.linux;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.spi.DeviceProvider;
import io.github.irq4j.spi.Durations;
import io.github.irq4j.spi.ProvidedDevice;
import java.io.IOException;
import java.util.List;

/**
 * {@code --device eventfd}, {@code --device eventfd:rate=N} and {@code --device eventfd:PERIOD}: one
 * eventfd, message 0.
 * <ul>
 * <li>{@code eventfd}: nothing in this process signals it; only a writer that holds the descriptor
 *     can (see the module README for what can and cannot reach an eventfd from another process);</li>
 * <li>{@code eventfd:rate=N}: a built-in signaller, a thread named {@code irq4j-eventfd-signaller}
 *     that writes the eventfd N times a second;</li>
 * <li>{@code eventfd:PERIOD}: the same signaller, once per PERIOD (e.g. {@code eventfd:1ms} is
 *     {@code eventfd:rate=1000}).</li>
 * </ul>
 * The signaller starts with {@link ProvidedDevice#startTraffic()} and is stopped and joined by
 * {@link ProvidedDevice#close()} before the eventfd is closed.
 */
public final class EventFdDeviceProvider implements DeviceProvider {

    static final String SYNTAX = "eventfd[:rate=N|:PERIOD]";
    /** The highest rate accepted: one signal per microsecond. */
    static final long MAX_RATE_HZ = 1_000_000;

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public EventFdDeviceProvider() {
    }

    @Override
    public String scheme() {
        return "eventfd";
    }

    @Override
    public String usage() {
        return "eventfd[:rate=N|:PERIOD]  an eventfd(2); with rate=N (Hz) or PERIOD a built-in thread signals it"
                + " (e.g. eventfd:rate=1000, eventfd:1ms)";
    }

    /**
     * @throws IllegalArgumentException if the argument is not empty, {@code rate=N} or a period; the
     *         message says which part is wrong
     */
    @Override
    public ProvidedDevice open(String argument) throws IOException {
        long period = periodNanos(argument);
        EventFdSource source = new EventFdSource(period == 0 ? "eventfd" : "eventfd:" + argument);
        InterruptResource irq = InterruptResource.line("eventfd.irq", source, 0, InterruptMode.LATCHED);
        if (period == 0) {
            return new LinuxProvidedDevice("eventfd", List.of(irq), null, source::close);
        }
        EventFdSignaller signaller = new EventFdSignaller(source, period);
        return new LinuxProvidedDevice("eventfd", List.of(irq), signaller::start, () -> {
            signaller.stop();
            source.close();
        });
    }

    /** The signalling period of {@code argument}, or 0 for a plain eventfd. */
    static long periodNanos(String argument) {
        if (argument == null || argument.isEmpty()) {
            return 0;
        }
        if (argument.startsWith("rate=")) {
            return 1_000_000_000L / rate(argument.substring("rate=".length()));
        }
        if (argument.contains("=")) {
            throw new IllegalArgumentException("eventfd: unknown option '" + argument + "' (expected: " + SYNTAX
                    + ", such as eventfd:rate=1000)");
        }
        long period = Durations.parseDurationNanos(argument, "eventfd:PERIOD");
        if (period < 1_000) {
            throw new IllegalArgumentException("eventfd: period '" + argument + "' is below 1us (expected: " + SYNTAX
                    + " with PERIOD >= 1us, or rate=N with N <= " + MAX_RATE_HZ + ")");
        }
        return period;
    }

    private static long rate(String n) {
        if (n.isEmpty()) {
            throw new IllegalArgumentException("eventfd: rate= has no value (expected: eventfd:rate=N, N signals a second,"
                    + " 1 to " + MAX_RATE_HZ + ")");
        }
        long hz;
        try {
            hz = Long.parseLong(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("eventfd: rate '" + n + "' is not a whole number (expected: eventfd:rate=N,"
                    + " N signals a second, 1 to " + MAX_RATE_HZ + ", such as rate=1000)");
        }
        if (hz < 1 || hz > MAX_RATE_HZ) {
            throw new IllegalArgumentException("eventfd: rate " + hz + " is out of range (expected: 1 <= N <= " + MAX_RATE_HZ
                    + " signals a second)");
        }
        return hz;
    }
}
