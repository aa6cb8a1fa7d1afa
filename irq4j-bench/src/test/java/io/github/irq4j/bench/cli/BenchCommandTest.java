package io.github.irq4j.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.irq4j.cli.Irq4j;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** {@code irq4j bench}: the JSON report's structure and loss accounting, the text report, and its errors. */
class BenchCommandTest {

    record Result(int exitCode, String out, String err) {
    }

    /** The whole irq4j command line, as ./irq4j runs it: bench is found through ServiceLoader (CliCommand). */
    static Result exec(String... args) {
        CommandLine cmd = Irq4j.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = Irq4j.execute(cmd, args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void theCommandLineFindsBenchThroughItsServiceLoader() {
        assertThat((Object) Irq4j.commandLine().getSubcommands().get("bench").getCommand()).isInstanceOf(BenchCommand.class);
    }

    @Test
    void jsonReportHasEveryModeBothSidesAndNothingLost() {
        Result r = exec("bench", "--interrupts", "1000", "--rounds", "1", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject o = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        assertThat(o.get("interrupts").getAsLong()).isEqualTo(1000);
        assertThat(o.get("warmup").getAsLong()).isEqualTo(100);
        assertThat(o.get("rounds").getAsInt()).isEqualTo(1);
        assertThat(o.get("compiler").getAsString()).containsIgnoringCase("gcc");
        assertThat(o.get("nothingLost").getAsBoolean()).isTrue();
        JsonArray modes = o.getAsJsonArray("modes");
        assertThat(modes.size()).isEqualTo(3);
        String[] labels = {"blocking", "busy-poll", "hybrid"};
        for (int i = 0; i < 3; i++) {
            JsonObject m = modes.get(i).getAsJsonObject();
            assertThat(m.get("mode").getAsString()).isEqualTo(labels[i]);
            assertThat(m.get("nothingLost").getAsBoolean()).isTrue();
            for (String side : new String[] {"c", "irq4j"}) {
                JsonObject p = m.getAsJsonObject(side);
                assertThat(p.get("count").getAsLong()).isEqualTo(1000);
                assertThat(p.get("p50").getAsLong()).isPositive().isLessThanOrEqualTo(p.get("p99").getAsLong());
                assertThat(p.get("p999").getAsLong()).isLessThanOrEqualTo(p.get("max").getAsLong());
            }
            JsonObject ratio = m.getAsJsonObject("ratio");
            assertThat(ratio.keySet()).containsExactly("p50", "p90", "p99", "p999", "max");
            assertThat(ratio.get("p50").getAsDouble()).isEqualTo(
                    (double) m.getAsJsonObject("irq4j").get("p50").getAsLong() / m.getAsJsonObject("c").get("p50").getAsLong());
            JsonArray runs = m.getAsJsonArray("runs");
            assertThat(runs.size()).isEqualTo(2);
            assertThat(runs.get(0).getAsJsonObject().get("side").getAsString()).isEqualTo("C");
            assertThat(runs.get(1).getAsJsonObject().get("side").getAsString()).isEqualTo("irq4j");
            for (var e : runs) {
                JsonObject run = e.getAsJsonObject();
                assertThat(run.get("sent").getAsLong()).isEqualTo(1100);
                assertThat(run.get("handledEdges").getAsLong()).isEqualTo(1100);
                assertThat(run.get("handlerCalls").getAsLong()).isEqualTo(1100);
                assertThat(run.get("coalesced").getAsLong()).isZero();
            }
        }
        assertThat(r.err()).contains("blocking round 1/1: C p50").contains("hybrid round 1/1"); // progress on stderr
    }

    @Test
    void theRingModeIsAlsoComparedWithCsReadLoopInTheJson() {
        Result r = exec("bench", "--interrupts", "300", "--rounds", "1", "--mode", "busy-poll,busy-poll-uring", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonArray modes = JsonParser.parseString(r.out().trim()).getAsJsonObject().getAsJsonArray("modes");
        assertThat(modes.size()).isEqualTo(2);
        JsonObject read = modes.get(0).getAsJsonObject();
        JsonObject ring = modes.get(1).getAsJsonObject();
        assertThat(read.has("ratioToC")).isFalse();
        assertThat(ring.get("mode").getAsString()).isEqualTo("busy-poll-uring");
        assertThat(ring.get("nothingLost").getAsBoolean()).isTrue();
        JsonObject against = ring.getAsJsonObject("ratioToC");
        assertThat(against.get("mode").getAsString()).isEqualTo("busy-poll");
        double readC = read.getAsJsonObject("c").get("p50").getAsLong();
        assertThat(against.getAsJsonObject("c").get("p50").getAsDouble())
                .isEqualTo(ring.getAsJsonObject("c").get("p50").getAsLong() / readC);
        assertThat(against.getAsJsonObject("irq4j").get("p50").getAsDouble())
                .isEqualTo(ring.getAsJsonObject("irq4j").get("p50").getAsLong() / readC);
    }

    @Test
    void textReportWithTheDpc() {
        Result r = exec("bench", "--interrupts", "500", "--rounds", "1", "--mode", "busy-poll", "--dpc", "--period-us", "50");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("busy-poll round 1/1: C p50")
                .contains("Interrupt latency against C")
                .contains("busy-poll  irq4j/C")
                .contains("busy-poll  ISR->DPC")
                .contains("550/550")
                .contains("nothing lost: in all 2 runs");
        assertThat(r.out().lines()).noneMatch(l -> l.startsWith("blocking") || l.startsWith("hybrid"));
    }

    @Test
    void aMissingCompilerIsOneErrorLineAndExitCode1() {
        Result r = exec("bench", "--interrupts", "1000", "--rounds", "1", "--cc", "/nonexistent/gcc");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("irq4j bench: cannot run the C compiler '/nonexistent/gcc' (")
                .contains("install gcc").doesNotContain("\n").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFailingCompileIsOneErrorLineAndExitCode1() {
        Result r = exec("bench", "--interrupts", "10", "--cc", "false");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("irq4j bench: 'false --version' failed (exit 1)").doesNotContain("\n");
    }

    @Test
    void badOptionsAreUsageErrors() {
        Result mode = exec("bench", "--mode", "fast");
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).isEqualTo("irq4j bench: --mode 'fast' (expected: one of blocking, busy-poll, hybrid, busy-poll-uring, several separated by commas, or all)"
                + " (see 'irq4j bench --help')" + System.lineSeparator());
        Result n = exec("bench", "--interrupts", "0");
        assertThat(n.exitCode()).isEqualTo(2);
        assertThat(n.err()).contains("interrupts: 0 (expected: 1 <= interrupts <= 10000000)");
        Result period = exec("bench", "--period-us", "-1");
        assertThat(period.exitCode()).isEqualTo(2);
        assertThat(period.err()).contains("--period-us: -1 (expected: 0 <= --period-us <= 1000000)");
    }
}
