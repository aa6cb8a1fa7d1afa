package io.github.irq4j.samples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A simulated GPIO chip of the kernel's {@code gpio-sim} driver, created through configfs
 * ({@code /sys/kernel/config/gpio-sim}): one bank of {@code lines} lines, its character device
 * {@code /dev/gpiochipN}, and each line's simulated pull in sysfs, which is how a test drives an
 * input ({@code pull-up} = 1, {@code pull-down} = 0). Also reads the kernel's own interrupt count of
 * a line ({@code /sys/kernel/irq/N/per_cpu_count} of the {@code irq_sim} interrupt gpio-sim maps
 * for it), an edge counter independent of the character device.
 */
final class GpioSimChip implements AutoCloseable {

    static final Path CONFIGFS = Path.of("/sys/kernel/config/gpio-sim");

    private final Path config;
    private final Path bank;
    private final Path chip;
    private final Path lineDir;
    private final int lines;
    /** Each line's pull attribute, opened once: a toggle is then one pwrite(2) (sysfs ignores the offset). */
    private final FileChannel[] pulls;
    private final ByteBuffer pullUp = ByteBuffer.wrap("pull-up".getBytes(StandardCharsets.US_ASCII));
    private final ByteBuffer pullDown = ByteBuffer.wrap("pull-down".getBytes(StandardCharsets.US_ASCII));

    private GpioSimChip(Path config, Path bank, Path chip, Path lineDir, int lines) {
        this.config = config;
        this.bank = bank;
        this.chip = chip;
        this.lineDir = lineDir;
        this.lines = lines;
        this.pulls = new FileChannel[lines];
    }

    /** Creates and activates a chip named {@code name} with one bank of {@code lines} lines. */
    static GpioSimChip create(String name, int lines) throws IOException {
        if (!Files.isDirectory(CONFIGFS)) {
            throw new IOException(CONFIGFS + " is missing: load configfs and gpio-sim (the guest's gpio-sim-irq4j.ko)"
                    + " and mount configfs on /sys/kernel/config");
        }
        Path config = CONFIGFS.resolve(name);
        Path bank = config.resolve("bank0");
        Files.createDirectory(config);
        Files.createDirectory(bank);
        Files.writeString(bank.resolve("num_lines"), Integer.toString(lines));
        Files.writeString(config.resolve("live"), "1");
        String devName = Files.readString(config.resolve("dev_name")).trim();
        String chipName = Files.readString(bank.resolve("chip_name")).trim();
        Path chip = Path.of("/dev", chipName);
        if (!Files.exists(chip)) {
            throw new IOException("gpio-sim chip " + name + " is live but " + chip + " does not exist (no devtmpfs on /dev?)");
        }
        return new GpioSimChip(config, bank, chip, Path.of("/sys/devices/platform", devName, chipName), lines);
    }

    /** The character device, such as {@code /dev/gpiochip0}. */
    Path device() {
        return chip;
    }

    int lines() {
        return lines;
    }

    /** Pulls line {@code line} up (1) or down (0): an edge if the line changes and is an input. */
    void set(int line, boolean high) throws IOException {
        FileChannel ch = pulls[line];
        if (ch == null) {
            ch = FileChannel.open(lineDir.resolve("sim_gpio" + line).resolve("pull"), StandardOpenOption.WRITE);
            pulls[line] = ch;
        }
        ByteBuffer b = high ? pullUp : pullDown;
        b.rewind();
        int n = ch.write(b, 0);
        if (n != b.limit()) {
            throw new IOException("short write to the pull of line " + line + ": " + n + " of " + b.limit() + " bytes");
        }
    }

    /** The line's value as gpio-sim holds it. */
    boolean value(int line) throws IOException {
        return Files.readString(lineDir.resolve("sim_gpio" + line).resolve("value")).trim().equals("1");
    }

    /**
     * Interrupts the kernel handled for line {@code line} since its mapping was made (summed over
     * CPUs), or 0 if gpio-sim has not mapped one yet (no edge detection requested so far).
     */
    long kernelInterrupts(int line) throws IOException {
        try (var irqs = Files.list(Path.of("/sys/kernel/irq"))) {
            for (Path irq : (Iterable<Path>) irqs::iterator) {
                if (readOr(irq.resolve("chip_name")).equals("irq_sim") && readOr(irq.resolve("hwirq")).equals(Integer.toString(line))) {
                    long sum = 0;
                    for (String c : readOr(irq.resolve("per_cpu_count")).split(",")) {
                        if (!c.isBlank()) {
                            sum += Long.parseLong(c.trim());
                        }
                    }
                    return sum;
                }
            }
        }
        return 0;
    }

    private static String readOr(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Takes the chip down and removes it from configfs. */
    @Override
    public void close() throws IOException {
        for (FileChannel ch : pulls) {
            if (ch != null) {
                ch.close();
            }
        }
        Files.writeString(config.resolve("live"), "0");
        Files.delete(bank);
        Files.delete(config);
    }
}
