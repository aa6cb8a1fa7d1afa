package io.github.irq4j.spi;

import java.io.IOException;

/**
 * Opens a {@link SharedDispatcher} for a command line or a configuration that cannot name the
 * implementation's class (irq4j-linux is a runtime dependency of the CLI only). Found with
 * {@link java.util.ServiceLoader}; irq4j-linux provides the epoll one.
 */
public interface SharedDispatchProvider {

    /** What it dispatches, for messages: {@code "epoll (eventfd, timerfd, uio, vfio, gpio)"}. */
    String description();

    /**
     * Opens a dispatcher with {@code threads} dispatch threads, started at once. The caller closes
     * it after the hosts that use it.
     *
     * @throws IllegalArgumentException if {@code threads} is out of the provider's range; the message gives it
     * @throws IOException if the kernel objects cannot be created
     */
    SharedDispatcher open(int threads) throws IOException;
}
