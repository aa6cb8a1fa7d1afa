package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC 4.5: each irq4j JFR event is emitted, with its fields, when a recording enables it. */
class JfrEventsTest {

    static final List<String> EVENTS = List.of("irq4j.Isr", "irq4j.Dpc", "irq4j.WorkItem", "irq4j.LockHold", "irq4j.Violation",
            "irq4j.Fault", "irq4j.NobodyCared", "irq4j.Storm");

    /** Every irq4j event on, with no threshold and no throttle, so a short test sees each one. */
    static Map<String, String> everything() {
        Map<String, String> s = new HashMap<>();
        for (String e : EVENTS) {
            s.put(e + "#enabled", "true");
            s.put(e + "#threshold", "0 ns");
            s.put(e + "#throttle", "off");
            s.put(e + "#stackTrace", "true");
        }
        return s;
    }

    @Test
    void everyEventIsRecordedWithItsFields(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("irq4j.jfr");
        try (Recording recording = new Recording()) {
            recording.setSettings(everything());
            recording.start();
            try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.REPORT).restartPolicy(new RestartPolicy(false, 0))
                    .interruptStorm(new StormPolicy(2_000, Duration.ofMillis(50), StormPolicy.Action.MASK)), 4)) {
                Interrupt[] made = new Interrupt[4];
                rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED),
                        rig.line(2, InterruptMode.LEVEL_SENSITIVE), rig.line(3, InterruptMode.LEVEL_SENSITIVE)), d -> {
                    made[0] = d.createInterrupt(InterruptConfig.builder((i, m) -> i.queueDpcForIsr()).dpc((i, o) -> { }).name("a").build());
                    made[1] = d.createInterrupt(InterruptConfig.builder((i, m) -> {
                        i.queueWorkItemForIsr();
                        if (i.statistics().isrCalls() == 2) {
                            throw new IllegalStateException("second ISR fails");
                        }
                        return true;
                    }).workItem((i, o) -> i.tryToAcquireLock()).name("b").build()); // a spin interrupt: a violation
                    made[2] = d.createInterrupt(InterruptConfig.builder((i, m) -> false).name("ignored").build());
                    made[3] = d.createInterrupt(InterruptConfig.builder((i, m) -> true).name("stormy").build());
                });
                rig.host.start(rig.device);
                rig.source.fire(0);
                rig.source.fire(1);
                Rig.await("first ISRs", () -> made[0].statistics().dpcRuns() == 1 && made[1].statistics().workItemRuns() == 1);
                rig.source.fire(1);
                Rig.await("the fault", () -> rig.host.faults().stream().anyMatch(f -> f.kind() == Fault.Kind.CALLBACK_EXCEPTION));
                rig.source.assertLine(2);
                rig.source.assertLine(3);
                Rig.await("nobody cared and a storm", () -> rig.host.faults().stream().map(Fault::kind).toList()
                        .containsAll(List.of(Fault.Kind.NOBODY_CARED, Fault.Kind.INTERRUPT_STORM)));
                Rig.await("the violation", () -> !rig.host.violations().isEmpty());
                rig.host.stop(rig.device);
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Map<String, List<RecordedEvent>> byName = events.stream().filter(e -> e.getEventType().getName().startsWith("irq4j."))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
        assertThat(byName.keySet()).containsAll(EVENTS);

        RecordedEvent isr = byName.get("irq4j.Isr").stream().filter(e -> "a".equals(e.getString("interrupt"))).findFirst().orElseThrow();
        assertThat(isr.getString("callback")).isEqualTo("a ISR");
        assertThat(isr.getString("device")).isEqualTo("dev");
        assertThat(isr.getInt("message")).isZero();
        assertThat(isr.getString("level")).isEqualTo("DIRQL(0)");
        assertThat(isr.getDuration().isNegative()).isFalse();
        assertThat(byName.get("irq4j.Isr")).anyMatch(e -> "b".equals(e.getString("interrupt")) && e.getBoolean("faulted")
                && e.getInt("message") == 1);
        RecordedEvent dpc = byName.get("irq4j.Dpc").getFirst();
        assertThat(dpc.getString("interrupt")).isEqualTo("a");
        assertThat(dpc.getString("level")).isEqualTo("DISPATCH");
        assertThat(byName.get("irq4j.WorkItem")).anyMatch(e -> "b work item".equals(e.getString("callback"))
                && "PASSIVE".equals(e.getString("level")));
        assertThat(byName.get("irq4j.LockHold")).anyMatch(e -> "a onEnable".equals(e.getString("holder")) && "a".equals(e.getString("lock")));
        assertThat(byName.get("irq4j.Violation")).anyMatch(e -> "InterruptTryLockPassiveOnly".equals(e.getString("rule")));
        assertThat(byName.get("irq4j.Fault")).anyMatch(e -> "CALLBACK_EXCEPTION".equals(e.getString("kind")) && "b ISR".equals(e.getString("where")));
        RecordedEvent nobody = byName.get("irq4j.NobodyCared").getFirst();
        assertThat(nobody.getString("interrupts")).isEqualTo("ignored");
        assertThat(nobody.getInt("unclaimed")).isGreaterThan(99_900);
        RecordedEvent storm = byName.get("irq4j.Storm").getFirst();
        assertThat(storm.getString("interrupts")).isEqualTo("stormy");
        assertThat(storm.getLong("ceiling")).isEqualTo(2_000);
        assertThat(storm.getBoolean("masked")).isTrue();
        assertThat(storm.getLong("rate")).isGreaterThan(2_000);
        assertThat(Files.size(file)).isPositive();
    }
}
