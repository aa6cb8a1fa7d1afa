package io.github.irq4j.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes every CPU but CPU 0 offline (CPU hotplug in sysfs, as root) and brings them back on
 * {@link #close()}. On one CPU the kernel's GPIO IRQ thread ({@code SCHED_FIFO}) runs before the
 * task that caused the interrupt returns to user space, so every toggle a test makes becomes its
 * own event before the next toggle; with several CPUs that thread can fall behind and merge edges.
 */
final class CpuSet implements AutoCloseable {

    private static final Path CPUS = Path.of("/sys/devices/system/cpu");
    private final List<Path> offlined;

    private CpuSet(List<Path> offlined) {
        this.offlined = offlined;
    }

    static CpuSet onlyCpu0() throws IOException {
        List<Path> taken = new ArrayList<>();
        try (var dirs = Files.list(CPUS)) {
            for (Path cpu : (Iterable<Path>) dirs::iterator) {
                String n = cpu.getFileName().toString();
                Path online = cpu.resolve("online");
                if (n.matches("cpu[1-9][0-9]*") && Files.exists(online) && Files.readString(online).trim().equals("1")) {
                    Files.writeString(online, "0");
                    taken.add(online);
                }
            }
        }
        return new CpuSet(taken);
    }

    /** The online CPUs as the kernel lists them, such as {@code 0}. */
    String online() throws IOException {
        return Files.readString(CPUS.resolve("online")).trim();
    }

    int offlined() {
        return offlined.size();
    }

    @Override
    public void close() throws IOException {
        for (Path online : offlined) {
            Files.writeString(online, "1");
        }
    }
}
