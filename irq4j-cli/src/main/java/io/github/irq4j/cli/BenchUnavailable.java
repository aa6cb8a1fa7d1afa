package io.github.irq4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code irq4j bench} when the benchmark harness is not there: the harness (irq4j-bench) is kept
 * out of the command line's own module path and added by the launcher for {@code ./irq4j bench}
 * only (see {@link io.github.irq4j.cli.spi.CliCommand}). Started any other way, the command says
 * so and how to run it, instead of picocli's "unknown command". Takes any arguments, so the
 * message is the same whatever options were given.
 */
@Command(name = BenchUnavailable.NAME, description = {"Measures eventfd signal -> handler latency in C and through irq4j (irq4j-bench's harness).",
        "Run it as './irq4j bench', which adds irq4j-bench to the module path."})
final class BenchUnavailable implements Callable<Integer> {

    static final String NAME = "bench";

    @Unmatched
    List<String> ignored;

    @Override
    public Integer call() {
        throw new CliException("the benchmark harness (irq4j-bench) is not on the module path; run the command as './irq4j bench',"
                + " which adds irq4j-bench/target/irq4j-bench-0.1.0-SNAPSHOT.jar (build it with mvn install -DskipTests)");
    }
}
