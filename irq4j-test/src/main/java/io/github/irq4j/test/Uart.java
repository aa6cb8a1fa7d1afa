package io.github.irq4j.test;

import io.github.irq4j.sim.SimUart;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Configures a {@link SimUart} parameter of a {@link DriverTest}: its name and FIFO size. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Uart {

    /** The device name; empty: {@code uart0}, {@code uart1}, ... in parameter order. */
    String name() default "";

    /** The receive FIFO's size in bytes. */
    int fifo() default SimUart.DEFAULT_FIFO_SIZE;
}
