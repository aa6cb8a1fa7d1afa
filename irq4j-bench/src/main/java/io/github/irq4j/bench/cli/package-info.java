/**
 * The {@code irq4j bench} command: {@link io.github.irq4j.bench.cli.BenchCommand} runs the interrupt
 * latency harness of {@code io.github.irq4j.bench.latency} from the command line. It lives in
 * irq4j-bench, not in irq4j-cli, so that the product's compile path does not carry the harness: the
 * command line adds this module only when {@code ./irq4j bench} is asked for.
 */
package io.github.irq4j.bench.cli;
