package io.github.irq4j.spi;

import java.util.Objects;

/**
 * Parses the durations of device specs and command-line options, such as the period of
 * {@code --device timer:1ms} or {@code timerfd:250us}, a GPIO line's {@code debounce=5ms}, or
 * {@code --duration 500ms}, so that every {@link DeviceProvider} and the command line accept the
 * same syntax: a positive whole number followed by a unit {@code ns}, {@code us}, {@code ms},
 * {@code s} or {@code m} (minutes). Each caller checks its own range on the result.
 *
 * <pre>{@code
 * long periodNs = Durations.parseDurationNanos(argument, "timerfd:PERIOD");
 * if (periodNs < MIN_PERIOD_NS) {
 *     throw new IllegalArgumentException("timerfd: period '" + argument + "' (expected: PERIOD >= 1us)");
 * }
 * }</pre>
 */
public final class Durations {

    private static final String EXPECTED = "expected: a whole number and a unit ns, us, ms, s or m, such as 1ms or 250us";

    private Durations() {
    }

    /**
     * Parses {@code text} such as {@code "1ms"}, {@code "250us"}, {@code "250000ns"}, {@code "2s"}
     * or {@code "5m"} into nanoseconds. Leading and trailing white space is ignored; a sign, a
     * fraction, white space inside or a missing unit are not accepted.
     *
     * @param text the duration
     * @param what what the duration is for, named first in messages, such as the syntax
     *             {@code "timerfd:PERIOD"} or the option {@code "--duration"}
     * @return the duration in nanoseconds, at least 1
     * @throws IllegalArgumentException if {@code text} is not a whole number followed by one of the
     *         units, is zero, or is longer than {@link Long#MAX_VALUE} nanoseconds (about 292 years);
     *         the message names {@code what}, the text found and the syntax expected
     * @throws NullPointerException if {@code text} or {@code what} is null
     */
    public static long parseDurationNanos(String text, String what) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(what, "what");
        String t = text.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        long scale = switch (t.substring(i)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> -1L;
        };
        if (i == 0 || scale < 0) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a duration (" + EXPECTED + ")");
        }
        long nanos;
        try {
            nanos = Math.multiplyExact(Long.parseLong(t, 0, i, 10), scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is too long (expected: at most "
                    + Long.MAX_VALUE + " ns, about 292 years)");
        }
        if (nanos == 0) {
            throw new IllegalArgumentException(what + ": '" + text + "' is zero (expected: a positive duration, such as 1ms)");
        }
        return nanos;
    }
}
