package io.github.irq4j.linux;

import io.github.irq4j.DispatchMode;
import io.github.irq4j.spi.SharedDispatchProvider;
import io.github.irq4j.spi.SharedDispatcher;
import java.io.IOException;

/**
 * Opens an {@link EpollDispatchGroup} for {@code Host.Builder.sharedDispatcher}: {@code threads}
 * blocking dispatch threads named {@code irq4j-epoll-N}, no DPC or worker threads of its own (the
 * host's default environment keeps those). What {@code irq4j run --dispatch shared[:THREADS]} uses.
 */
public final class EpollSharedDispatchProvider implements SharedDispatchProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public EpollSharedDispatchProvider() {
    }

    @Override
    public String description() {
        return "epoll (eventfd, timerfd, uio, vfio, gpio)";
    }

    /**
     * @throws IllegalArgumentException if {@code threads} is not 1 to 64
     * @throws NativeIoException if an epoll set or eventfd cannot be created ({@code EMFILE})
     */
    @Override
    public SharedDispatcher open(int threads) throws IOException {
        return new EpollDispatchGroup("irq4j-epoll", threads, DispatchMode.BLOCKING, 0);
    }
}
