package io.github.irq4j.sim;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * Runs a scenario under the {@link DeterministicScheduler} for a range of seeds and stops at the
 * first seed whose run fails, with that run's schedule; {@link #replay} runs one seed again.
 * <pre>{@code
 * Explorer.Outcome failure = Explorer.explore(1, 200, scheduler -> {
 *     ... build a Host on the scheduler, run it, assert what must hold ...
 * });
 * if (failure != null) {
 *     System.err.println(failure.report());            // seed and schedule
 *     Explorer.replay(failure.seed(), sameScenario);   // the same schedule, the same failure
 * }
 * }</pre>
 * A run fails if the scenario throws: an assertion, a {@link ScheduleFailure} from a run (a step
 * threw, the run did not become idle, the framework thread hung), or anything else.
 */
public final class Explorer {

    private Explorer() {
    }

    /** A scenario: builds what it needs on the scheduler's simulation, runs it, and throws if something is wrong. */
    @FunctionalInterface
    public interface Scenario {
        void run(DeterministicScheduler scheduler) throws Exception;
    }

    /**
     * The result of one seed.
     *
     * @param seed the seed
     * @param trace the schedule, one choice per entry
     * @param failure what the scenario threw, or {@code null} if it passed
     */
    public record Outcome(long seed, List<String> trace, Throwable failure) {

        /** Whether the run failed. */
        public boolean failed() {
            return failure != null;
        }

        /** The seed, the failure and the schedule, for printing. */
        public String report() {
            String head = failure == null ? "seed " + seed + " passed"
                    : "seed " + seed + " failed: " + firstLine(failure);
            return head + "\nreplay with Explorer.replay(" + seed + "L, scenario)\n" + ScheduleTrace.format(trace);
        }

        private static String firstLine(Throwable t) {
            String m = t instanceof ScheduleFailure ? t.getMessage().lines().findFirst().orElse("") : String.valueOf(t);
            return m;
        }
    }

    /**
     * Runs {@code scenario} with one seed on a fresh {@link Simulation} and scheduler, and closes the
     * scheduler afterwards.
     *
     * @return the outcome: the schedule, and the failure if any
     */
    public static Outcome replay(long seed, Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        DeterministicScheduler scheduler = new DeterministicScheduler(seed, new Simulation());
        Throwable failure = null;
        try {
            scenario.run(scheduler);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError e && !(t instanceof StackOverflowError)) {
                throw e;
            }
            failure = t;
        } finally {
            scheduler.close();
        }
        return new Outcome(seed, scheduler.trace(), failure);
    }

    /**
     * Runs {@code scenario} for seeds {@code firstSeed} to {@code lastSeed} inclusive, stopping at the
     * first failure, which it prints (seed, failure, schedule) to {@code System.err}.
     *
     * @return the first failing outcome, or {@code null} if every seed passed
     */
    public static Outcome explore(long firstSeed, long lastSeed, Scenario scenario) {
        return explore(firstSeed, lastSeed, scenario, System.err);
    }

    /**
     * As {@link #explore(long, long, Scenario)}, printing the failure to {@code out} ({@code null}:
     * do not print).
     */
    public static Outcome explore(long firstSeed, long lastSeed, Scenario scenario, PrintStream out) {
        if (lastSeed < firstSeed) {
            throw new IllegalArgumentException("seeds " + firstSeed + ".." + lastSeed + " (expected: firstSeed <= lastSeed)");
        }
        for (long seed = firstSeed; ; seed++) {
            Outcome o = replay(seed, scenario);
            if (o.failed()) {
                if (out != null) {
                    out.println(o.report());
                }
                return o;
            }
            if (seed == lastSeed) {
                return null;
            }
        }
    }
}
