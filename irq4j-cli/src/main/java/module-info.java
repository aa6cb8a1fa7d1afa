/**
 * The {@code irq4j} command line: {@code demo}, {@code run}, {@code stat}, {@code verify}, and the
 * subcommands other modules provide ({@code bench}, from irq4j-bench). {@code ./irq4j} runs it on
 * the module path; a driver given with {@code --classpath} is loaded by a class loader of its own
 * into an unnamed module, which reads the exported API of core, sim and linux and nothing else:
 * core's {@code io.github.irq4j.internal} (the thread state, the verifier's levels) is out of its
 * reach.
 *
 * <p>Exported: {@link io.github.irq4j.cli.spi}, the SPI of a subcommand from another module.
 * {@code io.github.irq4j.cli} is opened to picocli, which reads the commands' annotated fields by
 * reflection. gson builds its JSON from trees ({@code JsonObject}), not by reflection, so nothing
 * is opened to it.
 */
module io.github.irq4j.cli {
    requires io.github.irq4j.core;
    requires io.github.irq4j.sim;
    requires io.github.irq4j.verify;
    requires io.github.irq4j.samples;
    requires info.picocli;
    requires com.google.gson;
    requires HdrHistogram;
    requires org.jfree.jfreechart; // irq4j plot: the percentile chart
    requires org.jfree.svg;        // irq4j plot: SVG output
    requires java.desktop;         // irq4j plot: PNG output (ImageIO) and the chart's fonts
    requires java.management; // --dispatch: the report's JVM thread counts (ThreadMXBean)
    requires jdk.jfr;         // --jfr FILE: the recording of demo and run
    requires jdk.unsupported; // sun.misc.Signal: the report on SIGINT and SIGTERM

    exports io.github.irq4j.cli.spi;
    // not exported: the launcher starts the main class with -m, which needs no export
    opens io.github.irq4j.cli to info.picocli;

    uses io.github.irq4j.cli.spi.CliCommand;
    uses io.github.irq4j.spi.DeviceProvider;
    uses io.github.irq4j.spi.SharedDispatchProvider; // --dispatch shared
}
