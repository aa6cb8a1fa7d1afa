package io.github.irq4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.StormPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SPEC 3.1: the storm meter's rule on a clock the test gives, so rates are exact. */
class StormMeterTest {

    private static final long MS = 1_000_000L;

    /** Feeds {@code n} claimed signals spread evenly over {@code [from, from + spanNs)}; returns how many reports came. */
    private static int feed(StormMeter m, long from, long spanNs, long n) {
        int reports = 0;
        for (long k = 1; k <= n; k++) {
            if (m.claimedAt(from + spanNs * k / n)) {
                reports++;
            }
        }
        return reports;
    }

    @Test
    void aRateAboveTheCeilingSustainedIsReportedOnce() {
        StormMeter m = new StormMeter(new StormPolicy(100_000, Duration.ofSeconds(1), StormPolicy.Action.MASK));
        long t0 = 1_000 * MS;
        assertThat(feed(m, t0, 900 * MS, 180_000)).isZero();          // 200,000/s but only 0.9 s so far
        assertThat(feed(m, t0 + 900 * MS, 300 * MS, 60_000)).isOne(); // past 1 s: the storm
        assertThat(m.rate()).isBetween(190_000L, 210_000L);
        assertThat(feed(m, t0 + 1_200 * MS, 2_000 * MS, 400_000)).isZero(); // the same episode is not reported again
    }

    @Test
    void aRateAtTheCeilingOrAQuietGapIsNoStorm() {
        StormMeter m = new StormMeter(new StormPolicy(100_000, Duration.ofSeconds(1), StormPolicy.Action.MASK));
        long t0 = 1_000 * MS;
        assertThat(feed(m, t0, 5_000 * MS, 450_000)).isZero();           // 90,000/s for 5 s
        assertThat(feed(m, t0 + 5_000 * MS, 800 * MS, 160_000)).isZero(); // 200,000/s for 0.8 s ...
        long quiet = t0 + 5_800 * MS + 500 * MS;                           // ... a 0.5 s pause ends the episode
        assertThat(feed(m, quiet, 800 * MS, 160_000)).isZero();
    }

    @Test
    void aNewEpisodeAfterAQuietSliceIsReportedAgain() {
        StormMeter m = new StormMeter(new StormPolicy(100_000, Duration.ofMillis(100), StormPolicy.Action.REPORT));
        long t0 = 1_000 * MS;
        assertThat(feed(m, t0, 200 * MS, 40_000)).isOne();
        assertThat(feed(m, t0 + 200 * MS, 100 * MS, 1_000)).isZero(); // 10,000/s: over
        assertThat(feed(m, t0 + 300 * MS, 200 * MS, 40_000)).isOne();
    }
}
