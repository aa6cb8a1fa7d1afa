package io.github.irq4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test once per seed, {@link #firstSeed()} to {@code firstSeed + seeds - 1}, each time on a
 * fresh {@link SimHost} whose {@link io.github.irq4j.sim.DeterministicScheduler} uses that seed to
 * pick the interleaving of ISRs, DPCs, work items, scripted actions and device events, including
 * ISRs run at a register access in the middle of driver code. Each seed is its own test
 * ({@code seed 1}, {@code seed 2}, ...) in IDEs and Surefire reports.
 *
 * <p>A failing seed fails with a message that gives the seed, how to replay it
 * ({@link Replay @Replay(seed = S)}, or {@code -Dirq4j.seed=S} for the whole class), the
 * interleaving (which callback ran at which register access, during what) and the full schedule.
 * By default the first failure ends the exploration, as in jqwik and Lincheck (later seeds would
 * mostly repeat it); set {@link #stopAtFirstFailure()} to false to run every seed.
 *
 * <p>The configuration parameter (or system property) {@code irq4j.seed} makes every
 * {@code @Explore} run that one seed only: a whole class replays a failure without editing it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(DriverTestExtension.class)
public @interface Explore {

    /** How many seeds to run, at least 1. */
    int seeds() default 100;

    /** The first seed. */
    long firstSeed() default 1;

    /** Whether a failing seed ends the exploration (the remaining seeds are not run). */
    boolean stopAtFirstFailure() default true;
}
