package io.github.irq4j.internal;

import io.github.irq4j.StormPolicy;

/**
 * The storm rule's meter of one line (SPEC 3.1): is the claimed rate above the ceiling, sustained?
 * Dispatch thread only, plain fields.
 *
 * <p>Cost per claimed signal: a counter increment and a compare; every {@link #CHECK_EVERY}
 * claimed signals it reads the clock and closes a slice (a tenth of the sustained period) when one
 * has passed. A slice above the ceiling extends the hot period, one at or below it ends it; a hot
 * period as long as the sustained period is a storm, reported once per hot period. A line that
 * goes quiet ends its hot period at the next check, whose slice then spans the quiet time.
 */
final class StormMeter {

    /** Claimed signals between clock reads: a storm is at least 1,000 per second, so a check comes at least every 0.26 s. */
    static final int CHECK_EVERY = 256;

    private final long ceiling;
    private final long sustainNs;
    private final long sliceNs;

    private int sinceCheck;
    private long sliceStart;
    private long sliceCount;
    /** Start of the hot period, or 0 when the last slice was not hot. */
    private long hotSince;
    private long hotCount;
    private boolean reported;
    /** The rate of the hot period when {@link #claimed()} last returned true. */
    private long rate;

    StormMeter(StormPolicy policy) {
        this.ceiling = policy.maxRatePerSecond();
        this.sustainNs = policy.sustainedFor().toNanos();
        this.sliceNs = Math.max(1_000_000L, sustainNs / 10);
    }

    /** Counts one claimed signal; true once per hot period, when it has lasted the sustained period. */
    boolean claimed() {
        if (++sinceCheck < CHECK_EVERY) {
            return false;
        }
        return check(System.nanoTime());
    }

    /** {@link #claimed()} on a given clock, for tests. */
    boolean claimedAt(long now) {
        if (++sinceCheck < CHECK_EVERY) {
            return false;
        }
        return check(now);
    }

    private boolean check(long now) {
        long n = sinceCheck;
        sinceCheck = 0;
        if (sliceStart == 0) {
            sliceStart = now;
            return false;
        }
        sliceCount += n;
        long elapsed = now - sliceStart;
        if (elapsed < sliceNs) {
            return false;
        }
        // Above the ceiling: count / elapsed > ceiling per 1e9 ns; no overflow below 9e9 signals per slice.
        boolean hot = sliceCount * 1_000_000_000L > ceiling * elapsed;
        if (hot) {
            if (hotSince == 0) {
                hotSince = sliceStart;
                hotCount = 0;
            }
            hotCount += sliceCount;
        } else {
            hotSince = 0;
            reported = false;
        }
        sliceStart = now;
        sliceCount = 0;
        if (hot && !reported && now - hotSince >= sustainNs) {
            reported = true;
            rate = (long) (hotCount * 1e9 / (now - hotSince));
            return true;
        }
        return false;
    }

    /** The claimed rate per second of the hot period just reported. */
    long rate() {
        return rate;
    }

    long ceiling() {
        return ceiling;
    }
}
