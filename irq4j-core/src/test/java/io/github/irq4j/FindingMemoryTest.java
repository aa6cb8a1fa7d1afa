package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** SPEC 4.3: faults and violations are kept in bounded memory, with exact counts. */
class FindingMemoryTest {

    private static final int FAULTS = 200_000;

    private static long sum(List<FindingCount> counts, String kind) {
        return counts.stream().filter(c -> c.kind().equals(kind)).mapToLong(FindingCount::count).sum();
    }

    @Test
    void anIsrThatAlwaysThrowsKeepsTheRingBoundedAndTheCountsExact() {
        AtomicLong thrown = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        int retained = 100;
        try (Rig rig = new Rig(Host.builder().restartPolicy(new RestartPolicy(false, 0)).retainedFindings(retained), 4)) {
            rig.add("dev", List.of(rig.line(0, InterruptMode.LEVEL_SENSITIVE)), d -> d.createInterrupt(
                    InterruptConfig.builder((i, m) -> {
                        // Every other call throws, the rest claim: "nobody cared" never disables the
                        // line, and the messages of the throws fall into 2,000 groups, more than the
                        // group table holds, so its overflow group is used too.
                        long n = calls.incrementAndGet();
                        if (n % 2 == 0 && thrown.get() < FAULTS) {
                            long k = thrown.incrementAndGet();
                            throw new IllegalStateException(k % 4 == 0 ? "status " + (k / 4 % 2_000) : "status bad");
                        }
                        return true;
                    }).name("irq-thrower").build()));
            rig.host.start(rig.device);
            rig.source.assertLine(0); // stuck asserted: the ISR runs again and again
            Rig.await(FAULTS + " faults", () -> thrown.get() == FAULTS);
            rig.host.stop(rig.device);

            List<Fault> recent = rig.host.faults();
            assertThat(recent).hasSize(retained);
            assertThat(recent).allMatch(f -> f.kind() == Fault.Kind.CALLBACK_EXCEPTION);
            List<FindingCount> counts = rig.host.faultCounts();
            assertThat(sum(counts, "CALLBACK_EXCEPTION")).isEqualTo(FAULTS);
            assertThat(counts).as("the group table is bounded").hasSizeLessThanOrEqualTo(1_024 + Fault.Kind.values().length);
            assertThat(counts).anySatisfy(c -> {
                assertThat(c.isOther()).isTrue();
                assertThat(c.kind()).isEqualTo("CALLBACK_EXCEPTION");
            });
            FindingCount bad = counts.stream().filter(c -> c.message().contains("status bad")).findFirst().orElseThrow();
            assertThat(bad.count()).isEqualTo(FAULTS * 3L / 4);
            assertThat(bad.subject()).isEqualTo("dev");
            assertThat(bad.where()).isEqualTo("irq-thrower ISR");
        }
    }

    @Test
    void repeatedViolationsKeepTheRingBoundedAndTheCountsExact() {
        try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.REPORT).retainedFindings(10), 4)) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).name("spin"));
            for (int k = 0; k < FAULTS; k++) {
                assertThat(i.tryToAcquireLock()).isFalse();
            }
            assertThat(rig.host.violations()).hasSize(10).allMatch(v -> v.rule() == Rule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY);
            List<FindingCount> counts = rig.host.violationCounts();
            assertThat(counts).hasSize(1);
            assertThat(counts.get(0).kind()).isEqualTo(Rule.INTERRUPT_TRY_LOCK_PASSIVE_ONLY.id());
            assertThat(counts.get(0).subject()).isEqualTo("spin");
            assertThat(counts.get(0).count()).isEqualTo(FAULTS);
        }
    }

    @Test
    void theRetainedNumberIsChecked() {
        assertThatThrownBy(() -> Host.builder().retainedFindings(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retainedFindings: 0");
    }
}
