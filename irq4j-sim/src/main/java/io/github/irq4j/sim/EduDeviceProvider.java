package io.github.irq4j.sim;

import io.github.irq4j.spi.DeviceProvider;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@code edu[:intx|:msi]}: a simulated QEMU {@code edu} device ({@link EduDevice}), on a
 * level line (default, INTx) or an MSI vector, without DMA memory. Devices are named {@code edu0},
 * {@code edu1}, ...
 */
public final class EduDeviceProvider implements DeviceProvider {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public EduDeviceProvider() {
    }

    @Override
    public String scheme() {
        return "edu";
    }

    @Override
    public String usage() {
        return "edu[:intx|:msi]  a simulated QEMU edu device (factorial, interrupt raise/ack), INTx or MSI (e.g. edu:msi)";
    }

    /** @throws IllegalArgumentException with the expected syntax for anything but {@code intx} or {@code msi} */
    @Override
    public EduDevice open(String argument) {
        boolean msi = switch (argument) {
            case "", "intx" -> false;
            case "msi" -> true;
            default -> throw new IllegalArgumentException("edu:" + argument + " (expected: edu, edu:intx or edu:msi)");
        };
        return EduDevice.create("edu" + NEXT.getAndIncrement(), msi, null, 0);
    }
}
