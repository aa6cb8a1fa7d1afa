package io.github.irq4j.cli;

import io.github.irq4j.spi.DeviceProvider;
import io.github.irq4j.spi.ProvidedDevice;
import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Opens {@code --device SPEC} with the {@link DeviceProvider} whose scheme is the part before the first colon. */
final class Devices {

    private Devices() {
    }

    /** The providers on the class path by scheme, sorted. */
    static Map<String, DeviceProvider> providers() {
        Map<String, DeviceProvider> map = new TreeMap<>();
        for (DeviceProvider p : ServiceLoader.load(DeviceProvider.class, Devices.class.getClassLoader())) {
            map.putIfAbsent(p.scheme(), p);
        }
        return map;
    }

    /**
     * Opens the device.
     *
     * @throws CliException if no provider has the scheme (the message lists the known ones), or the
     *         provider rejected the argument or could not open the device
     */
    static ProvidedDevice open(String spec) {
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? "" : spec.substring(colon + 1);
        Map<String, DeviceProvider> providers = providers();
        DeviceProvider provider = providers.get(scheme);
        if (provider == null) {
            throw new CliException("unknown device '" + spec + "': no provider for scheme '" + scheme
                    + "' (known: " + String.join(", ", providers.keySet()) + "); see 'irq4j run --help' for the syntax");
        }
        try {
            return provider.open(argument);
        } catch (IllegalArgumentException e) {
            throw new CliException("bad device '" + spec + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException("cannot open device '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** One line per provider, for help texts. */
    static String usages() {
        return providers().values().stream().map(p -> "  " + p.usage()).collect(Collectors.joining(System.lineSeparator()));
    }
}
