package io.github.irq4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that intentionally returns holding an interrupt lock it acquired. The static
 * verifier then does not report rule {@code WdfInterruptLockRelease} for it, and treats a call to
 * it as an acquire. Like SDV's role annotations, it is read from the class file.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface AcquiresInterruptLock {
}
