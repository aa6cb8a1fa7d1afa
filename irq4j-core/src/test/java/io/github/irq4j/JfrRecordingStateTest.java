package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.internal.event.RecordingGuard;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 4.5: the irq4j events follow the recordings that run, through the recording guard. Every
 * ISR here runs on the test's thread ({@link InlineHost}), so each has left its frame, and committed
 * or not, when {@code fireAndDispatch} returns; the guard changes when a recording's
 * {@code start()} or {@code stop()} returns (JFR notifies its listener on that thread). Events are
 * counted by a device name no other test uses, so no other test's events are counted.
 */
class JfrRecordingStateTest {

    private static boolean anyRunning() {
        if (!FlightRecorder.isInitialized()) {
            return false;
        }
        return FlightRecorder.getFlightRecorder().getRecordings().stream().anyMatch(r -> r.getState() == RecordingState.RUNNING);
    }

    private static Recording everything() {
        Recording r = new Recording();
        r.setSettings(JfrEventsTest.everything());
        return r;
    }

    /** The irq4j.Isr events of {@code device} in {@code recording}, which has stopped. */
    private static long isrs(Recording recording, String device, Path dir) throws Exception {
        Path file = Files.createTempFile(dir, "r", ".jfr");
        recording.dump(file);
        return count(file, device);
    }

    private static long count(Path file, String device) throws Exception {
        return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals("irq4j.Isr")
                && device.equals(e.getString("device"))).count();
    }

    private static void dispatch(InlineHost h, int n) {
        for (int k = 0; k < n; k++) {
            assertThat(h.fireAndDispatch()).isEqualTo(1);
        }
    }

    @Test
    void theGuardFollowsEveryStartAndStop() {
        assertThat(RecordingGuard.recording()).isEqualTo(anyRunning());
        try (Recording a = everything(); Recording b = everything()) {
            int g = RecordingGuard.generation();
            a.start();
            assertThat(RecordingGuard.recording()).isTrue();
            b.start();
            assertThat(RecordingGuard.recording()).isTrue();
            a.stop();
            assertThat(RecordingGuard.recording()).isTrue();
            b.stop();
            assertThat(RecordingGuard.recording()).isEqualTo(anyRunning());
            assertThat(RecordingGuard.generation()).as("one generation per state change at least").isGreaterThanOrEqualTo(g + 4);
        }
    }

    @Test
    void runsAreRecordedExactlyWhileARecordingRuns(@TempDir Path dir) throws Exception {
        String device = "jfr-state-runs";
        try (InlineHost h = new InlineHost(device, (i, m) -> true)) {
            dispatch(h, 20_000); // no recording: the frame's event calls are dead code once compiled
            try (Recording first = everything(); Recording second = everything()) {
                first.start();
                dispatch(h, 2);
                first.stop();
                dispatch(h, 3);
                second.start();
                dispatch(h, 4);
                second.stop();
                dispatch(h, 5);
                assertThat(isrs(first, device, dir)).as("ISRs in the first recording").isEqualTo(2);
                assertThat(isrs(second, device, dir)).as("ISRs in the second recording").isEqualTo(4);
            }
        }
    }

    /** What the ISR does in its body, besides claiming; the test thread's (the ISR runs on it). */
    private Runnable inIsr = () -> { };

    @Test
    void aRunIsCommittedOnlyInTheRecordingItBeganUnder(@TempDir Path dir) throws Exception {
        String device = "jfr-state-switch";
        try (InlineHost h = new InlineHost(device, (i, m) -> {
            inIsr.run();
            return true;
        }); Recording a = everything(); Recording b = everything()) {
            a.start();
            inIsr = () -> {
                a.stop();
                b.start();
            };
            dispatch(h, 1); // began under a, ends under b
            inIsr = () -> { };
            dispatch(h, 1);
            b.stop();
            assertThat(isrs(a, device, dir)).as("a stopped before the run ended").isZero();
            assertThat(isrs(b, device, dir)).as("b holds only the run that began under it").isEqualTo(1);
        }
    }

    @Test
    void aRunBegunUnderAStoppedRecordingIsNotCommittedLater(@TempDir Path dir) throws Exception {
        String device = "jfr-state-stale";
        try (InlineHost h = new InlineHost(device, (i, m) -> {
            inIsr.run();
            return true;
        }); Recording a = everything(); Recording b = everything()) {
            a.start();
            inIsr = a::stop;
            dispatch(h, 1); // began under a, ends with no recording: its event stays begun, uncommitted
            inIsr = b::start;
            dispatch(h, 1); // began with no recording, ends under b
            inIsr = () -> { };
            dispatch(h, 1);
            b.stop();
            assertThat(isrs(a, device, dir)).isZero();
            assertThat(isrs(b, device, dir)).as("b holds only the run that began under it").isEqualTo(1);
        }
    }

    /** A recording the JVM started (-XX:StartFlightRecording) before irq4j loaded is seen from the first run. */
    @Test
    void aRecordingStartedBeforeIrq4jIsSeen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("startup.jfr");
        String e = "+irq4j.Isr#";
        String classPath = String.join(File.pathSeparator, Path.of("target", "test-classes").toAbsolutePath().toString(),
                Path.of("target", "classes").toAbsolutePath().toString());
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:StartFlightRecording:settings=none," + e + "enabled=true," + e + "threshold=0ns," + e + "throttle=off,dumponexit=true,filename=" + file,
                "-cp", classPath, JfrStartupProbe.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("recording=true isrCalls=" + JfrStartupProbe.RUNS);
        assertThat(count(file, JfrStartupProbe.DEVICE)).isEqualTo(JfrStartupProbe.RUNS);
    }
}
