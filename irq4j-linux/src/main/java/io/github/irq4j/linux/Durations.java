package io.github.irq4j.linux;

/** Parses the periods of {@code --device} arguments: a positive integer and a unit, {@code ns}, {@code us}, {@code ms} or {@code s}. */
final class Durations {

    private Durations() {
    }

    /**
     * Parses {@code text} such as {@code "1ms"} or {@code "250us"} into nanoseconds.
     *
     * @param syntax the expected syntax, for the message
     * @throws IllegalArgumentException if the text is not a positive integer followed by a unit
     */
    static long parseNanos(String text, String syntax) {
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
        if (digits.isEmpty() || scale < 0 || digits.length() > 12) {
            throw new IllegalArgumentException("period '" + text + "' (expected: " + syntax
                    + ", a positive integer and a unit ns, us, ms or s, such as 1ms or 250us)");
        }
        long value = Long.parseLong(digits);
        if (value == 0) {
            throw new IllegalArgumentException("period '" + text + "' is zero (expected: " + syntax + " with a positive period)");
        }
        return value * scale;
    }
}
