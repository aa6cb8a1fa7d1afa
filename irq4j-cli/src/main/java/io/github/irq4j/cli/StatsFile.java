package io.github.irq4j.cli;

import io.github.irq4j.InterruptStatistics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-interrupt counters file that {@code run --stats-file} writes and {@code stat} reads. Plain
 * text, one header block of {@code # key=value} lines, then one line per interrupt:
 * <pre>
 * # irq4j-stats 1
 * # pid=4242
 * # driver=io.github.irq4j.samples.SeedUartDriver
 * # device=uart
 * # elapsedMs=2001
 * # durationMs=5000
 * # state=starting|running|finished|interrupted by SIGINT|failed
 * interrupt signals isrCalls claimed isrFaults coalesced lost dpcQueued dpcRuns workItemQueued workItemRuns
 * uart0.0 2000 2000 2000 0 0 0 0 0 1998 1998
 * </pre>
 * Written to a temporary file and moved into place, so a reader never sees half a file. Default
 * directory: {@code $XDG_RUNTIME_DIR/irq4j}, else {@code /tmp/irq4j}; file {@code <pid>.stats}, and
 * {@code latest.stats} beside it names the most recent run.
 */
final class StatsFile {

    static final String MAGIC = "# irq4j-stats 1";
    static final String[] COLUMNS = {"signals", "isrCalls", "claimed", "isrFaults", "coalesced", "lost",
            "dpcQueued", "dpcRuns", "workItemQueued", "workItemRuns"};

    /** The counters of one interrupt. */
    record Row(String interrupt, InterruptStatistics stats) {
    }

    /** A parsed file. */
    record Contents(Map<String, String> header, List<Row> rows) {
    }

    private StatsFile() {
    }

    /** {@code $XDG_RUNTIME_DIR/irq4j}, or {@code /tmp/irq4j} when it is not set. */
    static Path defaultDirectory() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        return Path.of(xdg == null || xdg.isBlank() ? "/tmp" : xdg, "irq4j");
    }

    /** {@code <dir>/<pid>.stats}. */
    static Path defaultFile() {
        return defaultDirectory().resolve(ProcessHandle.current().pid() + ".stats");
    }

    /** {@code <dir>/latest.stats}: a copy of the most recently written default file. */
    static Path latest() {
        return defaultDirectory().resolve("latest.stats");
    }

    /** Writes the file atomically (temporary file, then move). */
    static void write(Path file, Map<String, String> header, List<Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        sb.append(MAGIC).append('\n');
        header.forEach((k, v) -> sb.append("# ").append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        sb.append("interrupt");
        for (String c : COLUMNS) {
            sb.append(' ').append(c);
        }
        sb.append('\n');
        for (Row r : rows) {
            InterruptStatistics s = r.stats();
            sb.append(r.interrupt().replace(' ', '_'));
            for (long v : values(s)) {
                sb.append(' ').append(v);
            }
            sb.append('\n');
        }
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static long[] values(InterruptStatistics s) {
        return new long[] {s.signals(), s.isrCalls(), s.claimed(), s.isrFaults(), s.coalesced(), s.lost(),
                s.dpcQueued(), s.dpcRuns(), s.workItemQueued(), s.workItemRuns()};
    }

    /**
     * Reads a file.
     *
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and line if it is not a stats file
     */
    static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = null;   // binary: not a stats file
        }
        List<String> lines = text == null ? List.of() : text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
            throw new IllegalArgumentException(file + ": not an irq4j stats file (expected first line '" + MAGIC
                    + "'" + (text == null ? ", found binary data" : "") + "); pass a file written by 'irq4j run --stats-file'");
        }
        Map<String, String> header = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("# ")) {
                int eq = line.indexOf('=');
                if (eq > 2) {
                    header.put(line.substring(2, eq), line.substring(eq + 1));
                }
            } else if (!line.isBlank() && !line.startsWith("interrupt ")) {
                String[] f = line.trim().split("\\s+");
                if (f.length != COLUMNS.length + 1) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + f.length + " fields (expected: "
                            + (COLUMNS.length + 1) + ", an interrupt name and " + COLUMNS.length + " counters)");
                }
                long[] v = new long[COLUMNS.length];
                for (int c = 0; c < v.length; c++) {
                    try {
                        v[c] = Long.parseLong(f[c + 1]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + COLUMNS[c] + " '" + f[c + 1]
                                + "' is not a number", e);
                    }
                }
                rows.add(new Row(f[0], new InterruptStatistics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9])));
            }
        }
        return new Contents(header, rows);
    }
}
