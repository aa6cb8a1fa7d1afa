package io.github.irq4j.cli;

import io.github.irq4j.spi.SharedDispatchProvider;
import io.github.irq4j.spi.SharedDispatcher;
import java.io.IOException;
import java.util.ServiceLoader;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --dispatch thread|shared[:THREADS]}: where the ISRs of a run's sources are dispatched.
 * {@code thread} (the default) gives each source a dispatch thread of its own, as Linux's threaded
 * IRQs do; {@code shared} runs the Linux sources on {@code THREADS} threads (default: one per
 * available processor), an epoll set each, as Netty's event loop group or DPDK's interrupt thread
 * do ({@code Host.Builder.sharedDispatcher}, SPEC 3.2).
 *
 * @param sharedThreads the shared dispatch threads, or 0 for a thread per source
 */
record DispatchOption(int sharedThreads) {

    static final DispatchOption THREAD = new DispatchOption(0);
    static final int MAX_THREADS = 64;

    boolean shared() {
        return sharedThreads > 0;
    }

    /**
     * Opens the shared dispatcher with the first {@link SharedDispatchProvider} {@code loader} sees,
     * or returns null for {@code thread}; the caller closes it after the host.
     *
     * @throws CliException a usage error if no provider is there (not Linux); a failure if it cannot be opened
     */
    SharedDispatcher open(ClassLoader loader) {
        if (!shared()) {
            return null;
        }
        SharedDispatchProvider provider = ServiceLoader.load(SharedDispatchProvider.class, loader).findFirst()
                .orElseThrow(() -> CliException.usage("--dispatch " + this + ": no shared dispatcher is installed (irq4j-linux"
                        + " provides the epoll one, on Linux only); use --dispatch thread"));
        try {
            return provider.open(sharedThreads);
        } catch (IOException e) {
            throw new CliException("--dispatch " + this + ": cannot open the " + provider.description() + " dispatcher: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return shared() ? "shared:" + sharedThreads : "thread";
    }

    /** Parses the option; every error names the value and the syntax. */
    static final class Converter implements ITypeConverter<DispatchOption> {
        @Override
        public DispatchOption convert(String value) {
            String v = value.trim();
            if (v.equals("thread")) {
                return THREAD;
            }
            if (v.equals("shared")) {
                return new DispatchOption(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
            }
            if (v.startsWith("shared:")) {
                String n = v.substring("shared:".length());
                int threads;
                try {
                    threads = Integer.parseInt(n);
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + value + "': THREADS '" + n + "' is not a whole number"
                            + " (expected: shared:THREADS with 1 <= THREADS <= " + MAX_THREADS + ", such as shared:2)");
                }
                if (threads < 1 || threads > MAX_THREADS) {
                    throw new TypeConversionException("'" + value + "': THREADS " + threads + " is out of range"
                            + " (expected: 1 <= THREADS <= " + MAX_THREADS + ", such as shared:2)");
                }
                return new DispatchOption(threads);
            }
            throw new TypeConversionException("'" + value + "' is not a dispatch (expected: thread, shared or shared:THREADS,"
                    + " such as --dispatch shared:2)");
        }
    }
}
