package io.github.irq4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test once with {@link #seed()}: the same scheduler choices, so the same interleaving, as
 * that seed's run under {@link Explore}. Put it on a copy of a failing explored test (or swap
 * {@code @Explore} for it) to debug the failure with breakpoints; the schedule in the failure
 * message is identical.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(DriverTestExtension.class)
public @interface Replay {

    /** The seed to run. */
    long seed();
}
