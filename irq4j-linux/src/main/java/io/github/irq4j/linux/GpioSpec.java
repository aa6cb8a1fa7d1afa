package io.github.irq4j.linux;

import io.github.irq4j.spi.Durations;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The argument of {@code --device gpio:...}, parsed and checked before anything touches the
 * kernel: {@code /dev/gpiochipN:LINE[,LINE...][:rising|falling|both][:debounce=PERIOD][:buffer=EVENTS]}.
 * Every malformed part gets its own message naming the part, what was found and what is expected,
 * since a user typing a spec at a prompt needs to know which part to fix. What only the chip can
 * tell (whether it exists, its line count) is checked by {@link GpioSource} when it probes it.
 *
 * <p>Invariants of a parsed spec: {@code chip} is absolute; {@code lines} holds 1 to 64 distinct
 * offsets {@code >= 0}, in the order given (the i-th is message i); {@code edges} is
 * {@link GpioSource#RISING}, {@link GpioSource#FALLING} or {@link GpioSource#BOTH};
 * {@code debounceUs >= 0} (0 = none); {@code bufferSize} is 0 (the kernel's default) or 1 to
 * {@link GpioSource#MAX_EVENT_BUFFER_SIZE}.
 *
 * @param chip the chip's device node, such as {@code /dev/gpiochip0}
 * @param lines the line offsets
 * @param edges the edge detection
 * @param debounceUs the debounce period in microseconds, 0 for none
 * @param bufferSize the kernel's event FIFO size for the request, 0 for its default
 */
record GpioSpec(Path chip, int[] lines, int edges, int debounceUs, int bufferSize) {

    static final String SYNTAX = "gpio:/dev/gpiochipN:LINE[,LINE...][:rising|falling|both][:debounce=PERIOD][:buffer=EVENTS]";
    private static final String EXAMPLE = "such as gpio:/dev/gpiochip0:17 or gpio:/dev/gpiochip0:17,18:both:debounce=5ms";

    GpioSpec {
        lines = lines.clone();
    }

    @Override
    public int[] lines() {
        return lines.clone();
    }

    /**
     * Parses the part after {@code gpio:}.
     *
     * @throws IllegalArgumentException naming the part that is wrong and what is expected
     */
    static GpioSpec parse(String argument) {
        if (argument == null || argument.isBlank()) {
            throw bad("no chip and lines given", "a chip and its line offsets");
        }
        // split with limit -1: a trailing ':' is an empty part, reported, not silently dropped
        String[] parts = argument.split(":", -1);
        String chip = parts[0].trim();
        if (chip.isEmpty()) {
            throw bad("no chip given before the first ':' in '" + argument + "'", "the chip's device node, such as /dev/gpiochip0");
        }
        if (!chip.startsWith("/")) {
            throw bad("chip '" + chip + "' is not an absolute path", "the chip's device node"
                    + (chip.startsWith("gpiochip") ? ", here /dev/" + chip : ", such as /dev/gpiochip0"));
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            throw bad("no lines given for " + chip, "LINE[,LINE...] after the chip, such as " + chip + ":17 or " + chip + ":17,18");
        }
        int[] lines = parseLines(parts[1]);
        int edges = 0;
        String edgesGiven = null;
        int debounceUs = 0;
        boolean debounceGiven = false;
        int bufferSize = 0;
        boolean bufferGiven = false;
        for (int i = 2; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                throw bad("empty option after '" + String.join(":", Arrays.copyOf(parts, i)) + ":'",
                        "an option (rising, falling, both, debounce=PERIOD, buffer=EVENTS) after each ':', or no trailing ':'");
            }
            int e = switch (p) {
                case "rising" -> GpioSource.RISING;
                case "falling" -> GpioSource.FALLING;
                case "both" -> GpioSource.BOTH;
                default -> 0;
            };
            if (e != 0) {
                if (edgesGiven != null) {
                    throw bad("edges given twice ('" + edgesGiven + "' and '" + p + "')", "one of rising, falling or both");
                }
                edgesGiven = p;
                edges = e;
            } else if (p.startsWith("debounce=")) {
                if (debounceGiven) {
                    throw bad("debounce given twice", "one debounce=PERIOD");
                }
                debounceGiven = true;
                debounceUs = parseDebounce(p.substring("debounce=".length()));
            } else if (p.startsWith("buffer=")) {
                if (bufferGiven) {
                    throw bad("buffer given twice", "one buffer=EVENTS");
                }
                bufferGiven = true;
                bufferSize = parseBuffer(p.substring("buffer=".length()));
            } else {
                throw bad("unknown option '" + p + "'", "rising, falling, both, debounce=PERIOD (such as debounce=5ms)"
                        + " or buffer=EVENTS (such as buffer=256)");
            }
        }
        return new GpioSpec(Path.of(chip), lines, edges == 0 ? GpioSource.BOTH : edges, debounceUs, bufferSize);
    }

    private static int[] parseLines(String text) {
        String[] tokens = text.split(",", -1);
        if (tokens.length > GpioV2.GPIO_V2_LINES_MAX) {
            throw bad(tokens.length + " lines", "at most " + GpioV2.GPIO_V2_LINES_MAX + " lines in one request (the kernel's GPIO_V2_LINES_MAX)");
        }
        int[] lines = new int[tokens.length];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i].trim();
            if (t.isEmpty()) {
                throw bad("empty line offset in '" + text + "'", "decimal line offsets separated by single commas, such as 17,18");
            }
            int line;
            try {
                line = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw bad("line '" + t + "' is not a line offset", "a decimal offset on the chip such as 17 (see gpioinfo), not a pin name");
            }
            if (line < 0) {
                throw bad("line " + line + " is negative", "a line offset >= 0");
            }
            if (!seen.add(line)) {
                throw bad("line " + line + " given twice in '" + text + "'", "distinct line offsets");
            }
            lines[i] = line;
        }
        return lines;
    }

    private static int parseDebounce(String value) {
        long ns;
        try {
            ns = Durations.parseDurationNanos(value, "gpio: debounce");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (omit debounce for none; syntax " + SYNTAX + ", " + EXAMPLE + ")", e);
        }
        if (ns < 1_000) {
            throw bad("debounce '" + value + "' is below 1us", "a period of at least 1us (the kernel counts debounce in"
                    + " microseconds); omit debounce for none");
        }
        if (ns / 1_000 > Integer.MAX_VALUE) {
            throw bad("debounce '" + value + "' is too long", "at most " + Integer.MAX_VALUE + "us (about 35 minutes)");
        }
        return (int) (ns / 1_000);
    }

    private static int parseBuffer(String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > GpioSource.MAX_EVENT_BUFFER_SIZE) {
            throw bad("buffer '" + value + "'", "EVENTS a number of events from 1 to " + GpioSource.MAX_EVENT_BUFFER_SIZE
                    + " (omit buffer for the kernel's default of 16 per line)");
        }
        return n;
    }

    private static IllegalArgumentException bad(String what, String expected) {
        return new IllegalArgumentException("gpio: " + what + " (expected: " + expected + "; syntax " + SYNTAX + ", " + EXAMPLE + ")");
    }
}
