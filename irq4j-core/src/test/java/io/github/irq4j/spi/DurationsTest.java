package io.github.irq4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void everyUnitScalesToNanoseconds() {
        assertThat(Durations.parseDurationNanos("250000ns", "timer:PERIOD")).isEqualTo(250_000L);
        assertThat(Durations.parseDurationNanos("250us", "timer:PERIOD")).isEqualTo(250_000L);
        assertThat(Durations.parseDurationNanos("1ms", "timer:PERIOD")).isEqualTo(1_000_000L);
        assertThat(Durations.parseDurationNanos("2s", "timer:PERIOD")).isEqualTo(2_000_000_000L);
        assertThat(Durations.parseDurationNanos("2m", "--duration")).isEqualTo(120_000_000_000L);
        assertThat(Durations.parseDurationNanos("1ns", "timer:PERIOD")).isEqualTo(1L);
    }

    @Test
    void surroundingWhiteSpaceIsIgnored() {
        assertThat(Durations.parseDurationNanos(" 5ms\t", "timer:PERIOD")).isEqualTo(5_000_000L);
    }

    @Test
    void malformedTextNamesWhatTheValueAndTheSyntax() {
        assertThatThrownBy(() -> Durations.parseDurationNanos("fast", "timerfd:PERIOD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timerfd:PERIOD: 'fast' is not a duration"
                        + " (expected: a whole number and a unit ns, us, ms, s or m, such as 1ms or 250us)");
        for (String bad : new String[] {"", "ms", "5", "5 ms", "5h", "-5ms", "+5ms", "1.5ms", "5MS", "1 hour"}) {
            assertThatThrownBy(() -> Durations.parseDurationNanos(bad, "--duration"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--duration: '" + bad + "' is not a duration (expected: a whole number and a unit");
        }
    }

    @Test
    void zeroIsRejectedInAnyUnit() {
        for (String zero : new String[] {"0ns", "0s", "000ms", "0m"}) {
            assertThatThrownBy(() -> Durations.parseDurationNanos(zero, "eventfd:PERIOD"))
                    .as(zero).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("eventfd:PERIOD: '" + zero + "' is zero (expected: a positive duration, such as 1ms)");
        }
    }

    @Test
    void theLongestDurationIsLongMaxValueNanoseconds() {
        assertThat(Durations.parseDurationNanos(Long.MAX_VALUE + "ns", "timer:PERIOD")).isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.parseDurationNanos("153722867m", "timer:PERIOD")).isEqualTo(153_722_867L * 60_000_000_000L);
        for (String tooLong : new String[] {"9223372036854775808ns", "9223372037s", "153722868m", "99999999999999999999999ms"}) {
            assertThatThrownBy(() -> Durations.parseDurationNanos(tooLong, "timer:PERIOD"))
                    .as(tooLong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timer:PERIOD: '" + tooLong + "' is too long (expected: at most 9223372036854775807 ns, about 292 years)");
        }
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> Durations.parseDurationNanos(null, "timer:PERIOD"))
                .isInstanceOf(NullPointerException.class).hasMessage("text");
        assertThatThrownBy(() -> Durations.parseDurationNanos("1ms", null))
                .isInstanceOf(NullPointerException.class).hasMessage("what");
    }
}
