package io.github.irq4j;

/**
 * A hardware resource assigned to a device: an interrupt line or a register window. Mirrors a
 * {@code CM_PARTIAL_RESOURCE_DESCRIPTOR} of type {@code CmResourceTypeInterrupt} or
 * {@code CmResourceTypeMemory}.
 */
public sealed interface Resource permits InterruptResource, MemoryResource {
    /** A name for messages, such as {@code "uart0.irq"}. */
    String name();
}
