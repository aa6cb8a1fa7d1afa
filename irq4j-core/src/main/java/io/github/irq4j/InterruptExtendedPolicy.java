package io.github.irq4j;

import java.util.Objects;

/**
 * The extended policy of an interrupt. Mirrors {@code WDF_INTERRUPT_EXTENDED_POLICY}.
 *
 * @param policy the affinity policy
 * @param priority the priority
 * @param targetProcessorSet the processors, for {@link InterruptPolicy#SPECIFIED_PROCESSORS}
 *                           (bit n = CPU n)
 * @param group the processor group; irq4j has one group, 0
 */
public record InterruptExtendedPolicy(InterruptPolicy policy, InterruptPriority priority, long targetProcessorSet,
                                      int group) {
    public InterruptExtendedPolicy {
        Objects.requireNonNull(policy, "policy: null (expected one of " + java.util.Arrays.toString(InterruptPolicy.values()) + ")");
        Objects.requireNonNull(priority, "priority: null (expected one of " + java.util.Arrays.toString(InterruptPriority.values()) + ")");
    }

    /** The framework default: machine default policy, normal priority. */
    public static final InterruptExtendedPolicy DEFAULT =
            new InterruptExtendedPolicy(InterruptPolicy.MACHINE_DEFAULT, InterruptPriority.NORMAL, 0L, 0);
}
