package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --histogram files (HdrHistogram log, a tag each) and the plot drawn from them. */
class HistogramAndPlotTest {

    private static Histogram histogram(long... values) {
        Histogram h = Monitor.newHistogram();
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void aLogReadsBackTagByTagWithTheCountsAndSameTagIntervalsSummed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("h.hlog");
        HistogramLog.write(f, "a test", 1_000_000L, 1_005_000L, List.of(
                new HistogramLog.Entry("uart0.irq.isr", histogram(1_000, 2_000, 3_000)),
                new HistogramLog.Entry("my irq, with spaces", histogram(50_000)),
                new HistogramLog.Entry("uart0.irq.isr", histogram(4_000))));
        assertThat(Files.readString(f)).startsWith("#a test").contains("Tag=uart0.irq.isr,").contains("Tag=my_irq__with_spaces,");
        Map<String, Histogram> back = HistogramLog.read(f);
        assertThat(back.keySet()).containsExactly("uart0.irq.isr", "my_irq__with_spaces");
        Histogram isr = back.get("uart0.irq.isr");
        assertThat(isr.getTotalCount()).isEqualTo(4);
        assertThat(isr.valuesAreEquivalent(isr.getMaxValue(), 4_000)).isTrue();
        assertThat(back.get("my_irq__with_spaces").getTotalCount()).isEqualTo(1);
    }

    @Test
    void readingSaysWhatIsWrongWithTheFile(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> HistogramLog.read(dir.resolve("missing.hlog"))).isInstanceOf(CliException.class)
                .hasMessageContaining("no histogram file").hasMessageContaining("--histogram FILE");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello,world\n1,2,3,4\n");
        assertThatThrownBy(() -> HistogramLog.read(text)).isInstanceOf(CliException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("HdrHistogram log");
        Path csv = Files.writeString(dir.resolve("data.csv"), "not,a,histogram\n");
        assertThatThrownBy(() -> HistogramLog.read(csv)).isInstanceOf(CliException.class).hasMessageContaining("is not an HdrHistogram log");
        Path empty = dir.resolve("empty.hlog");
        HistogramLog.write(empty, "no intervals", 0, 1, List.of());
        assertThatThrownBy(() -> HistogramLog.read(empty)).isInstanceOf(CliException.class).hasMessageContaining("holds no histogram");
        assertThatThrownBy(() -> HistogramLog.read(dir)).isInstanceOf(CliException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void aFolderThatTakesNoNewFileIsNamedNotTheProbeFile() {
        // /sys takes no new file even for root (permission bits would not stop root).
        Path file = Path.of("/sys/irq4j-h.hlog");
        assertThatThrownBy(() -> HistogramLog.checkWritable(file)).isInstanceOfSatisfying(io.github.irq4j.cli.spi.CommandFailedException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("cannot write the histogram file " + file).hasMessageContaining("(/sys)").hasMessageNotContaining(".check");
    }

    @Test
    void anUnwritablePathIsAUsageErrorAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Path inside = blocker.resolve("h.hlog");   // a folder path through a regular file
        assertThatThrownBy(() -> HistogramLog.checkWritable(inside)).isInstanceOfSatisfying(io.github.irq4j.cli.spi.CommandFailedException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("cannot write the histogram file " + inside).hasMessageContaining("--histogram FILE");
        assertThatThrownBy(() -> HistogramLog.checkWritable(dir)).isInstanceOfSatisfying(io.github.irq4j.cli.spi.CommandFailedException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE)).hasMessageContaining("it is a folder");
        assertThatThrownBy(() -> HistogramLog.write(inside, "c", 0, 1, List.of(new HistogramLog.Entry("t", histogram(1)))))
                .isInstanceOfSatisfying(io.github.irq4j.cli.spi.CommandFailedException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("cannot write the histogram file");
        HistogramLog.checkWritable(dir.resolve("new/sub/h.hlog"));   // a folder that can be made is fine
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(Files::isRegularFile).toList()).as("no check or temporary file left").containsExactly(blocker);
        }
    }

    @Test
    void thePercentileAxisIsLabelledByDecadesOfTail() {
        var f = new PercentilePlot.PercentileFormat();
        assertThat(f.format(1.0)).isEqualTo("0%");
        assertThat(f.format(10.0)).isEqualTo("90%");
        assertThat(f.format(100.0)).isEqualTo("99%");
        assertThat(f.format(1_000.0)).isEqualTo("99.9%");
        assertThat(f.format(100_000.0)).isEqualTo("99.999%");
    }

    @Test
    void aLineGoesFromTheMediansSideToTheMaximumInMicroseconds() {
        Histogram h = Monitor.newHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1_000L);   // 1 .. 1000 us
        }
        XYSeries s = PercentilePlot.series("x", h);
        assertThat(s.getMinX()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(0.01));   // the 0th percentile
        // at x = 2 (the median) the latency is about 500 us; at the end, the maximum, 1000 us
        int i50 = s.indexOf(2.0);
        assertThat(i50).as("a point at the median").isGreaterThanOrEqualTo(0);
        assertThat(s.getY(i50).doubleValue()).isBetween(495.0, 505.0);
        assertThat(s.getY(s.getItemCount() - 1).doubleValue()).isBetween(999.0, 1001.0);
        assertThat(s.getMaxX()).isGreaterThanOrEqualTo(1000.0);
        for (int k = 1; k < s.getItemCount(); k++) {
            assertThat(s.getY(k).doubleValue()).as("latency never falls with the percentile").isGreaterThanOrEqualTo(s.getY(k - 1).doubleValue());
        }
    }

    @Test
    void plotWritesAPngOrAnSvgWithTheLabels(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("h.hlog");
        HistogramLog.write(log, "c", 0, 1000, List.of(new HistogramLog.Entry("uart0.irq.isr", histogram(1_000, 2_000, 90_000)),
                new HistogramLog.Entry("timer0.irq.isr", histogram(5_000))));
        Path png = dir.resolve("out/p.png");
        CommandLineTest.Result r = CommandLineTest.exec("plot", log.toString(), "--output", png.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("plot of 2 histograms written to " + png);
        byte[] b = Files.readAllBytes(png);
        assertThat(b).startsWith(0x89, 'P', 'N', 'G');
        Path svg = dir.resolve("p.svg");
        r = CommandLineTest.exec("plot", log.toString(), "--output", svg.toString(), "--tag", "timer0.irq.isr", "--log-latency");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String doc = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(doc).startsWith("<?xml").contains("<svg").contains("timer0.irq.isr (n=1").doesNotContain("uart0.irq.isr");   // (JFreeSVG draws tick labels as outlines, so only the legend is text)
    }

    @Test
    void plotSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("h.hlog");
        HistogramLog.write(log, "c", 0, 1000, List.of(new HistogramLog.Entry("a", histogram(1_000))));
        CommandLineTest.Result r = CommandLineTest.exec("plot", log.toString(), "--output", dir.resolve("p.gif").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("unknown image format (expected: a file name ending in .png or .svg)");
        r = CommandLineTest.exec("plot", log.toString(), "--output", dir.resolve("p.png").toString(), "--tag", "nope");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no histogram with the tag(s) nope (the files have: a)");
        r = CommandLineTest.exec("plot", dir.resolve("missing").toString(), "--output", dir.resolve("p.png").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no histogram file");
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        r = CommandLineTest.exec("plot", log.toString(), "--output", blocker.resolve("p.png").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("cannot write the plot");
        assertThat(Files.exists(dir.resolve("p.png"))).isFalse();
    }

    @Test
    void demoWritesItsHistogramsAndABadPathFailsBeforeTheRun(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("demo.hlog");
        CommandLineTest.Result r = CommandLineTest.exec("demo", "--duration", "1s", "--histogram", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("latency histograms written to " + f);
        Map<String, Histogram> back = HistogramLog.read(f);
        // device names are numbered per JVM (uart0, uart12, ...): match the tags' shape
        String tags = String.join(" ", back.keySet());
        assertThat(tags).matches("uart\\d+\\.irq\\.dispatch uart\\d+\\.irq\\.isr uart\\d+\\.deferred"
                + " timer\\d+\\.irq\\.dispatch timer\\d+\\.irq\\.isr timer\\d+\\.deferred");
        String uartIsr = back.keySet().stream().filter(t -> t.matches("uart\\d+\\.irq\\.isr")).findFirst().orElseThrow();
        assertThat(back.get(uartIsr).getTotalCount()).isPositive();

        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        r = CommandLineTest.exec("demo", "--duration", "1s", "--histogram", blocker.resolve("h.hlog").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("cannot write the histogram file").doesNotContain("\tat ");
        assertThat(r.out()).as("the run did not start").doesNotContain("irq4j report");
    }
}
