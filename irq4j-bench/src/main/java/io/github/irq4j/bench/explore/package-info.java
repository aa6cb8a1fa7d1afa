/**
 * How fast the driver test kit explores interleavings: {@link io.github.irq4j.bench.explore.ExplorationHarness}
 * counts seeds per second of the deterministic scheduler running the sample driver of the
 * {@code WdfInterruptTryToAcquireLock} page on the simulated UART, the scenario its exploration
 * test runs.
 */
package io.github.irq4j.bench.explore;
