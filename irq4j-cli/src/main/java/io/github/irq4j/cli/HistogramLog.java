package io.github.irq4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The {@code --histogram FILE} files: latency histograms in HdrHistogram's log format
 * ({@link HistogramLogWriter}), one interval line per histogram with a {@code Tag=} naming what it
 * measured (such as {@code uart0.irq.isr}); values in nanoseconds. Lossless, so {@code irq4j plot},
 * HdrHistogram's own {@code HistogramLogProcessor} or any HdrHistogram port can read the counts
 * back, merge them and take any percentile. Written whole or not at all ({@link AtomicOutput}).
 */
final class HistogramLog {

    /** One histogram and its tag. */
    record Entry(String tag, Histogram histogram) {
        Entry {
            tag = HistogramLog.tag(tag);
            Objects.requireNonNull(histogram, "histogram");
        }
    }

    private HistogramLog() {
    }

    /**
     * A tag the log format keeps as it is: the format ends a tag at a comma and splits lines on
     * white space, so both become {@code _}.
     */
    static String tag(String raw) {
        String t = raw.strip().replaceAll("[\\s,]", "_");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty histogram tag (expected: a name such as uart0.irq.isr)");
        }
        return t;
    }

    /**
     * Checks early that {@code file} can be written (its folder exists or can be made and takes a
     * new file), so a run of several seconds does not end with an error it could have given first.
     *
     * @throws CliException a usage error naming the path and the reason
     */
    static void checkWritable(Path file) {
        io.github.irq4j.cli.spi.HistogramFile.checkWritable(file);
    }

    /**
     * Writes the entries as one log: a comment line, the start time, the legend, then one interval
     * line per entry, all spanning {@code startMs .. endMs} (milliseconds since the epoch).
     *
     * @throws CliException a usage error naming the path when it cannot be written (no partial file is left)
     */
    static void write(Path file, String comment, long startMs, long endMs, List<Entry> entries) throws IOException {
        byte[] bytes = encode(comment, startMs, endMs, entries);
        writeBytes(file, bytes);
    }

    /** Writes already encoded log text (a bench's), whole or not at all. */
    static void writeBytes(Path file, byte[] bytes) {
        io.github.irq4j.cli.spi.HistogramFile.write(file, bytes);
    }

    /** The log text of {@link #write}. */
    static byte[] encode(String comment, long startMs, long endMs, List<Entry> entries) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, false, StandardCharsets.US_ASCII)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputComment(comment.replace('\n', ' '));
            w.outputLogFormatVersion();
            w.outputStartTime(startMs);
            w.setBaseTime(startMs);
            w.outputLegend();
            for (Entry e : entries) {
                Histogram h = e.histogram().copy();
                h.setTag(e.tag());
                h.setStartTimeStamp(startMs);
                h.setEndTimeStamp(Math.max(startMs, endMs));
                w.outputIntervalHistogram(h);
            }
        }
        return buf.toByteArray();
    }

    /**
     * Reads a log back: per tag (in the order first seen) the sum of its interval histograms; an
     * interval without a tag is named after the file.
     *
     * @throws CliException a usage error naming the file: missing, unreadable, not a histogram log, or empty
     */
    static Map<String, Histogram> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("no histogram file " + file + (Files.exists(file) ? " (it is not a regular file)" : "")
                    + "; pass files written with --histogram FILE (by demo, run or bench)");
        }
        Map<String, Histogram> byTag = new LinkedHashMap<>();
        String fallback = tag(file.getFileName().toString());
        try (HistogramLogReader r = new HistogramLogReader(file.toFile())) {
            for (EncodableHistogram e = r.nextIntervalHistogram(); e != null; e = r.nextIntervalHistogram()) {
                if (!(e instanceof Histogram h)) {
                    throw new IllegalArgumentException("a " + e.getClass().getSimpleName() + " interval (expected: integer histograms)");
                }
                String tag = h.getTag() == null ? fallback : h.getTag();
                byTag.computeIfAbsent(tag, t -> new Histogram(h.getNumberOfSignificantValueDigits())).add(h);
            }
        } catch (FileNotFoundException e) {
            throw CliException.usage("cannot read the histogram file " + file + ": " + IoErrors.reason(e), e);
        } catch (RuntimeException e) {
            // HdrHistogram reports a malformed line as a RuntimeException of one kind or another
            throw CliException.usage(file + " is not an HdrHistogram log (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); pass files written with --histogram FILE", e);
        }
        if (byTag.isEmpty()) {
            // the reader skips lines it cannot parse: tell an empty log from a file of something else
            throw CliException.usage(file + (looksLikeALog(file) ? " holds no histogram (an HdrHistogram log with no interval lines)"
                    : " is not an HdrHistogram log (no interval lines, no log header)") + "; pass files written with --histogram FILE");
        }
        return byTag;
    }

    private static boolean looksLikeALog(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.US_ASCII)) {
            return lines.limit(20).anyMatch(l -> l.startsWith("#[Histogram log format version") || l.startsWith("\"StartTimestamp\""));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
