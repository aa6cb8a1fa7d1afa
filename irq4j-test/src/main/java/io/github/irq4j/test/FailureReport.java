package io.github.irq4j.test;

import io.github.irq4j.Fault;
import io.github.irq4j.Violation;
import io.github.irq4j.sim.ScheduleFailure;
import java.util.List;

/** The messages of a failed run: what failed, where in the exploration, how to replay, the interleaving. */
final class FailureReport {

    private FailureReport() {
    }

    /** Violations and faults after the last assertion about them, or null. */
    static String unasserted(SimHost host) {
        List<Violation> v = host.violations();
        List<Fault> f = host.faults();
        List<Violation> newV = v.subList(Math.min(host.assertedViolations(), v.size()), v.size());
        List<Fault> newF = f.subList(Math.min(host.assertedFaults(), f.size()), f.size());
        if (newV.isEmpty() && newF.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("the run ended with ");
        if (!newV.isEmpty()) {
            sb.append(newV.size()).append(" verifier violation(s) the test did not assert");
        }
        if (!newF.isEmpty()) {
            sb.append(newV.isEmpty() ? "" : " and ").append(newF.size()).append(" contained fault(s) the test did not assert");
        }
        sb.append(" (assert them with DriverAssertions.assertThat(host).hasViolation(rule) / hasFault(kind),"
                + " or @DriverTest(checkAtEnd = false)):");
        for (Violation x : newV) {
            sb.append("\n  violation: ").append(x.message());
        }
        for (Fault x : newF) {
            sb.append("\n  fault: ").append(x).append(x.cause() == null ? "" : " [" + x.cause() + "]");
        }
        return sb.toString();
    }

    /**
     * The failure of seed {@code seed} in an exploration of {@code first..last}: seed, outcome,
     * how to replay, interleaving.
     */
    static ExplorationFailure failure(long seed, long first, long last, boolean stopAtFirstFailure, String source,
                                      Interleaving il, Throwable thrown, String problem) {
        StringBuilder sb = new StringBuilder("seed ").append(seed).append(" failed: ")
                .append(problem != null ? problem : describe(thrown));
        if (first != last) {
            sb.append("\n  (").append(source).append(" of seeds ").append(first).append("..").append(last).append(": ");
            if (seed == first) {
                sb.append("the first seed failed");
            } else {
                sb.append("seeds ").append(first).append("..").append(seed - 1).append(" passed");
            }
            if (seed < last && stopAtFirstFailure) {
                sb.append("; seeds ").append(seed + 1).append("..").append(last).append(" not run (stopAtFirstFailure)");
            }
            sb.append(')');
        }
        if (source.startsWith("Exploration")) {
            sb.append("\n  replay it: Exploration.replay(").append(seed).append("L, body)");
        } else {
            sb.append("\n  replay it: @Replay(seed = ").append(seed).append(") on the test method, or run the test class with -D")
                    .append(DriverTestExtension.SEED_PARAMETER).append('=').append(seed);
        }
        if (il != null) {
            sb.append('\n').append(il.describe());
        }
        return new ExplorationFailure(seed, il, sb.toString(), thrown);
    }

    private static String describe(Throwable t) {
        if (t instanceof ScheduleFailure f) {
            String m = f.getMessage();
            int cut = m.indexOf("\nschedule (");
            m = cut < 0 ? m : m.substring(0, cut);
            String prefix = "seed " + f.seed() + ": ";
            return "the run failed: " + (m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        }
        String m = t.getMessage();
        return t.getClass().getName() + (m == null ? "" : ": " + m);
    }

}
