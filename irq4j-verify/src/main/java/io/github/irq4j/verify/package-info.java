/**
 * The static verifier: reads compiled classes with ASM and reports, before anything runs, the
 * interrupt-lock rules (SPEC section 6) that the runtime verifier would report only on the path
 * that breaks them, and {@code java.util.concurrent} locks not released on some path.
 *
 * <p>Main types: {@link io.github.irq4j.verify.StaticVerifier} (the entry point: classes or folders
 * and jars in, a {@link io.github.irq4j.verify.VerificationResult} out), configured by
 * {@link io.github.irq4j.verify.VerifierOptions}; each {@link io.github.irq4j.verify.Finding} names
 * its {@link io.github.irq4j.verify.StaticRule}, and its path as {@link io.github.irq4j.verify.TraceStep}s.
 * {@link io.github.irq4j.verify.TextReport} and {@link io.github.irq4j.verify.SarifReport} (SARIF
 * 2.1.0) write the result; {@link io.github.irq4j.verify.Baseline} accepts known findings,
 * {@link io.github.irq4j.verify.Suppression} records the ones a
 * {@code @SuppressLockFinding} silenced. Unreadable input is an {@link io.github.irq4j.verify.InputError}.
 *
 * <p>From WDF, in one hop: the rules are named as the WDF verifier and Static Driver Verifier
 * name theirs ({@link io.github.irq4j.Rule#id()}). A finding of rule {@code WdfInterruptLockRelease}
 * is a callback that can return holding the lock {@code Interrupt.acquireLock()}
 * ({@code WdfInterruptAcquireLock}) took, without its {@code releaseLock()}
 * ({@code WdfInterruptReleaseLock}) on that path; {@code @AcquiresInterruptLock} and
 * {@code @ReleasesInterruptLock} mark the methods that do so on purpose, like SDV's role
 * annotations.
 */
package io.github.irq4j.verify;
