package io.github.irq4j.test;

import io.github.irq4j.VerifierMode;
import io.github.irq4j.sim.DeterministicScheduler;
import java.util.Objects;

/**
 * {@link Explore} and {@link Replay} without JUnit's test template: for a test that expects a
 * failure (a deliberately broken driver must be caught), a benchmark, or a main method. Each seed
 * runs {@code body} on a fresh {@link SimHost}, closed afterwards, with the same end-of-run check
 * as {@link DriverTest#checkAtEnd()}.
 * <pre>{@code
 * Exploration.Result r = Exploration.explore(1, 200, host -> { ... the test body ... });
 * assertThat(r.failure()).isNotNull();                         // the race is caught
 * Exploration.Result again = Exploration.replay(r.failure().seed(), sameBody);
 * assertThat(again.interleaving()).isEqualTo(r.interleaving());  // exactly the same schedule
 * }</pre>
 */
public final class Exploration {

    private Exploration() {
    }

    /** A test body: drives the host, throws if something is wrong. */
    @FunctionalInterface
    public interface Body {
        void run(SimHost host) throws Exception;
    }

    /**
     * What an exploration did.
     *
     * @param seedsRun how many seeds ran (up to and including the failing one)
     * @param lastSeed the last seed run: the failing one, or the last of the range
     * @param interleaving that seed's schedule
     * @param failure the failure of {@code lastSeed}, with seed and interleaving in its message, or {@code null} if every seed passed
     */
    public record Result(int seedsRun, long lastSeed, Interleaving interleaving, ExplorationFailure failure) {

        /** Whether a seed failed. */
        public boolean failed() {
            return failure != null;
        }
    }

    /**
     * Runs {@code body} for {@code seeds} seeds from {@code firstSeed}, stopping at the first failure.
     *
     * @throws IllegalArgumentException if {@code seeds < 1}
     */
    public static Result explore(long firstSeed, int seeds, Body body) {
        return explore(firstSeed, seeds, VerifierMode.THROW, DeterministicScheduler.DEFAULT_MAX_STEPS, body);
    }

    /** As {@link #explore(long, int, Body)}, with the verifier mode and step limit of each host. */
    public static Result explore(long firstSeed, int seeds, VerifierMode verifier, int maxSteps, Body body) {
        Objects.requireNonNull(body, "body");
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds: " + seeds + " (expected: >= 1)");
        }
        long last = firstSeed + seeds - 1;
        Interleaving il = null;
        for (long seed = firstSeed; seed <= last; seed++) {
            Outcome o = runOne(seed, verifier, maxSteps, body);
            il = o.interleaving;
            if (o.thrown != null) {
                ExplorationFailure f = FailureReport.failure(seed, firstSeed, last, true, "Exploration.explore", il, o.thrown, o.problem);
                return new Result((int) (seed - firstSeed + 1), seed, il, f);
            }
        }
        return new Result(seeds, last, il, null);
    }

    /** Runs {@code body} with {@code seed} once: the same interleaving as that seed's run in {@link #explore}. */
    public static Result replay(long seed, Body body) {
        return explore(seed, 1, body);
    }

    private record Outcome(Interleaving interleaving, Throwable thrown, String problem) {
    }

    private static Outcome runOne(long seed, VerifierMode verifier, int maxSteps, Body body) {
        SimHost host = new SimHost(seed, verifier, maxSteps, 30_000);
        Throwable thrown = null;
        String problem = null;
        Interleaving il;
        try {
            body.run(host);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError e && !(t instanceof StackOverflowError)) {
                throw e;
            }
            thrown = t;
        } finally {
            il = host.interleaving();
            try {
                host.close();
            } catch (RuntimeException e) {
                if (thrown == null) {
                    thrown = e;
                    problem = "closing the host threw " + e;
                }
            }
        }
        if (thrown == null) {
            problem = FailureReport.unasserted(host);
            if (problem != null) {
                thrown = new AssertionError(problem);
            }
        }
        return new Outcome(il, thrown, problem);
    }
}
