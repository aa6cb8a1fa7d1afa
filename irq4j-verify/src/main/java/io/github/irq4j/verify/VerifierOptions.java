package io.github.irq4j.verify;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link StaticVerifier} checks and reports, as a user of SpotBugs or Error Prone would
 * configure it: which rules, which classes, which calls cannot throw, and which findings a
 * baseline already accepts.
 *
 * @param rules the rules checked; the others are not reported
 * @param includes class patterns ({@link #include}); empty means every class
 * @param excludes class patterns whose classes are not reported
 * @param nonThrowing more calls without an exception edge, {@code owner#method}
 *        ({@code com.example.Regs#read}, {@code com.example.*#get}, {@code com.example.Util#*})
 * @param baseline fingerprints of findings accepted already ({@link Baseline#read})
 */
public record VerifierOptions(Set<StaticRule> rules, List<String> includes, List<String> excludes, List<String> nonThrowing,
        Set<String> baseline) {

    public VerifierOptions {
        rules = rules.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rules));
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        nonThrowing = List.copyOf(nonThrowing);
        baseline = Set.copyOf(baseline);
        includes.forEach(ClassPattern::parse);
        excludes.forEach(ClassPattern::parse);
        ThrowModel.defaults().with(nonThrowing); // rejects a malformed entry now, with its message
    }

    /** Every rule, every class, the default throw model, no baseline. */
    public static VerifierOptions defaults() {
        return new VerifierOptions(EnumSet.allOf(StaticRule.class), List.of(), List.of(), List.of(), Set.of());
    }

    /** These options without the rules given by id. @throws IllegalArgumentException for an unknown id */
    public VerifierOptions disable(List<String> ruleIds) {
        Set<StaticRule> r = rules.isEmpty() ? EnumSet.noneOf(StaticRule.class) : EnumSet.copyOf(rules);
        ruleIds.forEach(id -> r.remove(StaticRule.byId(id)));
        return new VerifierOptions(r, includes, excludes, nonThrowing, baseline);
    }

    /** These options with only the rules given by id. @throws IllegalArgumentException for an unknown id */
    public VerifierOptions only(List<String> ruleIds) {
        Set<StaticRule> r = EnumSet.noneOf(StaticRule.class);
        ruleIds.forEach(id -> r.add(StaticRule.byId(id)));
        return new VerifierOptions(r, includes, excludes, nonThrowing, baseline);
    }

    /** These options reporting only classes that match one of the patterns. */
    public VerifierOptions include(List<String> patterns) {
        return new VerifierOptions(rules, concat(includes, patterns), excludes, nonThrowing, baseline);
    }

    /** These options not reporting classes that match one of the patterns. */
    public VerifierOptions exclude(List<String> patterns) {
        return new VerifierOptions(rules, includes, concat(excludes, patterns), nonThrowing, baseline);
    }

    /** These options with more calls that cannot throw. */
    public VerifierOptions nonThrowing(List<String> calls) {
        return new VerifierOptions(rules, includes, excludes, concat(nonThrowing, calls), baseline);
    }

    /** These options with a baseline of accepted fingerprints. */
    public VerifierOptions baseline(Set<String> fingerprints) {
        return new VerifierOptions(rules, includes, excludes, nonThrowing, Objects.requireNonNull(fingerprints, "fingerprints"));
    }

    /** Whether findings in the class are reported. */
    boolean reports(String dottedClass) {
        boolean in = includes.isEmpty() || includes.stream().anyMatch(p -> ClassPattern.parse(p).matches(dottedClass));
        return in && excludes.stream().noneMatch(p -> ClassPattern.parse(p).matches(dottedClass));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
