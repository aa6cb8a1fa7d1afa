package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGINT and SIGTERM end a run with its report and exit code; {@code stat} on a live, a finished and an orphaned run. */
class SignalsAndStatE2ETest {

    private static final Pattern LIVE_LINE = Pattern.compile("(?m)^t= +\\d+\\.\\ds +interrupts=");

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private static String contents(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a long run with a stats file and waits until its interrupts are counted. */
    private static Launcher.Running startLongRun(Path stats, String... extra) throws Exception {
        String[] args = new String[] {"run", "--device", "timer:1ms", "--duration", "60s", "--stats-file", stats.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        Launcher.Running running = Launcher.start(all);
        Launcher.awaitCondition("the stats file says running with interrupts counted", STARTUP, () -> {
            String c = contents(stats);
            return c.contains("# state=running") && c.lines().anyMatch(l -> l.startsWith("timer") && !l.matches("timer\\S* 0 .*"));
        });
        return running;
    }

    @Test
    void sigintEndsTheRunWithTheJsonReportAndStatShowsLiveThenInterrupted(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("run.stats");
        Launcher.Running running = startLongRun(stats, "--json");
        Launcher.Result live = Launcher.run("stat", "--file", stats.toString());
        assertThat(live.exitCode()).as(live.toString()).isZero();
        assertThat(live.out()).contains("pid " + running.pid() + ", running").contains("isrCalls").doesNotContain("is gone");

        running.signal("INT");
        Launcher.Result r = running.await(Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(130);
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();   // stdout holds only the JSON report
        assertThat(o.get("endedBy").getAsString()).isEqualTo("SIGINT");
        assertThat(o.get("durationMs").getAsLong()).isLessThan(60_000);
        assertThat(o.getAsJsonArray("interrupts").get(0).getAsJsonObject().getAsJsonObject("statistics").get("isrCalls").getAsLong())
                .isPositive();
        assertThat(r.err()).contains("SIGINT ended the run after");
        assertThat(contents(stats)).contains("# state=interrupted by SIGINT");

        Launcher.Result after = Launcher.run("stat", "--file", stats.toString());
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).contains("interrupted by SIGINT").doesNotContain("is gone");
    }

    @Test
    void sigtermEndsTheRunWithTheTextReport(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("term.stats");
        Launcher.Running running = startLongRun(stats);
        running.signal("TERM");
        Launcher.Result r = running.await(Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(143);
        assertThat(r.out()).contains("(ended early by SIGTERM of 60000 ms)").contains("verifier: no violations, no faults")
                .contains("stats written to " + stats);
        assertThat(contents(stats)).contains("# state=interrupted by SIGTERM");
    }

    @Test
    void sigintEndsTheDemo() throws Exception {
        Launcher.Running running = Launcher.start("demo", "--duration", "60s");
        Launcher.awaitCondition("the demo's live view", STARTUP, () -> {
            try {
                return LIVE_LINE.matcher(running.stdoutSoFar()).find();   // any live-view line: the first comes when the JVM gets the CPU
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        running.signal("INT");
        Launcher.Result r = running.await(Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(130);
        assertThat(r.out()).contains("== irq4j report: io.github.irq4j.samples.SequentialUartDriver")
                .contains("== irq4j report: io.github.irq4j.samples.SpinLockTimerDriver").contains("ended early by SIGINT");
    }

    @Test
    void statOnARunWhoseProcessWasKilled(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("killed.stats");
        Launcher.Running running = startLongRun(stats);
        running.signal("KILL");
        Launcher.Result r = running.await(Duration.ofSeconds(30));
        assertThat(r.exitCode()).isEqualTo(137);
        Launcher.Result s = Launcher.run("stat", "--file", stats.toString());
        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(s.out()).contains("running").contains("process " + running.pid() + " is gone");
    }
}
