package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./irq4j demo --soak DURATION} through the launcher: random bursts, disables, restarts,
 * cancellations and injected faults, then the exact account, which must balance (exit 0). The
 * printed equations are checked here again from their own numbers, so a report that says "ok"
 * over numbers that do not add up fails too.
 */
class SoakE2ETest {

    private static final Pattern REQUESTS = Pattern.compile("requests: +sent ([\\d,]+) = completed ([\\d,]+) \\+ cancelled ([\\d,]+) \\+ failed ([\\d,]+) +ok");
    private static final Pattern INTERRUPTS = Pattern.compile("interrupts: signalled ([\\d,]+) = handled ([\\d,]+) \\+ coalesced ([\\d,]+) \\+ lost ([\\d,]+) +ok");
    private static final Pattern FAULTS = Pattern.compile("faults: +injected ([\\d,]+) = reported ([\\d,]+) +ok");
    private static final Pattern ACTIONS = Pattern.compile("([\\d,]+) disables/enables, ([\\d,]+) device restarts, ([\\d,]+) cancellations, ([\\d,]+) faults armed");

    private static long n(Matcher m, int group) {
        return Long.parseLong(m.group(group).replace(",", ""));
    }

    private static Matcher find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("%s in:%n%s", p, text).isTrue();
        return m;
    }

    @Test
    void aFiveSecondSoakBalances() throws Exception {
        Launcher.Result r = Launcher.start("demo", "--soak", "5s", "--seed", "3").await(Duration.ofSeconds(90));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("soak: balanced");
        assertThat(r.err()).contains("soak for 5000 ms, seed 3").doesNotContain("mismatch").doesNotContain("\tat ");

        Matcher req = find(REQUESTS, r.out());
        assertThat(n(req, 1)).isPositive().isEqualTo(n(req, 2) + n(req, 3) + n(req, 4));
        Matcher irq = find(INTERRUPTS, r.out());
        assertThat(n(irq, 1)).isPositive().isEqualTo(n(irq, 2) + n(irq, 3) + n(irq, 4));
        Matcher faults = find(FAULTS, r.out());
        assertThat(n(faults, 1)).isEqualTo(n(faults, 2));
        Matcher actions = find(ACTIONS, r.out());
        for (int g = 1; g <= 4; g++) {
            assertThat(n(actions, g)).as("actions of kind %d in 5 s", g).isPositive();
        }
    }

    @Test
    void ctrlCEndsTheSoakEarlyWithItsAccount() throws Exception {
        Launcher.Running running = Launcher.start("demo", "--soak", "10m");
        Launcher.awaitCondition("the soak to start", Duration.ofSeconds(60),
                () -> uncheckedRead(running).contains("soak for 600000 ms"));
        running.signal("INT");
        Launcher.Result r = running.await(Duration.ofSeconds(90));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(130);
        assertThat(r.out()).contains("soak: balanced");
        find(INTERRUPTS, r.out());
        assertThat(r.err()).contains("SIGINT ended the soak after");
    }

    @Test
    void aBadSoakDurationIsAUsageError() throws Exception {
        Launcher.Result r = Launcher.run("demo", "--soak", "soon");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--soak").doesNotContain("\tat ");
    }

    private static String uncheckedRead(Launcher.Running running) {
        try {
            return running.stderrSoFar();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
