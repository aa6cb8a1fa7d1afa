package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Fault;
import io.github.irq4j.Irql;
import io.github.irq4j.Rule;
import io.github.irq4j.Violation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grouping of identical findings: first occurrence order, counts, exact totals, the text form. */
class FindingsTest {

    private static Violation violation(String message) {
        Rule rule = Rule.values()[0];
        return new Violation(rule, "uart0.irq", "t", Irql.PASSIVE, Irql.PASSIVE, "-", rule.id() + ": " + message);
    }

    @Test
    void identicalFindingsFormOneGroupEach() {
        List<Violation> vs = new ArrayList<>();
        for (int i = 0; i < 930; i++) {
            vs.add(violation("lock not released"));
            if (i % 300 == 0) {
                vs.add(violation("other"));
            }
        }
        List<Fault> fs = List.of(new Fault(Fault.Kind.VIOLATION, "uart0", "uart0 work item", "m", null),
                new Fault(Fault.Kind.VIOLATION, "uart0", "uart0 work item", "m", null),
                new Fault(Fault.Kind.CALLBACK_EXCEPTION, "uart0", "uart0 work item", "m", null));
        Findings f = Findings.of(vs, fs);
        assertThat(f.violationCount()).isEqualTo(934);
        assertThat(f.violations()).extracting(Findings.Group::count).containsExactly(930L, 4L);
        assertThat(f.violations().get(0).first().message()).endsWith("lock not released");
        assertThat(f.faultCount()).isEqualTo(3);
        assertThat(f.faults()).extracting(Findings.Group::count).containsExactly(2L, 1L);
    }

    @Test
    void textShowsEachGroupOnceWithItsCountAndTheRuleOnce() {
        List<Violation> vs = new ArrayList<>();
        for (int i = 0; i < 930; i++) {
            vs.add(violation("lock not released"));
        }
        StringWriter s = new StringWriter();
        TextReport.findings(new PrintWriter(s, true), vs, List.of());
        String id = Rule.values()[0].id();
        assertThat(s.toString()).isEqualTo("verifier: 930 violation(s) (1 distinct), 0 fault(s) (0 distinct)" + System.lineSeparator()
                + "  x930    violation " + id + ": lock not released" + System.lineSeparator());
    }

    @Test
    void textCapsTheGroupsAndSumsTheRest() {
        List<Violation> vs = new ArrayList<>();
        for (int i = 0; i < Findings.TEXT_GROUPS + 5; i++) {
            vs.add(violation("distinct " + i));
            vs.add(violation("distinct " + i));
        }
        StringWriter s = new StringWriter();
        TextReport.findings(new PrintWriter(s, true), vs, List.of());
        assertThat(s.toString()).contains("... 5 more distinct violation(s), 10 in all");
        assertThat(s.toString().lines().filter(l -> l.contains(" violation ")).count()).isEqualTo(Findings.TEXT_GROUPS);
    }

    @Test
    void theHostsExactCountsWinOverWhatItsRingStillHolds() {
        List<Violation> recent = List.of(violation("lock not released"), violation("lock not released"));
        Violation v = recent.get(0);
        List<io.github.irq4j.FindingCount> counts = List.of(
                new io.github.irq4j.FindingCount(v.rule().id(), v.interrupt(), v.acquiredAt(), v.message(), 99_998),
                new io.github.irq4j.FindingCount(v.rule().id(), "other.irq", "-", "dropped long ago", 5));
        Findings f = Findings.of(recent, List.of(), counts, List.of());
        assertThat(f.violationCount()).isEqualTo(100_003);
        assertThat(f.violations()).extracting(Findings.Group::count).containsExactly(99_998L);
        assertThat(f.violationsUnlisted()).isEqualTo(5);
        StringWriter s = new StringWriter();
        TextReport.findings(new PrintWriter(s, true), f);
        assertThat(s.toString()).contains("verifier: 100003 violation(s)").contains("x99998")
                .contains("... 5 older violation(s) counted whose details the host no longer keeps");
    }
}
