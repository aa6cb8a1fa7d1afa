package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} on every device kind here, with the samples and with a driver of the user's on --classpath. */
class RunE2ETest {

    private static JsonObject statistics(Launcher.Result r) {
        return JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("interrupts").get(0).getAsJsonObject()
                .getAsJsonObject("statistics");
    }

    @Test
    void theSampleForEachSimulatedKindRunsWithoutDriver() throws Exception {
        Launcher.Result uart = Launcher.run("run", "--device", "uart", "--duration", "500ms");
        assertThat(uart.exitCode()).as(uart.toString()).isZero();
        assertThat(uart.out()).contains("== irq4j report: io.github.irq4j.samples.SequentialUartDriver on uart")
                .contains("verifier: no violations, no faults");
        Launcher.Result timer = Launcher.run("run", "--device", "timer:1ms", "--duration", "500ms", "--json");
        assertThat(timer.exitCode()).as(timer.toString()).isZero();
        assertThat(statistics(timer).get("dpcRuns").getAsLong()).isPositive();
        // the simulated edu device: EduDriver answers the reads run sends with its doorbell (it once took
        // only device controls, so a run waited out its 10 s drain with every read failed)
        Launcher.Result edu = Launcher.run("run", "--device", "edu", "--duration", "500ms", "--json");
        assertThat(edu.exitCode()).as(edu.toString()).isZero();
        JsonObject eduReport = JsonParser.parseString(edu.out()).getAsJsonObject();
        assertThat(eduReport.get("driver").getAsString()).isEqualTo("io.github.irq4j.samples.EduDriver");
        assertThat(eduReport.get("clean").getAsBoolean()).as(edu.toString()).isTrue();
        assertThat(statistics(edu).get("claimed").getAsLong()).isPositive();
        assertThat(eduReport.getAsJsonObject("requests").get("completed").getAsLong()).isPositive();
    }

    @Test
    void aUserDriverFromAClassFolderAndAJarOnTheLinuxDevices(@TempDir Path dir) throws Exception {
        Path classes = UserCode.compile(dir.resolve("classes"), UserCode.COUNTING_DRIVER);
        Path jar = UserCode.jar(classes, dir.resolve("driver.jar"));
        // timerfd three times: releasing the source before the host stopped failed 3 runs out of 3
        for (int i = 0; i < 3; i++) {
            Launcher.Result r = Launcher.run("run", "--classpath", classes.toString(), "--driver", UserCode.COUNTING_DRIVER,
                    "--device", "timerfd:1ms", "--duration", "300ms", "--json");
            assertThat(r.exitCode()).as("timerfd run " + i + ": " + r).isZero();
            assertThat(statistics(r).get("isrCalls").getAsLong()).isPositive();
            assertThat(statistics(r).get("dpcRuns").getAsLong()).isPositive();
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("acquired by");
        }
        // 2 s: the eventfd's signalling thread takes a few hundred ms to get going on a loaded machine
        // (its first native calls link then); 300 ms runs saw no signal at all
        Launcher.Result e = Launcher.run("run", "-cp", jar.toString(), "--driver", UserCode.COUNTING_DRIVER,
                "--device", "eventfd:1ms", "--duration", "2s", "--json");
        assertThat(e.exitCode()).as(e.toString()).isZero();
        assertThat(statistics(e).get("isrCalls").getAsLong()).isPositive();
        assertThat(e.err()).doesNotContain("Exception");
    }

    @Test
    void theLinuxSamplesRunWithoutDriver() throws Exception {
        // the samples ship in target/lib: no --driver picks TimerFdDpcDriver (DPC) and EventFdWorkItemDriver (work item)
        String[][] cases = {
            {"timerfd:1ms", "io.github.irq4j.samples.TimerFdDpcDriver", "dpcRuns"},
            {"eventfd:1ms", "io.github.irq4j.samples.EventFdWorkItemDriver", "workItemRuns"},
        };
        for (String[] c : cases) {
            Launcher.Result r = Launcher.run("run", "--device", c[0], "--duration", c[0].startsWith("eventfd") ? "2s" : "500ms", "--json");
            assertThat(r.exitCode()).as(c[0] + ": " + r).isZero();
            JsonObject report = JsonParser.parseString(r.out()).getAsJsonObject();
            assertThat(report.get("driver").getAsString()).as(c[0]).isEqualTo(c[1]);
            assertThat(report.get("clean").getAsBoolean()).as(c[0] + ": " + r).isTrue();
            assertThat(statistics(r).get("isrCalls").getAsLong()).as(c[0]).isPositive();
            assertThat(statistics(r).get(c[2]).getAsLong()).as(c[0] + " " + c[2]).isPositive();
        }
    }

    @Test
    void eventfdAtARateRunsToTheEndAndStatShowsTheFinishedFile(@TempDir Path dir) throws Exception {
        // the built-in signaller (eventfd:rate=N) and stat on a run that ended by its duration, not a signal
        Path stats = dir.resolve("rate.stats");
        Launcher.Result r = Launcher.run("run", "--device", "eventfd:rate=500", "--duration", "2s", "--stats-file", stats.toString(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonObject report = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(report.get("deviceSpec").getAsString()).isEqualTo("eventfd:rate=500");
        assertThat(report.get("endedBy").getAsString()).isEqualTo("duration");
        JsonObject s = statistics(r);
        long isrCalls = s.get("isrCalls").getAsLong();
        assertThat(isrCalls).isPositive();
        assertThat(s.get("claimed").getAsLong()).isEqualTo(isrCalls);

        Launcher.Result stat = Launcher.run("stat", "--file", stats.toString());
        assertThat(stat.exitCode()).as(stat.toString()).isZero();
        assertThat(stat.out()).contains("EventFdWorkItemDriver on eventfd:rate=500").contains(", finished after ")
                .doesNotContain("is gone").doesNotContain("running");
        // the file's last update is the final one: its counters are the report's
        String row = stat.out().lines().filter(l -> l.startsWith("eventfd.irq")).findFirst().orElseThrow();
        assertThat(row.trim().split("\\s+")[2]).as("isrCalls column of: " + row).isEqualTo(Long.toString(isrCalls));
    }

    @Test
    void aDriverNotFoundNamesWhatWasSearched(@TempDir Path dir) throws Exception {
        Path classes = UserCode.compile(dir.resolve("classes"), UserCode.COUNTING_DRIVER);
        Launcher.Result r = Launcher.run("run", "-cp", classes.toString(), "--driver", "com.example.user.Missing", "--device", "timer");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("driver class 'com.example.user.Missing' not found; searched --classpath [" + classes + "]")
                .contains("irq4j-cli/target/lib/*.jar").contains("give the folder or jar that holds it with --classpath");
    }

    @Test
    void aDriverFromTheClassPathCannotReachCoresInternals(@TempDir Path dir) throws Exception {
        // ./irq4j runs irq4j on the module path: a --classpath driver is in an unnamed module, which reads only
        // what irq4j's modules export; on the class path (before) this constructor lowered the thread's level
        Path classes = UserCode.compile(dir.resolve("classes"), UserCode.INTERNAL_TOUCHER);
        Launcher.Result r = Launcher.run("run", "--classpath", classes.toString(), "--driver", UserCode.INTERNAL_TOUCHER,
                "--device", "timer", "--duration", "100ms");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).as(r.toString()).singleElement().asString()
                .contains("driver class '" + UserCode.INTERNAL_TOUCHER + "': constructor threw java.lang.IllegalAccessException")
                .contains("module io.github.irq4j.core does not export io.github.irq4j.internal to unnamed module");
    }
}
