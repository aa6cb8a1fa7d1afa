package io.github.irq4j.cli;

import io.github.irq4j.spi.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code 5}, {@code 5s}, {@code 500ms}, {@code 2m}: a whole number with a unit as
 * {@link Durations#parseDurationNanos(String, String)} reads it ({@code ns}, {@code us}, {@code ms},
 * {@code s} or {@code m}), or without one for seconds; 1 ms to 24 h.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Duration MIN = Duration.ofMillis(1);
    private static final Duration MAX = Duration.ofHours(24);

    @Override
    public Duration convert(String value) {
        String v = value.trim();
        boolean seconds = !v.isEmpty() && v.chars().allMatch(Character::isDigit);
        Duration d;
        try {
            d = Duration.ofNanos(Durations.parseDurationNanos(seconds ? v + "s" : value, "TIME"));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage() + "; a whole number alone is seconds");
        }
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new TypeConversionException("'" + value + "' is out of range (expected: 1ms to 24h)");
        }
        return d;
    }
}
