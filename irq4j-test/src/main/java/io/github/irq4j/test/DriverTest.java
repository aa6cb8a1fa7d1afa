package io.github.irq4j.test;

import io.github.irq4j.VerifierMode;
import io.github.irq4j.sim.DeterministicScheduler;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose tests run a driver on simulated hardware. Each test (a plain
 * {@code @Test}, each seed of an {@link Explore}, a {@link Replay}) gets a fresh {@link SimHost}:
 * a {@link io.github.irq4j.Host} on a {@link DeterministicScheduler}, and the device models it asks
 * for, as parameters.
 * <pre>{@code
 * @DriverTest
 * class MyUartDriverTest {
 *     @Explore(seeds = 200)
 *     void readsLoseNothing(SimHost host, @Uart(fifo = 64) SimUart uart) {
 *         Device device = host.start(new MyUartDriver(), uart);
 *         uart.feedAt(1_000, bytes);
 *         host.scriptAt(500, "read", () -> ...);
 *         host.runUntilIdle();
 *         ...
 *     }
 * }
 * }</pre>
 * Parameters resolved: {@link SimHost}, {@link io.github.irq4j.Host},
 * {@link DeterministicScheduler}, {@link io.github.irq4j.sim.Simulation},
 * {@link io.github.irq4j.sim.SimUart} (configured by {@link Uart}), {@link io.github.irq4j.sim.SimTimer}
 * ({@link Timer}), and any type made by a {@link Model} factory.
 *
 * <p>After each test the host is closed and, with {@link #checkAtEnd()}, a verifier violation or
 * contained fault that the test did not assert fails it: a driver fault is never swallowed.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DriverTestExtension.class)
public @interface DriverTest {

    /** The seed of a plain {@code @Test} (an {@link Explore} sets its own). */
    long DEFAULT_SEED = 1;

    /** The runtime verifier's mode; {@code REPORT} lets a test observe a violation instead of the driver seeing an exception. */
    VerifierMode verifier() default VerifierMode.THROW;

    /** Steps a run may take before it fails as not becoming idle. */
    int maxSteps() default DeterministicScheduler.DEFAULT_MAX_STEPS;

    /** Wall-clock milliseconds a run may take before it fails as hung (deadlock, endless loop). */
    long timeoutMs() default 30_000;

    /** Whether violations and faults the test did not assert fail it when it ends. */
    boolean checkAtEnd() default true;
}
