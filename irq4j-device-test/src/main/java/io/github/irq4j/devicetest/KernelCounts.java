package io.github.irq4j.devicetest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The kernel's own interrupt counts, read independently of irq4j: UIO's sysfs event count and {@code /proc/interrupts}. */
final class KernelCounts {

    private KernelCounts() {
    }

    /** {@code /sys/class/uio/uioN/event}: interrupts the UIO kernel handler took for the device. */
    static long uioEvents(Path device) {
        try {
            return Long.parseLong(Files.readString(Path.of("/sys/class/uio", device.getFileName().toString(), "event")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sum over all CPUs of the {@code /proc/interrupts} row whose action name is {@code action},
     * such as {@code vfio-intx(0000:00:02.0)} or {@code vfio-msi[0](0000:00:03.0)}.
     *
     * @throws IllegalStateException if no row names it
     */
    static long procInterrupts(String action) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/interrupts"));
            int cpus = lines.getFirst().trim().split("\\s+").length;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > cpus && f[f.length - 1].equals(action)) {
                    long sum = 0;
                    for (int c = 1; c <= cpus; c++) {
                        sum += Long.parseLong(f[c]);
                    }
                    return sum;
                }
            }
            throw new IllegalStateException("no /proc/interrupts row for " + action + ":\n" + String.join("\n", lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
