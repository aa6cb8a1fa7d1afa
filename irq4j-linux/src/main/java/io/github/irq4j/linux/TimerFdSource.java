package io.github.irq4j.linux;

import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;

/**
 * An interrupt source over a periodic {@code timerfd_create(2)} timer on
 * {@code CLOCK_MONOTONIC}: message 0. A poll reads the expirations since the last read; a count
 * above 1 means {@code count - 1} periods were missed (overruns), which {@link #lostSignals(int)}
 * accumulates.
 * <pre>{@code
 * TimerFdSource timer = new TimerFdSource("tick", 1_000_000);   // 1 ms
 * ... connect an interrupt on InterruptResource.line("tick.irq", timer, 0, InterruptMode.LATCHED) ...
 * timer.start();
 * }</pre>
 * The timerfd lives from the constructor to {@link #close()}, which throws
 * {@link IllegalStateException} while an interrupt is connected: stop the device first.
 */
public final class TimerFdSource extends EpollSource {

    /** The shortest period accepted: 1 microsecond. */
    public static final long MIN_PERIOD_NS = 1_000L;

    private final long periodNanos;
    /** The timerfd; -1 after close(). */
    private volatile int timerFd;

    /**
     * Creates the timer, disarmed.
     *
     * @param periodNanos the period, at least {@link #MIN_PERIOD_NS}
     * @throws IllegalArgumentException if the period is too short
     * @throws NativeIoException if the kernel refuses
     */
    public TimerFdSource(String name, long periodNanos) throws IOException {
        super(name, 1);
        if (periodNanos < MIN_PERIOD_NS) {
            throw new IllegalArgumentException(name + ": period " + periodNanos + " ns (expected: >= " + MIN_PERIOD_NS + " ns)");
        }
        this.periodNanos = periodNanos;
        this.timerFd = TimerFd.create(name);
    }

    /** The period in nanoseconds. */
    public long periodNanos() {
        return periodNanos;
    }

    /**
     * Arms the timer: first expiry one period from now, then every period. Any thread.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void start() throws IOException {
        TimerFd.setTime(checkFd(), periodNanos, periodNanos, CallState.forCurrentThread(), name());
    }

    /**
     * Disarms the timer. Any thread. The kernel's disarm ({@code timerfd_settime} with a zero
     * value) resets the count of expirations nobody has read yet, so they are read first and
     * counted in {@link #lostSignals(int)}: a tick taken away by the stop is counted, never gone
     * without trace (SPEC 3). The one gap is an expiry in the microseconds between that read and
     * the disarm, as Linux offers no disarm that keeps the count.
     */
    public synchronized void stop() throws IOException {
        int fd = checkFd();
        CallState st = CallState.forCurrentThread();
        long unread = TimerFd.read(fd, st, name());
        TimerFd.setTime(fd, 0, 0, st, name());
        if (unread > 0) {
            addLost(0, unread);
        }
    }

    private int checkFd() {
        int fd = timerFd;
        if (fd < 0) {
            throw new IllegalStateException(name() + ": closed, its timerfd is released; create a new TimerFdSource");
        }
        return fd;
    }

    @Override
    void checkUsable() {
        checkFd();
    }

    @Override
    void openKernel(CallState st) throws IOException {
        register(checkFd(), st);
    }

    @Override
    void closeKernel() {
        // The timerfd outlives the connection; close() releases it.
    }

    @Override
    int drain(int index, SignalHandler handler, CallState st) throws IOException {
        long expirations = TimerFd.read(timerFd, st, name());
        if (expirations == 0) {
            return 0;
        }
        if (expirations > 1) {
            addLost(0, expirations - 1);
        }
        handler.onSignal(0, expirations);
        return 1;
    }

    /** Closes the timerfd, under the lock {@link #start} and {@link #stop} take. */
    @Override
    synchronized void releaseKernel() {
        int fd = timerFd;
        timerFd = -1;
        FileDescriptors.close(fd);
    }

    @Override
    public String toString() {
        return "TimerFdSource{name=" + name() + ", periodNanos=" + periodNanos + "}";
    }
}
