package io.github.irq4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Configures a {@link io.github.irq4j.sim.SimTimer} parameter of a {@link DriverTest}: name, period, edge or MSI line. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Timer {

    /** The device name; empty: {@code timer0}, {@code timer1}, ... in parameter order. */
    String name() default "";

    /** The reset value of {@code PERIOD_NS}. */
    long periodNs() default 1_000_000;

    /** Whether the timer signals on an MSI vector rather than an edge line. */
    boolean msi() default false;
}
