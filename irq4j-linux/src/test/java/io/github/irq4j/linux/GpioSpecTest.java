package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code gpio:} device spec, parsed on the host (no chip needed): what each well-formed spec
 * means, and that each malformed part is named in its own message with what is expected.
 */
class GpioSpecTest {

    @Test
    void oneLineDefaultsToBothEdgesNoDebounceAndTheKernelsBuffer() {
        GpioSpec s = GpioSpec.parse("/dev/gpiochip0:17");
        assertThat(s.chip()).isEqualTo(Path.of("/dev/gpiochip0"));
        assertThat(s.lines()).containsExactly(17);
        assertThat(s.edges()).isEqualTo(GpioSource.BOTH);
        assertThat(s.debounceUs()).isZero();
        assertThat(s.bufferSize()).isZero();
    }

    @Test
    void linesKeepTheirOrderAndOptionsComeInAnyOrder() {
        GpioSpec s = GpioSpec.parse("/dev/gpiochip3:18, 17,0:buffer=256:debounce=5ms:falling");
        assertThat(s.lines()).containsExactly(18, 17, 0);
        assertThat(s.edges()).isEqualTo(GpioSource.FALLING);
        assertThat(s.debounceUs()).isEqualTo(5_000);
        assertThat(s.bufferSize()).isEqualTo(256);
        assertThat(GpioSpec.parse("/dev/gpiochip0:1:rising").edges()).isEqualTo(GpioSource.RISING);
        assertThat(GpioSpec.parse("/dev/gpiochip0:1:debounce=250us:both").debounceUs()).isEqualTo(250);
        assertThat(GpioSpec.parse("/dev/gpiochip0:1:debounce=1us").debounceUs()).isEqualTo(1);
    }

    @Test
    void theLinesArrayCannotBeChangedFromOutside() {
        GpioSpec s = GpioSpec.parse("/dev/gpiochip0:4,5");
        s.lines()[0] = 99;
        assertThat(s.lines()).containsExactly(4, 5);
    }

    @Test
    void sixtyFourLinesAreTheLimit() {
        StringBuilder b = new StringBuilder("/dev/gpiochip0:0");
        for (int i = 1; i < 64; i++) {
            b.append(',').append(i);
        }
        assertThat(GpioSpec.parse(b.toString()).lines()).hasSize(64);
        assertThatThrownBy(() -> GpioSpec.parse(b + ",64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gpio: 65 lines (expected: at most 64 lines in one request");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                                 | gpio: no chip and lines given",
        ":17                                  | gpio: no chip given before the first ':' in ':17'",
        "gpiochip0:17                         | gpio: chip 'gpiochip0' is not an absolute path (expected: the chip's device node, here /dev/gpiochip0",
        "dev/gpiochip0:17                     | gpio: chip 'dev/gpiochip0' is not an absolute path (expected: the chip's device node, such as /dev/gpiochip0",
        "/dev/gpiochip0                       | gpio: no lines given for /dev/gpiochip0 (expected: LINE[,LINE...] after the chip, such as /dev/gpiochip0:17",
        "/dev/gpiochip0:                      | gpio: no lines given for /dev/gpiochip0",
        "/dev/gpiochip0:GPIO17                | gpio: line 'GPIO17' is not a line offset (expected: a decimal offset on the chip such as 17 (see gpioinfo), not a pin name",
        "/dev/gpiochip0:x                     | gpio: line 'x' is not a line offset",
        "/dev/gpiochip0:17,,18                | gpio: empty line offset in '17,,18'",
        "/dev/gpiochip0:17,                   | gpio: empty line offset in '17,'",
        "/dev/gpiochip0:-1                    | gpio: line -1 is negative (expected: a line offset >= 0",
        "/dev/gpiochip0:17,18,17              | gpio: line 17 given twice in '17,18,17' (expected: distinct line offsets",
        "/dev/gpiochip0:17:                   | gpio: empty option after '/dev/gpiochip0:17:'",
        "/dev/gpiochip0:17::both              | gpio: empty option after '/dev/gpiochip0:17:'",
        "/dev/gpiochip0:17:rising:falling     | gpio: edges given twice ('rising' and 'falling') (expected: one of rising, falling or both",
        "/dev/gpiochip0:17:up                 | gpio: unknown option 'up' (expected: rising, falling, both, debounce=PERIOD",
        "/dev/gpiochip0:17:debounce=5         | gpio: debounce: '5' is not a duration (expected: a whole number and a unit",
        "/dev/gpiochip0:17:debounce=0ms       | gpio: debounce: '0ms' is zero",
        "/dev/gpiochip0:17:debounce=500ns     | gpio: debounce '500ns' is below 1us (expected: a period of at least 1us",
        "/dev/gpiochip0:17:debounce=36m       | gpio: debounce '36m' is too long (expected: at most 2147483647us",
        "/dev/gpiochip0:17:debounce=1ms:debounce=2ms | gpio: debounce given twice",
        "/dev/gpiochip0:17:buffer=0           | gpio: buffer '0' (expected: EVENTS a number of events from 1 to 1024",
        "/dev/gpiochip0:17:buffer=lots        | gpio: buffer 'lots' (expected: EVENTS a number of events from 1 to 1024",
        "/dev/gpiochip0:17:buffer=1025        | gpio: buffer '1025'",
        "/dev/gpiochip0:17:buffer=16:buffer=32 | gpio: buffer given twice",
    })
    void eachMalformedPartIsNamed(String spec, String messageStart) {
        assertThatThrownBy(() -> GpioSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(messageStart.trim())
                .hasMessageContaining(GpioSpec.SYNTAX);
    }
}
