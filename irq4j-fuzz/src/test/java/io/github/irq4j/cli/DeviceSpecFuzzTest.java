package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.irq4j.spi.ProvidedDevice;
import java.util.List;

/**
 * {@code --device SPEC} comes from the command line: every provider on the CLI's class path (the
 * simulated uart, timer and edu; eventfd, timerfd, uio, vfio and gpio) either opens the device or
 * rejects the spec with a {@link CliException} (usage error 2 for a malformed spec, failure 1 for
 * a device that cannot be opened), whose message is the one line the user sees. Anything else
 * escaping {@link Devices#open} (a NumberFormatException, an IndexOutOfBounds...) would reach the
 * user as "internal error" (exit 70) and is a bug.
 * <p>
 * Devices that take a path (gpio, vfio) get it under a folder that does not exist, so a fuzzed
 * path never opens a real file of this machine; their parsing runs in full all the same.
 */
class DeviceSpecFuzzTest {

    private static final List<String> SCHEMES = List.of("uart", "timer", "edu", "eventfd", "timerfd", "uio", "vfio", "gpio");
    private static final String NOWHERE = "/nonexistent-irq4j-fuzz";

    @FuzzTest(maxDuration = "12s")
    @DictionaryEntries({"rate=", "fifo=", "limit=", "ms", "us", "ns", "s", "m", ",", ":", "=", "/dev/gpiochip0", "rising",
            "falling", "both", "debounce=", "buffer=", "#intx", "#msi", "#msix", "0000:00:03.0", "intx", "msi", "/dev/uio0"})
    void deviceSpecs(FuzzedDataProvider data) {
        String scheme = data.pickValue(SCHEMES);
        boolean bare = data.consumeBoolean();              // "uart" as well as "uart:" and "uart:rate=5"
        String argument = confine(scheme, data.consumeRemainingAsString());
        String spec = bare && argument.isEmpty() ? scheme : scheme + ":" + argument;
        try (ProvidedDevice device = Devices.open(spec)) {
            assertThat(device.name()).isNotNull();
            assertThat(device.resources()).isNotNull();
        } catch (CliException e) {
            assertThat(e.exitCode()).as("exit code of %s", spec).isIn(ExitCode.USAGE, ExitCode.FAILED);
            assertThat(e.getMessage()).as("message for %s", spec).isNotBlank().doesNotContain("\n\tat ");
        }
        try {
            assertThat(Drivers.sampleFor(spec, UserClassPath.none())).isNotBlank();
        } catch (CliException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        }
    }

    /** Moves a path argument of gpio or vfio under {@link #NOWHERE}; the rest of the argument is kept. */
    static String confine(String scheme, String argument) {
        if (!scheme.equals("gpio") && !scheme.equals("vfio")) {
            return argument;
        }
        if (argument.startsWith("/")) {
            return NOWHERE + argument;
        }
        if (scheme.equals("vfio") && !argument.isEmpty() && !Character.isDigit(argument.charAt(0))) {
            return NOWHERE + "/" + argument;   // a relative group path would be opened in the working folder
        }
        return argument;                        // vfio:N/... names /dev/vfio/N, absent without vfio-pci bound
    }
}
