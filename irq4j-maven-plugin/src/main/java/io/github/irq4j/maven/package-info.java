/**
 * The Maven plugin: {@link io.github.irq4j.maven.VerifyMojo} is the goal {@code irq4j:verify},
 * which runs irq4j's static verifier over a project's compiled classes in the {@code verify} phase
 * and fails the build on a broken rule. From WDF, in one hop: Static Driver Verifier's rules (such
 * as {@code WdfInterruptLock}) checked at build time are this goal.
 */
package io.github.irq4j.maven;
