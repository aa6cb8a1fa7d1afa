package io.github.irq4j;

/**
 * Information about a connected interrupt. Mirrors {@code WDF_INTERRUPT_INFO}, plus the policy
 * the platform applied.
 *
 * @param vector the vector
 * @param messageNumber the message number: MSI message, or the creation index on the device
 * @param irql the ISR's level: {@code DIRQL(n)}, or {@code PASSIVE} for a passive interrupt
 * @param mode edge ({@code LATCHED}) or level-sensitive
 * @param polarity the polarity
 * @param messageSignaled whether this is an MSI/MSI-X message
 * @param shareDisposition the share disposition of the line
 * @param targetProcessorSet the processors the interrupt is routed to (bit n = CPU n)
 * @param group the processor group, 0
 * @param policy the extended policy set by the driver
 * @param applied what the platform applied at the last connect
 */
public record InterruptInfo(int vector, int messageNumber, Irql irql, InterruptMode mode, InterruptPolarity polarity,
                            boolean messageSignaled, ShareDisposition shareDisposition, long targetProcessorSet,
                            int group, InterruptExtendedPolicy policy, AppliedPolicy applied) {
}
