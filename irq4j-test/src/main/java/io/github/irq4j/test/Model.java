package io.github.irq4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parameter of a {@link DriverTest} made by a {@link ModelFactory}: the user's own device model.
 * <pre>{@code
 * @Explore(seeds = 100)
 * void samplesArrive(SimHost host, @Model(value = SensorModel.Factory.class, name = "sensor0") SensorModel sensor) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Model {

    /** The factory; it needs a public no-argument constructor. */
    Class<? extends ModelFactory<?>> value();

    /** The device name; empty: the parameter type's simple name in lower case plus an index ({@code sensormodel0}). */
    String name() default "";
}
