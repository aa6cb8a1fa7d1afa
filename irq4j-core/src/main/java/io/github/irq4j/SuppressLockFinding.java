package io.github.irq4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Suppresses the static verifier's findings of one rule in a method, or in every method of a
 * class (and its nested classes), with the reason why the finding is not a bug. Unlike
 * {@code @SuppressWarnings}, whose retention is {@code SOURCE}, this annotation stays in the class
 * file, where {@code irq4j verify} reads it. Suppressed findings do not fail the build; they are
 * listed in SARIF as results with a {@code suppressions} entry carrying the reason.
 * <pre>{@code
 * @SuppressLockFinding(rule = "LockRelease", reason = "returns holding the lock; exit() releases it")
 * public void enter() { lock.lock(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
@Repeatable(SuppressLockFinding.List.class)
public @interface SuppressLockFinding {
    /** The rule id, as in {@link Rule#id()} or the verifier's report (such as {@code "LockRelease"}); {@code "*"} for all. */
    String rule();

    /** Why the finding is not a bug; shown in reports. Required: a suppression without a reason is rejected. */
    String reason();

    /** Holds repeated {@link SuppressLockFinding} annotations. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
    @interface List {
        SuppressLockFinding[] value();
    }
}
