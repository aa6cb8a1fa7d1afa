package io.github.irq4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.spi.DeviceProvider;
import io.github.irq4j.spi.ProvidedDevice;
import java.io.IOException;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Opens {@code --device} specs through the providers, as the command line does, and waits on conditions. */
final class LinuxDevices {

    private LinuxDevices() {
    }

    static ProvidedDevice open(String spec) throws IOException {
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? spec : spec.substring(0, colon);
        DeviceProvider provider = ServiceLoader.load(DeviceProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals(scheme)).findFirst().orElseThrow();
        return provider.open(colon < 0 ? "" : spec.substring(colon + 1));
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }
}
