package io.github.irq4j.sim;

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
     * nanoseconds.
     *
     * @throws IllegalArgumentException if it is malformed or outside {@code [minNs, maxNs]}
     */
    static long duration(String spec, String text, long minNs, long maxNs, String syntax) {
        String t = text.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        String digits = t.substring(0, i);
        String unit = t.substring(i);
        long scale = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> -1L;
        };
        if (digits.isEmpty() || scale < 0) {
            throw new IllegalArgumentException(spec + ": period '" + text + "' is not a duration (expected: a whole number and a unit"
                    + " ns, us, ms or s, such as 1ms; syntax: " + syntax + ")");
        }
        long ns;
        try {
            ns = Math.multiplyExact(Long.parseLong(digits), scale);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(spec + ": period '" + text + "' is too long (expected: at most " + maxNs + " ns)");
        }
        if (ns < minNs || ns > maxNs) {
            throw new IllegalArgumentException(spec + ": period " + text + " = " + ns + " ns (expected: " + minNs + " ns <= period <= " + maxNs + " ns)");
        }
        return ns;
    }
}
