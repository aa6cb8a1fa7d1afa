package io.github.irq4j.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

/** The bench's histogram log: one tagged interval per run that kept its histogram, readable by HdrHistogram. */
class LatencyHistogramLogTest {

    private static RunResult run(String side, int round, Histogram latency, Histogram dpc) {
        return new RunResult(side, LatencyMode.BUSY_POLL, round, 10, 10, 10, 0, 1, Percentiles.of(latency),
                dpc == null ? null : Percentiles.of(dpc), latency, dpc);
    }

    private static Histogram values(long... ns) {
        Histogram h = Irq4jExperiment.newHistogram();
        for (long v : ns) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void everyKeptHistogramIsOneTaggedIntervalWithItsCounts() {
        ModeResult m = new ModeResult(LatencyMode.BUSY_POLL,
                List.of(run(RunResult.C, 1, values(1000, 2000), null), run(RunResult.C, 2, values(3000), null)),
                List.of(run(RunResult.IRQ4J, 1, values(1500), values(9000)), run(RunResult.IRQ4J, 2, values(2500, 2600, 2700), values(8000))));
        LatencyConfig config = new LatencyConfig(10, 0, 2, 0, 0, List.of(LatencyMode.BUSY_POLL), "gcc", true);
        LatencyReport report = new LatencyReport(config, "gcc 12", "25", 2, List.of(m));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int n = LatencyHistogramLog.write(report, 1_000_000L, 1_002_000L, new PrintStream(buf, true, StandardCharsets.US_ASCII));
        assertThat(n).isEqualTo(6);
        String text = buf.toString(StandardCharsets.US_ASCII);
        assertThat(text).startsWith("#irq4j bench: eventfd signal -> handler").contains("Tag=busy-poll.C,").contains("Tag=busy-poll.irq4j,")
                .contains("Tag=busy-poll.isrToDpc,");
        List<String> tags = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        HistogramLogReader r = new HistogramLogReader(new ByteArrayInputStream(buf.toByteArray()));
        for (EncodableHistogram e = r.nextIntervalHistogram(); e != null; e = r.nextIntervalHistogram()) {
            tags.add(e.getTag());
            counts.add(((Histogram) e).getTotalCount());
        }
        assertThat(tags).containsExactly("busy-poll.C", "busy-poll.C", "busy-poll.irq4j", "busy-poll.isrToDpc", "busy-poll.irq4j",
                "busy-poll.isrToDpc");
        assertThat(counts).containsExactly(2L, 1L, 1L, 1L, 3L, 1L);
    }

    @Test
    void aRunWithoutItsHistogramIsLeftOut() {
        Percentiles p = new Percentiles(1, 1, 1, 1, 1, 1);
        ModeResult m = new ModeResult(LatencyMode.BUSY_POLL,
                List.of(new RunResult(RunResult.C, LatencyMode.BUSY_POLL, 1, 10, 10, 10, 0, 1, p, null)),
                List.of(run(RunResult.IRQ4J, 1, values(1500), null)));
        LatencyConfig config = new LatencyConfig(10, 0, 1, 0, 0, List.of(LatencyMode.BUSY_POLL), "gcc", false);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int n = LatencyHistogramLog.write(new LatencyReport(config, "gcc", "25", 2, List.of(m)), 0, 1, new PrintStream(buf));
        assertThat(n).isEqualTo(1);
        assertThat(buf.toString()).doesNotContain("Tag=busy-poll.C,").contains("Tag=busy-poll.irq4j,");
    }
}
