package io.github.irq4j.linux;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.Resource;
import io.github.irq4j.spi.DeviceProvider;
import io.github.irq4j.spi.ProvidedDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code --device gpio:/dev/gpiochipN:LINE[,LINE...][:rising|falling|both][:debounce=PERIOD][:buffer=EVENTS]}:
 * edge interrupts of GPIO lines, one message per line (default both edges, no debounce, the
 * kernel's event FIFO of 16 events per line), such as {@code gpio:/dev/gpiochip0:17} or
 * {@code gpio:/dev/gpiochip0:17,18:rising:debounce=5ms:buffer=256}.
 */
public final class GpioDeviceProvider implements DeviceProvider {

    static final String SYNTAX = GpioSpec.SYNTAX;

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public GpioDeviceProvider() {
    }

    @Override
    public String scheme() {
        return "gpio";
    }

    @Override
    public String usage() {
        return SYNTAX + "  edge interrupts of GPIO lines (e.g. gpio:/dev/gpiochip0:17)";
    }

    /**
     * Parses the spec ({@link GpioSpec}: each malformed part has its own message), probes the chip
     * and returns one latched interrupt resource per line, named {@code gpioLINE.irq}.
     *
     * @throws IllegalArgumentException for a malformed spec, or a line beyond the chip's line count
     * @throws NativeIoException {@code ENOENT} (no such chip), {@code ENOTTY} (not a GPIO chip), {@code EACCES}
     */
    @Override
    public ProvidedDevice open(String argument) throws IOException {
        GpioSpec spec = GpioSpec.parse(argument);
        int[] lines = spec.lines();
        GpioSource source = new GpioSource(spec.chip(), lines, spec.edges(), spec.debounceUs(), spec.bufferSize());
        List<Resource> resources = new ArrayList<>();
        for (int m = 0; m < lines.length; m++) {
            resources.add(InterruptResource.line("gpio" + lines[m] + ".irq", source, m, InterruptMode.LATCHED));
        }
        String name = spec.chip().getFileName() + ":" + Arrays.stream(lines).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return new LinuxProvidedDevice(name, resources, null, source::close);
    }
}
