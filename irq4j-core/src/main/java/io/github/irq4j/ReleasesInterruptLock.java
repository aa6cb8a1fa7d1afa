package io.github.irq4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that intentionally releases an interrupt lock its caller acquired. The static
 * verifier treats a call to it as a release, and does not report the release inside it as a
 * release without acquire.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface ReleasesInterruptLock {
}
