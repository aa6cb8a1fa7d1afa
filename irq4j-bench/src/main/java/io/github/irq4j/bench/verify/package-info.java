/**
 * The static verifier's throughput: {@link io.github.irq4j.bench.verify.VerifierBenchmark} counts
 * classes per second of irq4j's verifier and of SpotBugs with only its lock detector, on the same
 * large real jar in the same run. The verifier is irq4j's Static Driver Verifier: it checks the
 * rules of SPEC 6 (such as {@code WdfInterruptLock}) in compiled drivers.
 */
package io.github.irq4j.bench.verify;
