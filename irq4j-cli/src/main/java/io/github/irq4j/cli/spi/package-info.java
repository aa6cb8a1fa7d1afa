/**
 * The SPI of the {@code irq4j} command line for subcommands that live in other modules, such as
 * {@code irq4j bench} in irq4j-bench: the command line's compile path does not include them, and
 * the launcher adds their jar to the module path for their command only.
 *
 * <p>Main types: {@link io.github.irq4j.cli.spi.CliCommand} (a picocli command found with
 * {@link java.util.ServiceLoader}), {@link io.github.irq4j.cli.spi.CommandFailedException} (a
 * failed run: one stderr line and exit code 1), {@link io.github.irq4j.cli.spi.CliJson} (the JSON
 * configuration every report of the command line uses).
 *
 * <p>No WDF counterpart: this is the tool around the framework, not the framework.
 */
package io.github.irq4j.cli.spi;
