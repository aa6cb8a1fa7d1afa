package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --jfr FILE} on demo and run, through ./irq4j: the file is read back with {@link RecordingFile}. */
class JfrE2ETest {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private static Map<String, List<RecordedEvent>> irq4jEvents(Path file) throws IOException {
        return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().startsWith("irq4j."))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
    }

    private static Set<String> devices(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getString("device")).collect(Collectors.toSet());
    }

    @Test
    void theDemoRecordsItsIsrsDpcsAndLockHolds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.jfr");
        Launcher.Result r = Launcher.run("demo", "--duration", "2s", "--jfr", file.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("JFR recording written to " + file + " (open it in JDK Mission Control, or: jfr print --events irq4j.Isr "
                + file + ")");
        Map<String, List<RecordedEvent>> events = irq4jEvents(file);
        assertThat(events).containsKeys("irq4j.Isr", "irq4j.Dpc", "irq4j.LockHold");
        assertThat(devices(events.get("irq4j.Isr"))).contains("uart0", "timer0");
        RecordedEvent isr = events.get("irq4j.Isr").stream().filter(e -> "timer0".equals(e.getString("device"))).findFirst().orElseThrow();
        assertThat(isr.getString("interrupt")).isEqualTo("timer0.irq");
        assertThat(isr.getString("level")).startsWith("DIRQL(");
        assertThat(isr.getInt("message")).isZero();
        assertThat(events.get("irq4j.Dpc").getFirst().getString("level")).isEqualTo("DISPATCH");
        // JDK events of the default configuration are there as well
        assertThat(RecordingFile.readAllEvents(file)).anyMatch(e -> e.getEventType().getName().equals("jdk.CPULoad"));
    }

    @Test
    void aRunEndedByCtrlCStillWritesItsRecording(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jfr");
        Launcher.Running running = Launcher.start("run", "--device", "timer:1ms", "--duration", "60s", "--jfr", file.toString());
        Launcher.awaitCondition("the run's live view", STARTUP, () -> {
            try {
                return running.stdoutSoFar().contains("Ctrl-C ends it early");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        running.signal("INT");
        Launcher.Result r = running.await(Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(130);
        assertThat(r.out()).contains("JFR recording written to " + file);
        assertThat(irq4jEvents(file)).containsKey("irq4j.LockHold"); // onEnable, before any signal could end the run
    }

    @Test
    void anUnwritableFileIsAUsageErrorBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path blocker = java.nio.file.Files.writeString(dir.resolve("blocker"), "x");
        Launcher.Result r = Launcher.run("run", "--device", "timer:1ms", "--duration", "1", "--jfr", blocker.resolve("r.jfr").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("irq4j run: cannot write the JFR recording " + blocker.resolve("r.jfr"))
                .asString().contains("give --jfr FILE a path in a folder you can write");
        assertThat(r.out()).doesNotContain("irq4j report");
    }
}
