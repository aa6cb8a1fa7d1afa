package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every subcommand through ./irq4j: help, version, verify (SARIF), demo, bench, and a crash's exit code. */
class CommandsE2ETest {

    @Test
    void versionAndHelp() throws Exception {
        Launcher.Result v = Launcher.run("--version");
        assertThat(v.exitCode()).as(v.toString()).isZero();
        assertThat(v.out().trim()).isEqualTo("irq4j 0.1.0-SNAPSHOT");
        Launcher.Result h = Launcher.run("--help");
        assertThat(h.exitCode()).as(h.toString()).isZero();
        assertThat(h.out()).contains("Usage: irq4j").contains("demo").contains("run").contains("stat").contains("verify").contains("bench").contains("plot");
        // each command's summary is a whole sentence: the first description line ends with a full stop
        String commands = h.out().substring(h.out().indexOf("Commands:"));
        assertThat(commands).containsPattern("demo +Runs the sample drivers on simulated devices, live, then prints their\\s+report\\.");
        for (String command : new String[] {"demo", "run", "stat", "verify", "bench", "plot"}) {
            Launcher.Result c = Launcher.run(command, "--help");
            assertThat(c.exitCode()).as(command + " --help: " + c).isZero();
            assertThat(c.out()).startsWith("Usage: irq4j " + command);
        }
    }

    @Test
    void verifySarifOfCleanAndBrokenClasses(@TempDir Path dir) throws Exception {
        Launcher.Result clean = Launcher.run("verify", "--format", "sarif", Launcher.ROOT.resolve("irq4j-samples/target/classes").toString());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        JsonObject sarif = JsonParser.parseString(clean.out()).getAsJsonObject();
        assertThat(sarif.get("version").getAsString()).isEqualTo("2.1.0");
        JsonObject run = sarif.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertThat(run.getAsJsonObject("tool").getAsJsonObject("driver").get("name").getAsString()).isEqualTo("irq4j-verify");
        assertThat(run.getAsJsonArray("results")).isEmpty();

        Path classes = UserCode.compile(dir.resolve("classes"), UserCode.LEAKY_LOCK);
        Path report = dir.resolve("out/report.sarif");
        Launcher.Result broken = Launcher.run("verify", "--format", "sarif", "--output", report.toString(), classes.toString());
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);   // findings
        assertThat(broken.out()).contains("report written to " + report);
        JsonArray results = JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs")
                .get(0).getAsJsonObject().getAsJsonArray("results");
        assertThat(results).isNotEmpty();
        assertThat(results.get(0).getAsJsonObject().get("ruleId").getAsString()).isEqualTo("WdfInterruptLockRelease");
        try (var files = Files.list(report.getParent())) {
            assertThat(files).as("no temporary file left beside the report").containsExactly(report);
        }
    }

    @Test
    void demoJson() throws Exception {
        Launcher.Result r = Launcher.run("demo", "--duration", "1", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("driver").getAsString()).isEqualTo("io.github.irq4j.samples.SequentialUartDriver");
        assertThat(o.get("clean").getAsBoolean()).isTrue();
        assertThat(o.get("endedBy").getAsString()).isEqualTo("duration");
        JsonObject stats = o.getAsJsonArray("interrupts").get(0).getAsJsonObject().getAsJsonObject("statistics");
        assertThat(stats.get("isrCalls").getAsLong()).isPositive();
        assertThat(stats.get("workItemRuns").getAsLong()).isPositive();
        JsonObject companion = o.getAsJsonObject("companion");
        assertThat(companion.get("clean").getAsBoolean()).isTrue();
        assertThat(companion.getAsJsonObject("extras").get("driver.dpcRuns").getAsLong()).isPositive();
        assertThat(r.err()).containsPattern("(?m)^t= +\\d+\\.\\ds +interrupts=\\d+");   // the live view on stderr (its first line comes when the JVM gets the CPU)
    }

    @Test
    void benchTiny() throws Exception {
        Launcher.Result r = Launcher.run("bench", "--interrupts", "200", "--rounds", "1", "--mode", "busy-poll", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject mode = o.getAsJsonArray("modes").get(0).getAsJsonObject();
        assertThat(mode.get("mode").getAsString()).isEqualTo("busy-poll");
        assertThat(mode.getAsJsonObject("c").get("count").getAsLong()).isEqualTo(200);
        assertThat(mode.getAsJsonObject("irq4j").get("count").getAsLong()).isEqualTo(200);
    }

    @Test
    void aCrashIsExitCode70WithOneLineAndVerboseGivesTheTrace(@TempDir Path dir) throws Exception {
        // a device provider on --classpath with a bug: its open() throws an unexpected exception
        Path classes = UserCode.compile(dir.resolve("classes"), UserCode.CRASHING_PROVIDER, UserCode.COUNTING_DRIVER);
        Launcher.Result r = Launcher.run("run", "-cp", classes.toString(), "--driver", UserCode.COUNTING_DRIVER, "--device", "crashy");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(70);
        assertThat(r.errLines()).containsExactly("irq4j run: internal error: IllegalStateException: provider bug"
                + " (a bug in irq4j; rerun with --verbose for the stack trace and report it)");
        Launcher.Result v = Launcher.run("--verbose", "run", "-cp", classes.toString(), "--driver", UserCode.COUNTING_DRIVER, "--device", "crashy");
        assertThat(v.exitCode()).isEqualTo(70);
        assertThat(v.err()).contains("provider bug").contains("\tat ").contains("com.example.user.CrashingProvider.open(");
    }
}
