package io.github.irq4j;

import java.util.Objects;

/**
 * A register window assigned to a device (a PCI BAR, a UIO map, a simulated register file).
 * Mirrors a {@code CmResourceTypeMemory} descriptor; {@link #registers()} is what
 * {@code MmMapIoSpace} would return.
 *
 * @param name a name for messages
 * @param registers the mapped registers
 */
public record MemoryResource(String name, Registers registers) implements Resource {
    public MemoryResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registers, "registers");
    }
}
