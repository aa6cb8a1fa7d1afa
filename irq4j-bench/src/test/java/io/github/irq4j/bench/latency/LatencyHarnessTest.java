package io.github.irq4j.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness end to end with small runs: its structure and the "nothing lost" accounting, never
 * its speed (the figures are in the README, from a real run).
 */
class LatencyHarnessTest {

    private static LatencyConfig config(long interrupts, List<LatencyMode> modes, boolean dpc) {
        return new LatencyConfig(interrupts, 200, 1, 50_000, LatencyConfig.DEFAULT_HYBRID_SPIN_NS, modes, "gcc", dpc);
    }

    private static void assertOrdered(Percentiles p, long count) {
        assertThat(p.count()).isEqualTo(count);
        assertThat(p.p50()).isPositive();
        assertThat(p.p50()).isLessThanOrEqualTo(p.p90());
        assertThat(p.p90()).isLessThanOrEqualTo(p.p99());
        assertThat(p.p99()).isLessThanOrEqualTo(p.p999());
        assertThat(p.p999()).isLessThanOrEqualTo(p.max());
    }

    private static void assertEverySignalHandledOnce(RunResult r, long sent) {
        assertThat(r.sent()).as(r.toString()).isEqualTo(sent);
        assertThat(r.handledEdges()).as(r.toString()).isEqualTo(sent);
        assertThat(r.handlerCalls()).as(r.toString()).isEqualTo(sent);
        assertThat(r.coalesced()).as(r.toString()).isZero();
        assertThat(r.nothingLost()).isTrue();
    }

    @Test
    void blockingRoundMeasuresBothSidesAndLosesNothing() throws Exception {
        List<String> progress = new ArrayList<>();
        LatencyReport report = LatencyHarness.run(config(2_000, List.of(LatencyMode.BLOCKING), false), progress::add);

        assertThat(report.modes()).hasSize(1);
        ModeResult m = report.modes().get(0);
        assertThat(m.mode()).isEqualTo(LatencyMode.BLOCKING);
        assertThat(m.c()).hasSize(1);
        assertThat(m.irq4j()).hasSize(1);
        RunResult c = m.c().get(0);
        RunResult j = m.irq4j().get(0);
        assertThat(c.side()).isEqualTo(RunResult.C);
        assertThat(j.side()).isEqualTo(RunResult.IRQ4J);
        assertEverySignalHandledOnce(c, 2_200);
        assertEverySignalHandledOnce(j, 2_200);
        assertOrdered(c.latency(), 2_000);
        assertOrdered(j.latency(), 2_000);
        assertThat(j.isrToDpc()).isNull();
        assertThat(m.dpcMedian()).isNull();
        // 2,200 signals at most one per 50 us take at least 110 ms on each side.
        assertThat(c.elapsedNs()).isGreaterThanOrEqualTo(2_199 * 50_000L);
        assertThat(j.elapsedNs()).isGreaterThanOrEqualTo(2_199 * 50_000L);
        assertThat(m.ratios()).hasSize(5);
        for (double r : m.ratios()) {
            assertThat(r).isPositive().isFinite();
        }
        assertThat(report.nothingLost()).isTrue();
        assertThat(report.compilerVersion()).containsIgnoringCase("gcc");
        assertThat(progress).singleElement().asString().startsWith("blocking round 1/1: C p50 ");
        assertThat(report.format())
                .contains("Interrupt latency against C")
                .contains("blocking   C")
                .contains("blocking   irq4j/C")
                .contains("2200/2200")
                .contains("nothing lost: in all 2 runs");
    }

    @Test
    void everyModeWithTheDpcLosesNothing() throws Exception {
        LatencyReport report = LatencyHarness.run(config(300, List.of(LatencyMode.values()), true), line -> { });
        assertThat(report.modes()).extracting(ModeResult::mode).containsExactly(LatencyMode.values());
        for (ModeResult m : report.modes()) {
            assertEverySignalHandledOnce(m.c().get(0), 500);
            assertEverySignalHandledOnce(m.irq4j().get(0), 500);
            assertOrdered(m.irq4j().get(0).latency(), 300);
            assertOrdered(m.irq4j().get(0).isrToDpc(), 300);
            assertThat(m.dpcMedian()).isNotNull();
        }
        // the mode column widens to busy-poll-uring; that mode is also compared with C's busy-poll read loop
        assertThat(report.compared(report.modes().get(3))).isSameAs(report.modes().get(1));
        assertThat(report.compared(report.modes().get(1))).isNull();
        assertThat(report.format()).contains("ISR->DPC").contains("busy-poll       irq4j/C").contains("hybrid          C")
                .contains("busy-poll-uring C/C busy-poll").contains("busy-poll-uring irq4j/C busy-poll");
    }

    @Test
    void aMissingCompilerIsOneClearError() {
        LatencyConfig bad = new LatencyConfig(10, 0, 1, 0, 0, List.of(LatencyMode.BLOCKING), "/nonexistent/cc", false);
        assertThatThrownBy(() -> LatencyHarness.run(bad, line -> { }))
                .isInstanceOf(BaselineException.class)
                .hasMessageStartingWith("cannot run the C compiler '/nonexistent/cc' (")
                .hasMessageContaining("install gcc")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFailingCompileQuotesTheCompiler() {
        // `false` runs, prints nothing and fails: the compile step reports its exit status.
        LatencyConfig bad = new LatencyConfig(10, 0, 1, 0, 0, List.of(LatencyMode.BLOCKING), "false", false);
        assertThatThrownBy(() -> LatencyHarness.run(bad, line -> { }))
                .isInstanceOf(BaselineException.class)
                .hasMessageStartingWith("'false --version' failed (exit 1)");
    }

    @Test
    void lossIsDetected() {
        Percentiles p = new Percentiles(1, 1, 1, 1, 1, 1);
        assertThat(new RunResult(RunResult.C, LatencyMode.BLOCKING, 1, 10, 10, 10, 0, 1, p, null).nothingLost()).isTrue();
        assertThat(new RunResult(RunResult.C, LatencyMode.BLOCKING, 1, 10, 9, 9, 0, 1, p, null).nothingLost()).isFalse();
        assertThat(new RunResult(RunResult.C, LatencyMode.BLOCKING, 1, 10, 10, 11, 0, 1, p, null).nothingLost()).isFalse();
        assertThat(new RunResult(RunResult.C, LatencyMode.BLOCKING, 1, 10, 10, 8, 2, 1, p, null).nothingLost()).isTrue();
        ModeResult lossy = new ModeResult(LatencyMode.BLOCKING,
                List.of(new RunResult(RunResult.C, LatencyMode.BLOCKING, 1, 10, 10, 10, 0, 1, p, null)),
                List.of(new RunResult(RunResult.IRQ4J, LatencyMode.BLOCKING, 1, 10, 9, 9, 0, 1, p, null)));
        LatencyReport report = new LatencyReport(config(10, List.of(LatencyMode.BLOCKING), false), "gcc", "25", 2, List.of(lossy));
        assertThat(report.nothingLost()).isFalse();
        assertThat(report.format()).contains("LOST: irq4j blocking round 1: sent 10, edges handled 9");
    }

    @Test
    void mediansAreTakenPerPercentile() {
        Percentiles a = new Percentiles(3, 10, 20, 30, 40, 500);
        Percentiles b = new Percentiles(3, 12, 18, 90, 41, 50);
        Percentiles c = new Percentiles(3, 11, 19, 31, 39, 5000);
        assertThat(Percentiles.median(List.of(a, b, c))).isEqualTo(new Percentiles(3, 11, 19, 31, 40, 500));
        assertThat(Percentiles.median(List.of(a, b))).isEqualTo(new Percentiles(3, 11, 19, 60, 40, 275));
        assertThat(b.ratioTo(a)).containsExactly(1.2, 0.9, 3.0, 1.025, 0.1);
        assertThatThrownBy(() -> Percentiles.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badSettingsAreRejectedWithTheExpectedRange() {
        assertThatThrownBy(() -> LatencyHarness.parse(new String[] {"--mode", "fast"}))
                .hasMessage("mode 'fast' (expected: one of blocking, busy-poll, hybrid, busy-poll-uring, several separated by commas, or all)");
        assertThatThrownBy(() -> LatencyHarness.parse(new String[] {"--interrupts", "0"}))
                .hasMessage("interrupts: 0 (expected: 1 <= interrupts <= 10000000)");
        assertThatThrownBy(() -> LatencyHarness.parse(new String[] {"--rounds", "x"}))
                .hasMessage("--rounds: 'x' is not a whole number");
        assertThatThrownBy(() -> LatencyHarness.parse(new String[] {"--speed", "1"}))
                .hasMessageStartingWith("unknown option '--speed'");
        LatencyConfig c = LatencyHarness.parse(new String[] {"--interrupts", "5000", "--mode", "busy-poll", "--period-us", "20", "--dpc"});
        assertThat(c.interrupts()).isEqualTo(5000);
        assertThat(c.warmup()).isEqualTo(500);
        assertThat(c.periodNs()).isEqualTo(20_000);
        assertThat(c.modes()).containsExactly(LatencyMode.BUSY_POLL);
        assertThat(c.dpc()).isTrue();
    }

    @Test
    void modesAreAllTheThreeDispatchModesOrAListInTheOrderGiven() {
        assertThat(LatencyHarness.parse(new String[0]).modes()).containsExactly(LatencyMode.BLOCKING, LatencyMode.BUSY_POLL,
                LatencyMode.HYBRID);
        assertThat(LatencyHarness.parse(new String[] {"--mode", "all"}).modes()).doesNotContain(LatencyMode.BUSY_POLL_URING);
        assertThat(LatencyHarness.parse(new String[] {"--mode", "busy-poll-uring, busy-poll"}).modes())
                .containsExactly(LatencyMode.BUSY_POLL_URING, LatencyMode.BUSY_POLL);
        assertThatThrownBy(() -> LatencyHarness.parse(new String[] {"--mode", "busy-poll,busy-poll"}))
                .hasMessage("mode 'busy-poll' given twice in 'busy-poll,busy-poll'");
        assertThatThrownBy(() -> LatencyHarness.parse(new String[] {"--mode", "busy-poll,"}))
                .hasMessageStartingWith("mode '' (expected: one of ");
        assertThat(LatencyMode.BUSY_POLL_URING.comparedWith()).isEqualTo(LatencyMode.BUSY_POLL);
        assertThat(LatencyMode.BUSY_POLL_URING.dispatchMode()).isEqualTo(io.github.irq4j.DispatchMode.BUSY_POLL);
    }
}
