package io.github.irq4j.linux;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.Resource;
import io.github.irq4j.spi.DeviceProvider;
import io.github.irq4j.spi.Durations;
import io.github.irq4j.spi.ProvidedDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --device gpio:/dev/gpiochipN:LINE[,LINE...][:rising|falling|both][:debounce=PERIOD][:buffer=EVENTS]}:
 * edge interrupts of GPIO lines, one message per line (default both edges, no debounce, the
 * kernel's event FIFO of 16 events per line), such as {@code gpio:/dev/gpiochip0:17} or
 * {@code gpio:/dev/gpiochip0:17,18:rising:debounce=5ms:buffer=256}.
 */
public final class GpioDeviceProvider implements DeviceProvider {

    static final String SYNTAX = "gpio:/dev/gpiochipN:LINE[,LINE...][:rising|falling|both][:debounce=PERIOD][:buffer=EVENTS]";

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

    @Override
    public ProvidedDevice open(String argument) throws IOException {
        String[] parts = argument == null ? new String[0] : argument.split(":");
        if (parts.length < 2 || !parts[0].startsWith("/")) {
            throw new IllegalArgumentException("gpio: '" + argument + "' (expected: " + SYNTAX + ")");
        }
        int[] lines;
        try {
            lines = Arrays.stream(parts[1].split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gpio: lines '" + parts[1] + "' (expected: " + SYNTAX
                    + ", LINE a decimal offset such as 17)");
        }
        int edges = GpioSource.BOTH;
        int debounceUs = 0;
        int bufferSize = 0;
        for (int i = 2; i < parts.length; i++) {
            String p = parts[i];
            switch (p) {
                case "rising" -> edges = GpioSource.RISING;
                case "falling" -> edges = GpioSource.FALLING;
                case "both" -> edges = GpioSource.BOTH;
                default -> {
                    if (p.startsWith("buffer=")) {
                        bufferSize = parseBuffer(p.substring("buffer=".length()));
                    } else if (p.startsWith("debounce=")) {
                        long ns = Durations.parseDurationNanos(p.substring("debounce=".length()), SYNTAX);
                        debounceUs = (int) Math.min(Integer.MAX_VALUE, ns / 1_000);
                    } else {
                        throw new IllegalArgumentException("gpio: option '" + p + "' (expected: " + SYNTAX + ")");
                    }
                }
            }
        }
        GpioSource source = new GpioSource(Path.of(parts[0]), lines, edges, debounceUs, bufferSize);
        List<Resource> resources = new ArrayList<>();
        for (int m = 0; m < lines.length; m++) {
            resources.add(InterruptResource.line("gpio" + lines[m] + ".irq", source, m, InterruptMode.LATCHED));
        }
        return new LinuxProvidedDevice(Path.of(parts[0]).getFileName() + ":" + parts[1], resources, null, source::close);
    }

    private static int parseBuffer(String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > GpioSource.MAX_EVENT_BUFFER_SIZE) {
            throw new IllegalArgumentException("gpio: buffer '" + value + "' (expected: " + SYNTAX
                    + ", EVENTS a number of events from 1 to " + GpioSource.MAX_EVENT_BUFFER_SIZE + ")");
        }
        return n;
    }
}
