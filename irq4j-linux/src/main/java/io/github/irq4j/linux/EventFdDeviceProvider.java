package io.github.irq4j.linux;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.spi.DeviceProvider;
import io.github.irq4j.spi.Durations;
import io.github.irq4j.spi.ProvidedDevice;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code --device eventfd} and {@code --device eventfd:PERIOD}: one eventfd, message 0. Without
 * a period nothing signals it but another writer (8 bytes to {@code /proc/PID/fd/N}); with one,
 * {@link ProvidedDevice#startTraffic()} starts a thread named {@code irq4j-eventfd-traffic} that
 * signals it once per period until the device is closed.
 */
public final class EventFdDeviceProvider implements DeviceProvider {

    static final String SYNTAX = "eventfd[:PERIOD]";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public EventFdDeviceProvider() {
    }

    @Override
    public String scheme() {
        return "eventfd";
    }

    @Override
    public String usage() {
        return "eventfd[:PERIOD]  an eventfd(2), signalled every PERIOD from a Java thread if given (e.g. eventfd:1ms)";
    }

    @Override
    public ProvidedDevice open(String argument) throws IOException {
        long period = argument == null || argument.isEmpty() ? 0 : Durations.parseDurationNanos(argument, SYNTAX);
        EventFdSource source = new EventFdSource("eventfd");
        InterruptResource irq = InterruptResource.line("eventfd.irq", source, 0, InterruptMode.LATCHED);
        Traffic traffic = new Traffic(source, period);
        return new LinuxProvidedDevice("eventfd", List.of(irq), period == 0 ? null : traffic::start, () -> {
            traffic.stop();
            source.release();
        });
    }

    /** The signalling thread of {@code eventfd:PERIOD}. */
    private static final class Traffic implements Runnable {
        private final EventFdSource source;
        private final long periodNanos;
        /** Cleared by stop(); read by the traffic thread. */
        private volatile boolean running = true;
        private Thread thread;

        Traffic(EventFdSource source, long periodNanos) {
            this.source = source;
            this.periodNanos = periodNanos;
        }

        synchronized void start() {
            if (thread == null) {
                thread = Thread.ofPlatform().daemon().name("irq4j-eventfd-traffic").start(this);
            }
        }

        @Override
        public void run() {
            long next = System.nanoTime() + periodNanos;
            while (running) {
                long now = System.nanoTime();
                if (now < next) {
                    LockSupport.parkNanos(next - now);
                    continue;
                }
                next += periodNanos;
                try {
                    source.signal(1);
                } catch (IOException | IllegalStateException e) {
                    return;   // released under us: the run is over
                }
            }
        }

        void stop() {
            Thread t;
            synchronized (this) {
                running = false;
                t = thread;
            }
            if (t != null) {
                LockSupport.unpark(t);
                try {
                    t.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
