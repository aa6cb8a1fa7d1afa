/**
 * The interrupt latency harness: the same experiment (a device thread signals an eventfd, a handler
 * stamps its wake-up) run by a C program and by irq4j, mode by mode and round by round, so that
 * irq4j's latency is reported as a ratio to C's on the same machine in the same run.
 *
 * <p>Main types: {@link io.github.irq4j.bench.latency.LatencyHarness} (runs it),
 * {@link io.github.irq4j.bench.latency.LatencyConfig} (what runs), {@link io.github.irq4j.bench.latency.LatencyMode}
 * (how the handler waits), {@link io.github.irq4j.bench.latency.CBaseline} and
 * {@link io.github.irq4j.bench.latency.Irq4jExperiment} (the two sides),
 * {@link io.github.irq4j.bench.latency.LatencyReport}, {@link io.github.irq4j.bench.latency.ModeResult},
 * {@link io.github.irq4j.bench.latency.RunResult} and {@link io.github.irq4j.bench.latency.Percentiles}
 * (the result), {@link io.github.irq4j.bench.latency.LatencyHistogramLog} (its distributions in
 * HdrHistogram's log format).
 *
 * <p>From WDF, in one hop: the irq4j side's ISR is an {@code EvtInterruptIsr} on an interrupt
 * created with {@code WdfInterruptCreate} over an eventfd source, in the dispatch mode
 * {@link io.github.irq4j.bench.latency.LatencyMode} names.
 */
package io.github.irq4j.bench.latency;
