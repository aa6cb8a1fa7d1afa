package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --histogram on demo and bench, and irq4j plot on what they wrote, through ./irq4j. */
class HistogramPlotE2ETest {

    @Test
    void demoAndBenchHistogramsPlotAsOnePngAndAnSvg(@TempDir Path dir) throws Exception {
        Path demo = dir.resolve("demo.hlog");
        Launcher.Result d = Launcher.run("demo", "--duration", "1", "--histogram", demo.toString());
        assertThat(d.exitCode()).as(d.toString()).isZero();
        assertThat(d.out()).contains("latency histograms written to " + demo);
        assertThat(Files.readString(demo)).contains("Tag=uart0.irq.isr,").contains("Tag=timer0.irq.isr,");

        Path bench = dir.resolve("bench.hlog");
        Launcher.Result b = Launcher.run("bench", "--interrupts", "200", "--rounds", "1", "--mode", "busy-poll", "--histogram", bench.toString());
        assertThat(b.exitCode()).as(b.toString()).isZero();
        assertThat(Files.readString(bench)).contains("Tag=busy-poll.C,").contains("Tag=busy-poll.irq4j,");

        Path png = dir.resolve("plots/latency.png");
        Launcher.Result p = Launcher.run("plot", demo.toString(), bench.toString(), "--output", png.toString());
        assertThat(p.exitCode()).as(p.toString()).isZero();
        assertThat(p.out().trim()).isEqualTo("plot of 8 histograms written to " + png);
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');

        Path svg = dir.resolve("isr.svg");
        Launcher.Result s = Launcher.run("plot", demo.toString(), "--tag", "uart0.irq.isr", "--output", svg.toString());
        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(Files.readString(svg)).contains("<svg").contains("uart0.irq.isr (n=");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("demo.hlog", "bench.hlog", "plots", "isr.svg");
        }
    }

    @Test
    void badFilesAndPathsAreOneLineUsageErrors(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        Launcher.Result r = Launcher.run("run", "--device", "timer:1ms", "--duration", "1", "--histogram", blocker.resolve("h.hlog").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("irq4j run: cannot write the histogram file " + blocker.resolve("h.hlog"));

        Path notALog = Files.writeString(dir.resolve("notes.txt"), "not,a,histogram\n");
        r = Launcher.run("plot", notALog.toString(), "--output", dir.resolve("x.png").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("irq4j plot: " + notALog + " is not an HdrHistogram log");
        assertThat(dir.resolve("x.png")).doesNotExist();

        r = Launcher.run("plot", notALog.toString(), "--output", dir.resolve("x.jpg").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown image format");
    }
}
