package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo, run and stat commands end to end, and every bad input's message and exit code. */
class CommandLineTest {

    /** One execution with its captured output. */
    record Result(int exitCode, String out, String err) {
    }

    static Result exec(String... args) {
        CommandLine cmd = Irq4j.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertNoStackTrace(Result r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void demoPrintsTheFullReport() {
        Result r = exec("demo", "--duration", "1s");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("io.github.irq4j.samples.SequentialUartDriver on uart")
                .contains("t=  0.5s")                         // the live view (plain lines off a terminal)
                .contains("interrupts per CPU").contains("CPU0").contains(".irq")
                .contains("dispatch wake -> ISR start").contains("ISR start -> DPC/work item")
                .contains("requests: sent").contains("SEQUENTIAL")
                .contains("driver.evtIoReadGotLock")
                .contains("verifier: no violations, no faults");
    }

    @Test
    void demoJsonParsesAndCarriesTheNumbers() {
        Result r = exec("demo", "--duration", "1s", "--json", "--seed", "7");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject o = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        assertThat(o.get("driver").getAsString()).isEqualTo(DemoCommand.DRIVER);
        assertThat(o.get("seed").getAsLong()).isEqualTo(7);
        assertThat(o.get("clean").getAsBoolean()).isTrue();
        JsonObject irq = o.getAsJsonArray("interrupts").get(0).getAsJsonObject();
        long isrCalls = irq.getAsJsonObject("statistics").get("isrCalls").getAsLong();
        assertThat(isrCalls).isPositive();
        long perCpu = 0;
        for (var e : irq.getAsJsonArray("perCpu")) {
            perCpu += e.getAsLong();
        }
        assertThat(perCpu + irq.get("unknownCpu").getAsLong()).isEqualTo(isrCalls);
        assertThat(o.getAsJsonObject("latencyNs").getAsJsonObject("isrToDeferred").get("count").getAsLong()).isPositive();
        assertThat(o.getAsJsonObject("requests").get("completed").getAsLong()).isPositive();
        assertThat(o.getAsJsonArray("violations")).isEmpty();
        assertThat(r.err()).contains("t=  0.5s"); // the live view moved to stderr
        // The companion: the spin-lock driver's ISR queues DPCs on the simulated timer.
        JsonObject companion = o.getAsJsonObject("companion");
        assertThat(companion.get("driver").getAsString()).isEqualTo(DemoCommand.COMPANION.driverName());
        assertThat(companion.get("clean").getAsBoolean()).isTrue();
        JsonObject timer = companion.getAsJsonArray("interrupts").get(0).getAsJsonObject().getAsJsonObject("statistics");
        assertThat(timer.get("dpcRuns").getAsLong()).isPositive().isEqualTo(timer.get("dpcQueued").getAsLong());
        assertThat(companion.getAsJsonObject("extras").get("driver.dpcRuns").getAsLong()).isPositive();
    }

    @Test
    void runWritesAStatsFileThatStatShows(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("run.stats");
        Result r = exec("run", "--driver", "io.github.irq4j.samples.ParallelUartDriver", "--device", "uart:rate=5000",
                "--duration", "1s", "--stats-file", stats.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("PARALLEL").contains("MANUAL").contains("verifier: no violations, no faults")
                .contains("stats written to " + stats);
        assertThat(Files.readString(stats)).startsWith(StatsFile.MAGIC).contains("# state=finished");
        Result s = exec("stat", "--file", stats.toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(s.out()).contains("ParallelUartDriver on uart:rate=5000").contains("finished")
                .contains("signals").contains("uart");
        StatsFile.Contents c = StatsFile.read(stats);
        assertThat(c.rows()).singleElement().satisfies(row -> assertThat(row.stats().isrCalls()).isPositive());
    }

    @Test
    void runOfTheSpinLockDriverOnTheTimer() {
        Result r = exec("run", "--driver", "io.github.irq4j.samples.SpinLockTimerDriver", "--device", "timer:1ms", "--duration", "500ms");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("driver.dpcRuns").contains("verifier: no violations, no faults");
    }

    @Test
    void unknownDriverClass() {
        Result r = exec("run", "--driver", "com.example.NoSuchDriver", "--device", "uart", "--duration", "100ms");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("irq4j run: unknown driver class 'com.example.NoSuchDriver': not found on the class path"
                + " (expected: a fully qualified name such as io.github.irq4j.samples.SequentialUartDriver; put its jar in irq4j-cli/target/lib)"
                + System.lineSeparator());
    }

    @Test
    void driverWithoutNoArgConstructor() {
        Result r = exec("run", "--driver", TestDrivers.NoConstructor.class.getName(), "--device", "uart");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("has no public no-argument constructor");
        assertNoStackTrace(r);
    }

    @Test
    void unknownDeviceSchemeListsTheKnownOnes() {
        Result r = exec("run", "--driver", "io.github.irq4j.samples.SequentialUartDriver", "--device", "bogus:1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("unknown device 'bogus:1': no provider for scheme 'bogus' (known: ")
                .contains("timer").contains("uart");
        assertNoStackTrace(r);
    }

    @Test
    void malformedDeviceArgument() {
        Result r = exec("run", "--driver", "io.github.irq4j.samples.SequentialUartDriver", "--device", "uart:rate=fast");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("irq4j run: bad device 'uart:rate=fast': ");
        assertNoStackTrace(r);
    }

    @Test
    void driverThatThrowsAtStart() {
        Result r = exec("run", "--driver", TestDrivers.Throwing.class.getName(), "--device", "uart", "--duration", "100ms");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("failed in onDeviceAdd").contains("firmware blob missing");
        assertNoStackTrace(r);
    }

    @Test
    void verboseAddsTheStackTrace() {
        Result r = exec("--verbose", "run", "--driver", TestDrivers.Throwing.class.getName(), "--device", "uart");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("firmware blob missing").contains("\tat ");
    }

    @Test
    void driverThatBreaksARule() {
        Result r = exec("run", "--driver", TestDrivers.ArbitraryThreadLock.class.getName(), "--device", "uart:rate=2000",
                "--duration", "500ms");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("broke").contains("InterruptLockArbitraryThread");
        assertThat(r.out()).contains("violation InterruptLockArbitraryThread");
        assertNoStackTrace(r);
    }

    @Test
    void statWithoutAFile(@TempDir Path dir) {
        Result r = exec("stat", "--file", dir.resolve("none.stats").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no stats file at").contains("irq4j run --stats-file");
    }

    @Test
    void statOfAFileThatIsNotOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.stats");
        Files.writeString(f, "hello\n");
        Result r = exec("stat", "--file", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("not an irq4j stats file");
    }

    @Test
    void badDurationIsAUsageError() {
        Result r = exec("demo", "--duration", "soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'soon' is not a duration");
    }

    @Test
    void noSubcommandPrintsUsage() {
        Result r = exec();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: irq4j").contains("demo").contains("run").contains("stat").contains("verify");
    }
}
