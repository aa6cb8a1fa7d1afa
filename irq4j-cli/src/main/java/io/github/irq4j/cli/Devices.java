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

    /** The providers on irq4j's own class path by scheme, sorted. */
    static Map<String, DeviceProvider> providers() {
        return providers(Devices.class.getClassLoader());
    }

    /** The providers {@code loader} sees (with {@code --classpath}, the user's as well) by scheme, sorted. */
    static Map<String, DeviceProvider> providers(ClassLoader loader) {
        Map<String, DeviceProvider> map = new TreeMap<>();
        for (DeviceProvider p : ServiceLoader.load(DeviceProvider.class, loader)) {
            map.putIfAbsent(p.scheme(), p);
        }
        return map;
    }

    /** The scheme of a spec: the part before the first colon. */
    static String scheme(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }

    private static CliException unknownScheme(String spec, String scheme, Map<String, DeviceProvider> providers) {
        return CliException.usage("unknown device '" + spec + "': no provider for scheme '" + scheme
                + "' (known: " + String.join(", ", providers.keySet()) + "); see 'irq4j run --help' for the syntax");
    }

    /** Opens the device with a provider on irq4j's own class path. */
    static ProvidedDevice open(String spec) {
        return open(spec, Devices.class.getClassLoader());
    }

    /**
     * Opens the device with a provider {@code loader} sees.
     *
     * @throws CliException a usage error if no provider has the scheme (the message lists the known
     *         ones) or the provider rejected the argument; a failure if the device could not be opened
     */
    static ProvidedDevice open(String spec, ClassLoader loader) {
        String scheme = scheme(spec);
        String argument = spec.length() > scheme.length() ? spec.substring(scheme.length() + 1) : "";
        Map<String, DeviceProvider> providers = providers(loader);
        DeviceProvider provider = providers.get(scheme);
        if (provider == null) {
            throw unknownScheme(spec, scheme, providers);
        }
        try {
            return provider.open(argument);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("bad device " + naming(spec, scheme, e.getMessage()), e);
        } catch (IOException e) {
            throw new CliException("cannot open device " + naming(spec, scheme, e.getMessage()), e);
        }
    }

    /**
     * The spec and the provider's message, the spec once: providers start their messages with the
     * spec or its scheme ({@code "timer:0ms: period ..."}), which then names the device already.
     */
    static String naming(String spec, String scheme, String message) {
        String m = String.valueOf(message);
        return m.startsWith(scheme) ? m : "'" + spec + "': " + m;
    }

    /** One line per provider, for help texts. */
    static String usages() {
        return providers().values().stream().map(p -> "  " + p.usage()).collect(Collectors.joining(System.lineSeparator()));
    }
}
