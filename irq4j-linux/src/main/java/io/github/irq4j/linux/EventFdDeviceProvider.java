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
 * <li>{@code ...,sources=K} (such as {@code eventfd:rate=100,sources=1000} or
 *     {@code eventfd:sources=8}): K eventfds, each a source of its own with one interrupt resource
 *     ({@code eventfd.irq0} to {@code eventfd.irq<K-1>}), all signalled by the one signaller thread:
 *     many interrupts on many sources, for shared dispatch ({@code --dispatch shared}).</li>
 * </ul>
 * The signaller starts with {@link ProvidedDevice#startTraffic()} and is stopped and joined by
 * {@link ProvidedDevice#close()} before the eventfd is closed.
 */
public final class EventFdDeviceProvider implements DeviceProvider {

    static final String SYNTAX = "eventfd[:rate=N|:PERIOD][,sources=K]";
    /** The most sources one spec opens: the scale the shared dispatch is built and measured for. */
    static final int MAX_SOURCES = 10_000;
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
        return "eventfd[:rate=N|:PERIOD][,sources=K]  an eventfd(2); with rate=N (Hz) or PERIOD a built-in thread signals it"
                + " (e.g. eventfd:rate=1000, eventfd:1ms); sources=K opens K eventfds, one interrupt each"
                + " (e.g. eventfd:rate=100,sources=1000 --dispatch shared)";
    }

    /**
     * @throws IllegalArgumentException if the argument is not empty, {@code rate=N} or a period; the
     *         message says which part is wrong
     */
    @Override
    public ProvidedDevice open(String argument) throws IOException {
        int comma = argument == null ? -1 : argument.indexOf(',');
        String first = comma < 0 ? argument : argument.substring(0, comma);
        int sources = 1;
        if (first != null && first.startsWith("sources=")) {   // eventfd:sources=K: no signaller
            sources = sources(first.substring("sources=".length()));
            first = "";
            if (comma >= 0) {
                throw new IllegalArgumentException("eventfd: '" + argument + "' has options after sources=K (expected: " + SYNTAX
                        + ", sources=K last, such as eventfd:rate=100,sources=1000)");
            }
        } else if (comma >= 0) {
            String rest = argument.substring(comma + 1);
            if (!rest.startsWith("sources=") || rest.indexOf(',') >= 0) {
                throw new IllegalArgumentException("eventfd: unknown option '" + rest + "' in '" + argument + "' (expected: " + SYNTAX
                        + ", such as eventfd:rate=100,sources=1000)");
            }
            sources = sources(rest.substring("sources=".length()));
        }
        long period = periodNanos(first);
        return sources == 1 ? openOne(argument, period) : openMany(first, period, sources);
    }

    private static ProvidedDevice openOne(String argument, long period) throws IOException {
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

    /** K sources, K interrupt resources, one signaller for all; on a failure those opened are closed. */
    private static ProvidedDevice openMany(String first, long period, int count) throws IOException {
        List<EventFdSource> sources = new java.util.ArrayList<>(count);
        List<InterruptResource> irqs = new java.util.ArrayList<>(count);
        String base = first.isEmpty() ? "eventfd" : "eventfd:" + first;
        try {
            for (int i = 0; i < count; i++) {
                EventFdSource source = new EventFdSource(base + "#" + i);
                sources.add(source);
                irqs.add(InterruptResource.line("eventfd.irq" + i, source, 0, InterruptMode.LATCHED));
            }
        } catch (IOException | RuntimeException e) {
            sources.forEach(EventFdSource::close);   // NativeIoException's EMFILE message says to raise ulimit -n
            throw e;
        }
        Runnable closeAll = () -> sources.forEach(EventFdSource::close);
        if (period == 0) {
            return new LinuxProvidedDevice("eventfd", irqs, null, closeAll);
        }
        EventFdSignaller signaller = new EventFdSignaller(sources, period);
        return new LinuxProvidedDevice("eventfd", irqs, signaller::start, () -> {
            signaller.stop();
            closeAll.run();
        });
    }

    private static int sources(String n) {
        int k;
        try {
            k = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("eventfd: sources '" + n + "' is not a whole number (expected: sources=K,"
                    + " 1 <= K <= " + MAX_SOURCES + ", such as sources=1000)");
        }
        if (k < 1 || k > MAX_SOURCES) {
            throw new IllegalArgumentException("eventfd: sources " + k + " is out of range (expected: 1 <= K <= " + MAX_SOURCES + ")");
        }
        return k;
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
