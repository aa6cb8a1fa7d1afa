package io.github.irq4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code boolean} method that returns holding a lock exactly when it returns
 * {@link #value()}, like {@code tryLock()}: a {@code tryEnter()} helper. The static verifier does
 * not report the method for returning holding the lock, and at each call follows the lock as held
 * on the path where the result was {@code value()} and not held on the other (rules
 * {@code WdfInterruptLockRelease} and {@code LockRelease}). Read from the class file; not used at
 * run time.
 *
 * @see AcquiresLock
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface AcquiresLockIfReturns {
    /** The result with which the method returns holding the lock. */
    boolean value();
}
