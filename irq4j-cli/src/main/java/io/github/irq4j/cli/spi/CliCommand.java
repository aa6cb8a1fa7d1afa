package io.github.irq4j.cli.spi;

/**
 * A subcommand of {@code irq4j} that lives outside the command line's own module, found with
 * {@link java.util.ServiceLoader} when the command line starts: an object of a class annotated
 * with picocli's {@code @Command}, usually a {@code Callable<Integer>} whose result is the exit
 * code. {@code irq4j bench} is one: the benchmark harness (irq4j-bench) provides it, and the
 * launcher puts that harness on the module path for {@code ./irq4j bench} only, so the product's
 * compile path never includes it.
 *
 * <p>A command reports a failed run by throwing {@link CommandFailedException} (one stderr line,
 * exit code 1) and a bad option value by throwing picocli's {@code ParameterException} (one line,
 * exit code 2); anything else it throws is reported as a crash (exit code 70).
 */
public interface CliCommand {

    /** The subcommand's name, the same as its {@code @Command(name = ...)}: {@code bench}. */
    String name();
}
