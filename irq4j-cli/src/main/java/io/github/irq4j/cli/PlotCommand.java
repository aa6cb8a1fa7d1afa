package io.github.irq4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code irq4j plot FILE... --output X.png|X.svg}: draws the histograms of {@code --histogram}
 * files ({@link HistogramLog}) as one percentile plot ({@link PercentilePlot}), one labelled line
 * per tag and file. The image is written whole or not at all. Exit code 0, or 2 for a bad file,
 * option or output path.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draws latency by percentile from --histogram files, one labelled line per histogram.",
                "The percentile axis is HdrHistogram's log scale (0%, 90%, 99%, 99.9%, ...); the image is PNG or SVG by --output's extension."})
public final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Histogram files written by demo, run or bench with --histogram FILE.")
    List<Path> files;

    @Option(names = {"--output", "-o"}, required = true, paramLabel = "X.png|X.svg",
            description = "The image to write; its extension (.png or .svg) chooses the format.")
    Path output;

    @Option(names = "--title", paramLabel = "TEXT", description = "The plot's title (default: the files' names).")
    String title;

    @Option(names = "--tag", paramLabel = "TAG", split = ",",
            description = "Only the histograms with these tags, e.g. --tag uart0.irq.isr,timer0.irq.isr (default: all).")
    List<String> tags;

    @Option(names = "--log-latency", description = "A log scale for the latency axis too (tails many times the median stay readable).")
    boolean logLatency;

    @Option(names = "--width", defaultValue = "1000", paramLabel = "PX", description = "Image width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "600", paramLabel = "PX", description = "Image height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Override
    public Integer call() throws IOException {
        PercentilePlot.Format format = format(output);
        if (width < 100 || width > 10_000 || height < 100 || height > 10_000) {
            throw CliException.usage("--width " + width + " --height " + height + " (expected: 100 to 10000 pixels each)");
        }
        List<PercentilePlot.Line> lines = new ArrayList<>();
        List<String> seenTags = new ArrayList<>();
        for (Path f : files) {
            Map<String, Histogram> byTag = HistogramLog.read(f);
            for (Map.Entry<String, Histogram> e : byTag.entrySet()) {
                seenTags.add(e.getKey());
                if (tags != null && !tags.contains(e.getKey())) {
                    continue;
                }
                Histogram h = e.getValue();
                if (h.getTotalCount() == 0) {
                    continue;   // nothing recorded (a driver without the probe, a run too short): no line to draw
                }
                String label = (files.size() > 1 ? f.getFileName() + ": " : "") + e.getKey()
                        + String.format(Locale.ROOT, " (n=%d, p50 %.1f us, p99 %.1f us)", h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
                lines.add(new PercentilePlot.Line(label, h));
            }
        }
        if (lines.isEmpty()) {
            throw CliException.usage(tags != null ? "no histogram with the tag(s) " + String.join(", ", tags) + " (the files have: "
                    + String.join(", ", seenTags.stream().distinct().toList()) + ")"
                    : "the histograms in " + files + " are all empty (nothing was recorded); nothing to plot");
        }
        String t = title != null ? title : "latency by percentile: " + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
        System.setProperty("java.awt.headless", "true");   // an image, never a window
        byte[] image;
        try {
            image = PercentilePlot.render(PercentilePlot.chart(t, lines, logLatency), format, width, height);
        } catch (Error e) {
            // a JDK without fonts fails in its font set-up with an Error of one kind or another
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("font") || e instanceof UnsatisfiedLinkError) {
                throw new CliException("cannot draw text, the JDK found no fonts (" + e + "); install fontconfig and a font"
                        + " (Debian: apt-get install fontconfig fonts-dejavu-core)", e);
            }
            throw e;
        }
        try {
            AtomicOutput.write(output, image);
        } catch (CliException e) {
            throw CliException.usage("cannot write the plot " + output + ": " + IoErrors.reason(e.getCause() != null ? e.getCause() : e)
                    + "; pass --output with a file in a folder you can write", e);
        }
        spec.commandLine().getOut().println("plot of " + lines.size() + " histogram" + (lines.size() == 1 ? "" : "s") + " written to " + output);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The format of {@code --output}'s extension; anything else is a usage error. */
    static PercentilePlot.Format format(Path output) {
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return PercentilePlot.Format.PNG;
        }
        if (name.endsWith(".svg")) {
            return PercentilePlot.Format.SVG;
        }
        throw CliException.usage("--output " + output + ": unknown image format (expected: a file name ending in .png or .svg)");
    }
}
