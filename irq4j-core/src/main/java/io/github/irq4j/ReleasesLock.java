package io.github.irq4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that intentionally releases a lock its caller acquired: an interrupt lock or a
 * {@code java.util.concurrent.locks.Lock} (an {@code exit()} or {@code unlock} wrapper). The
 * static verifier treats a call to it as a release and does not report the release inside it as a
 * release without acquire. Read from the class file; not used at run time.
 *
 * @see AcquiresLock
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface ReleasesLock {
}
