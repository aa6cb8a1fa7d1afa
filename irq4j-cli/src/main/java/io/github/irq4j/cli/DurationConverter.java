package io.github.irq4j.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 5}, {@code 5s}, {@code 500ms}, {@code 2m}: a whole number with an optional unit (default seconds). */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim();
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 12) {
            throw new TypeConversionException("'" + value + "' is not a duration (expected: a whole number with an optional unit ms, s or m, e.g. 5s or 500ms)");
        }
        long n = Long.parseLong(v.substring(0, i));
        Duration d = switch (v.substring(i)) {
            case "", "s" -> Duration.ofSeconds(n);
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> throw new TypeConversionException("'" + value + "': unknown unit '" + v.substring(i)
                    + "' (expected: ms, s or m, e.g. 5s or 500ms)");
        };
        if (d.isZero() || d.compareTo(Duration.ofHours(24)) > 0) {
            throw new TypeConversionException("'" + value + "' is out of range (expected: 1ms to 24h)");
        }
        return d;
    }
}
