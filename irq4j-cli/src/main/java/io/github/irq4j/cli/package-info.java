/**
 * The {@code irq4j} command line (picocli, on the module path): run a driver on a device, the demo,
 * the static verifier, the counters of a running interrupt, plots of latency histograms.
 *
 * <p>Main types: {@link io.github.irq4j.cli.Irq4j} (the command and its exit codes,
 * {@link io.github.irq4j.cli.ExitCode}); the subcommands {@link io.github.irq4j.cli.RunCommand},
 * {@link io.github.irq4j.cli.DemoCommand}, {@link io.github.irq4j.cli.VerifyCommand},
 * {@link io.github.irq4j.cli.StatCommand} and {@link io.github.irq4j.cli.PlotCommand}; a run is a
 * {@link io.github.irq4j.cli.RunSession} driven by the {@link io.github.irq4j.cli.Runner}, measured
 * by the {@link io.github.irq4j.cli.Monitor} through {@link io.github.irq4j.cli.MeasuringSource}s,
 * shown by the {@link io.github.irq4j.cli.LiveView} and reported by {@link io.github.irq4j.cli.Report}.
 * Devices are opened by {@link io.github.irq4j.cli.Devices} through the {@code DeviceProvider} of
 * the spec's scheme, drivers loaded by {@link io.github.irq4j.cli.Drivers}.
 *
 * <p>From WDF, in one hop: what Static Driver Verifier does for rules such as
 * {@code WdfInterruptLock} is {@link io.github.irq4j.cli.VerifyCommand}; the per-interrupt counters
 * of {@code WdfInterruptGetInfo} and the framework's statistics are what
 * {@link io.github.irq4j.cli.StatCommand} prints, like {@code /proc/interrupts}; the demo runs the
 * driver of the {@code WdfInterruptTryToAcquireLock} page.
 */
package io.github.irq4j.cli;
