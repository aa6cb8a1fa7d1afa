package io.github.irq4j.spi;

import java.io.IOException;

/**
 * Opens a device named on the command line ({@code --device SPEC}), such as {@code uart},
 * {@code timer:1ms}, {@code eventfd} or {@code uio:/dev/uio0}. Found with
 * {@link java.util.ServiceLoader}: {@code irq4j-sim} provides the simulated devices,
 * {@code irq4j-linux} the kernel ones. The scheme is the part before the first colon.
 */
public interface DeviceProvider {

    /** The scheme this provider opens, such as {@code "uart"} or {@code "eventfd"}. */
    String scheme();

    /** One line on the syntax, such as {@code "timerfd:PERIOD  a periodic timerfd (e.g. timerfd:1ms)"}. */
    String usage();

    /**
     * Opens the device.
     *
     * @param argument the part after {@code scheme:}, or the empty string
     * @throws IllegalArgumentException if the argument is malformed; the message says the expected syntax
     * @throws IOException if the device cannot be opened; the message names the device and what to check
     */
    ProvidedDevice open(String argument) throws IOException;
}
