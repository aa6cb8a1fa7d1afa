package io.github.irq4j.cli;

import static io.github.irq4j.cli.CommandLineTest.exec;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.cli.CommandLineTest.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@code run --device gpio:...} on the host, where no GPIO chip is needed to reject a malformed
 * spec: a usage error (exit 2) with the part that is wrong, the syntax, and no stack trace. The
 * spec running on real lines is tested in the guest (the gpio suite of {@code ./irq4j device-test}).
 */
class GpioDeviceSpecCliTest {

    private static final String ENCODER = "io.github.irq4j.samples.QuadratureEncoderDriver";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "gpio:gpiochip0:17,18          | irq4j run: bad device gpio: chip 'gpiochip0' is not an absolute path (expected: the chip's device node, here /dev/gpiochip0",
        "gpio:/dev/gpiochip0           | irq4j run: bad device gpio: no lines given for /dev/gpiochip0",
        "gpio:/dev/gpiochip0:17,17     | irq4j run: bad device gpio: line 17 given twice in '17,17'",
        "gpio:/dev/gpiochip0:A,B       | irq4j run: bad device gpio: line 'A' is not a line offset",
        "gpio:/dev/gpiochip0:17:edges  | irq4j run: bad device gpio: unknown option 'edges'",
        "gpio:/dev/gpiochip0:17:debounce=fast | irq4j run: bad device gpio: debounce: 'fast' is not a duration",
    })
    void aMalformedSpecIsAUsageErrorNamingThePart(String spec, String message) {
        Result r = exec("run", "--driver", ENCODER, "--device", spec.trim(), "--duration", "100ms");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith(message.trim()).contains("gpio:/dev/gpiochipN:LINE[,LINE...]");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void aMissingChipIsAFailureNamingTheChipAndWhatToCheck() {
        Result r = exec("run", "--driver", ENCODER, "--device", "gpio:/dev/gpiochip97:17,18", "--duration", "100ms");
        assertThat(r.exitCode()).as(r.err()).isNotZero().isNotEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("cannot open device").contains("/dev/gpiochip97").contains("ENOENT")
                .contains("no such GPIO chip; list /dev/gpiochip*");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }
}
