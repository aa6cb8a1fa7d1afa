package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file {@code irq4j stat --file FILE} reads can hold anything (another program's file, a
 * half-written copy, a hand edit). What {@code stat} does with it, step by step as
 * {@link StatCommand#call()} does it: {@link StatsFile#read} either parses it or throws the
 * documented {@link IllegalArgumentException} naming the file (and line) and what was expected,
 * which {@code stat} turns into its one-line error; a parsed file is then shown (counter table,
 * state, pid liveness) without any exception. Anything else would reach the user as "internal
 * error" (exit 70). Every 256th input also runs the whole command in process, as the launcher
 * does, to check that mapping end to end (the whole command is 20 times slower per input).
 * <p>
 * The kept inputs (StatsFileFuzzTestInputs) start from a real file as {@code run --stats-file}
 * writes it, so the fuzzer works on the header and the counter lines, not on the magic line only.
 */
class StatsFileFuzzTest {

    private static final Path FILE = tempFile();
    private static int inputs;

    private static Path tempFile() {
        try {
            Path dir = Files.createTempDirectory("irq4j-stats-fuzz");
            dir.toFile().deleteOnExit();
            Path f = dir.resolve("fuzzed.stats");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "12s")
    void statsFiles(byte[] contents) throws IOException {
        Files.write(FILE, contents);
        StatsFile.Contents c = null;
        try {
            c = StatsFile.read(FILE);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("names the file and says what is wrong, on one line")
                    .startsWith(FILE.toString()).doesNotContain("\n").hasSizeGreaterThan(FILE.toString().length() + 10);
        }
        if (c != null) {
            StringWriter table = new StringWriter();
            TextReport.counters(new PrintWriter(table), c.rows());
            assertThat(table.toString()).startsWith("interrupt");
            String state = c.header().getOrDefault("state", "?");
            if (StatCommand.isLive(state)) {
                StatCommand.processAlive(c.header().getOrDefault("pid", "?"));
            }
        }
        if (inputs++ % 256 == 0) {
            wholeCommand(c != null);
        }
    }

    private static void wholeCommand(boolean parsed) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Irq4j.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = Irq4j.execute(cmd, "stat", "--file", FILE.toString());
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(parsed ? ExitCode.CLEAN : ExitCode.FAILED);
        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("internal error");
        if (!parsed) {
            assertThat(err.toString()).as("a failed stat says why").isNotBlank();
        }
    }
}
