package io.github.irq4j.cli.spi;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a long run ({@code irq4j bench}): the run's own lines as they come and, on a
 * terminal, below them one status line rewritten in place every second (carriage return, clear
 * line), with the time so far against the expected total. Off a terminal only the run's lines,
 * unchanged. Thread-safe: the run's thread prints lines, a daemon thread ticks.
 */
public final class ProgressLine implements AutoCloseable {

    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintWriter out;
    private final boolean ansi;
    private final String what;
    private final long expectedNs;
    private final LongSupplier clock;
    private final long start;
    private final Thread ticker;
    /** Guarded by this. */
    private boolean closed;
    /** Whether a status line is on screen now; guarded by this. */
    private boolean statusShown;

    /**
     * @param what what runs, such as "bench"
     * @param expectedNs how long the run is expected to take (0: unknown)
     */
    public ProgressLine(PrintWriter out, boolean ansi, String what, long expectedNs) {
        this(out, ansi, what, expectedNs, System::nanoTime, true);
    }

    ProgressLine(PrintWriter out, boolean ansi, String what, long expectedNs, LongSupplier clock, boolean tick) {
        this.out = out;
        this.ansi = ansi;
        this.what = what;
        this.expectedNs = expectedNs;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.ticker = ansi && tick ? Thread.ofPlatform().daemon().name("irq4j-progress").unstarted(this::tick) : null;
        if (ticker != null) {
            ticker.start();
        }
    }

    /** A line of the run's own, printed above the status line. */
    public synchronized void line(String line) {
        if (statusShown) {
            out.print(CLEAR_LINE);
        }
        out.println(line);
        statusShown = false;
        if (ansi && !closed) {
            status();
        }
        out.flush();
    }

    /** Rewrites the status line; a no-op off a terminal. */
    public synchronized void status() {
        if (!ansi || closed) {
            return;
        }
        out.print(CLEAR_LINE + statusText(clock.getAsLong() - start));
        out.flush();
        statusShown = true;
    }

    String statusText(long elapsedNs) {
        long s = TimeUnit.NANOSECONDS.toSeconds(elapsedNs);
        if (expectedNs <= 0) {
            return String.format(Locale.ROOT, "%s: %d s so far", what, s);
        }
        long total = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(expectedNs));
        int pct = (int) Math.min(99, 100 * elapsedNs / expectedNs);
        return String.format(Locale.ROOT, "%s: %d s of about %d s (%d%%)", what, s, total, pct);
    }

    private void tick() {
        while (true) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                status();
                try {
                    wait(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Removes the status line and stops the ticker. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (statusShown) {
                out.print(CLEAR_LINE);
                statusShown = false;
            }
            out.flush();
            notifyAll();
        }
        if (ticker != null) {
            try {
                ticker.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
