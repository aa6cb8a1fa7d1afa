package io.github.irq4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that intentionally returns holding a lock it acquired: an interrupt lock or a
 * {@code java.util.concurrent.locks.Lock} (a lock wrapper such as {@code lock(); return this;}, or
 * an {@code enter()} documented to return with the lock held). The static verifier ({@code irq4j
 * verify}) then does not report the method for returning holding the lock, and checks its callers
 * as if they had called {@code lock()} (rules {@code WdfInterruptLockRelease} and
 * {@code LockRelease}). Read from the class file, like SDV's role annotations; not used at run
 * time.
 *
 * @see AcquiresLockIfReturns
 * @see ReleasesLock
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface AcquiresLock {
}
