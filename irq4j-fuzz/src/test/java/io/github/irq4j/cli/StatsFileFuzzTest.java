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
 * half-written copy, a hand edit): the whole {@code stat} command, run in process as the launcher
 * runs it, shows the counters (exit 0) or says in one line what is wrong (exit 1 or 2), never
 * "internal error" (exit 70) and never a stack trace.
 * <p>
 * The kept inputs (StatsFileFuzzTestInputs) start from a real file as {@code run --stats-file}
 * writes it, so the fuzzer works on the header and the counter lines, not on the magic line only.
 */
class StatsFileFuzzTest {

    private static final Path FILE = tempFile();

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

    @FuzzTest(maxDuration = "15s")
    void statsFiles(byte[] contents) throws IOException {
        Files.write(FILE, contents);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Irq4j.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        int code = Irq4j.execute(cmd, "stat", "--file", FILE.toString());

        assertThat(code).as("exit code; stderr: %s", err).isIn(ExitCode.CLEAN, ExitCode.FAILED, ExitCode.USAGE);
        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("internal error");
        if (code == ExitCode.CLEAN) {
            assertThat(out.toString()).contains("interrupt");
        } else {
            assertThat(err.toString()).as("a failed stat says why").isNotBlank();
        }
    }
}
