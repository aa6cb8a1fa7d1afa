package io.github.irq4j.sim;

import io.github.irq4j.spi.Durations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parsing of the argument part of {@code --device SPEC} for the simulated devices. */
final class DeviceSpecs {

    private DeviceSpecs() {
    }

    /**
     * Parses {@code key=value[,key=value...]} (empty: no options).
     *
     * @throws IllegalArgumentException on a malformed pair, an unknown or repeated key
     */
    static Map<String, String> options(String spec, String argument, Set<String> keys, String syntax) {
        Map<String, String> out = new LinkedHashMap<>();
        if (argument.isEmpty()) {
            return out;
        }
        for (String pair : argument.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(spec + ": '" + pair + "' is not key=value (expected: " + syntax + ")");
            }
            String key = pair.substring(0, eq).trim();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(spec + ": unknown option '" + key + "' (expected one of " + keys + "; syntax: " + syntax + ")");
            }
            if (out.put(key, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException(spec + ": option '" + key + "' given twice (syntax: " + syntax + ")");
            }
        }
        return out;
    }

    /**
     * Parses a non-negative integer option within {@code [min, max]}.
     *
     * @throws IllegalArgumentException if it is not a number or out of range
     */
    static long number(String spec, String key, String value, long min, long max, String syntax) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(spec + ": " + key + "=" + value + " is not a whole number (syntax: " + syntax + ")");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(spec + ": " + key + "=" + v + " (expected: " + min + " <= " + key + " <= " + max + ")");
        }
        return v;
    }

    /**
     * Parses a duration such as {@code 1ms}, {@code 500us}, {@code 250000ns} or {@code 2s} into
     * nanoseconds with {@link Durations#parseDurationNanos(String, String)}, its messages naming
     * {@code spec}, then checks its range.
     *
     * @throws IllegalArgumentException if it is malformed or outside {@code [minNs, maxNs]}
     */
    static long duration(String spec, String text, long minNs, long maxNs) {
        long ns = Durations.parseDurationNanos(text, spec);
        if (ns < minNs || ns > maxNs) {
            throw new IllegalArgumentException(spec + ": period " + text + " = " + ns + " ns (expected: " + minNs + " ns <= period <= " + maxNs + " ns)");
        }
        return ns;
    }
}
