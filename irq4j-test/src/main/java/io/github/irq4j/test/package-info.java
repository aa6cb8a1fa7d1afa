/**
 * The JUnit 5 driver test kit: a test runs a driver on simulated hardware under the deterministic
 * scheduler, once per seed, and a failure names the seed that replays it.
 *
 * <p>Main types: {@link io.github.irq4j.test.DriverTest} (marks a test class; its extension
 * {@link io.github.irq4j.test.DriverTestExtension}), {@link io.github.irq4j.test.Explore} and
 * {@link io.github.irq4j.test.Replay} (seeds to run; {@link io.github.irq4j.test.Exploration} without
 * JUnit), {@link io.github.irq4j.test.SimHost} (one test's machine and its device models, configured
 * by {@link io.github.irq4j.test.Uart}, {@link io.github.irq4j.test.Timer} and
 * {@link io.github.irq4j.test.Model} with a {@link io.github.irq4j.test.ModelFactory}), and the
 * assertions of {@link io.github.irq4j.test.DriverAssertions} ({@link io.github.irq4j.test.HostAssert},
 * {@link io.github.irq4j.test.InterruptAssert}, {@link io.github.irq4j.test.LineAssert},
 * {@link io.github.irq4j.test.RequestAssert}). A failure is an {@link io.github.irq4j.test.ExplorationFailure}
 * with its {@link io.github.irq4j.test.Interleaving}.
 *
 * <p>From WDF, in one hop: the rules the runtime verifier checks (SPEC 6, such as
 * {@code WdfInterruptLock}) are asserted with {@code HostAssert}; an interrupt's counters (what
 * {@code WdfInterruptGetInfo} and the statistics report) with {@code InterruptAssert}; a request's
 * completion ({@code WdfRequestCompleteWithInformation}) with {@code RequestAssert}.
 */
package io.github.irq4j.test;
