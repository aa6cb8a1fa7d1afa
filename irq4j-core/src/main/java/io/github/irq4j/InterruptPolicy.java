package io.github.irq4j;

/**
 * Processor affinity policy. Mirrors {@code WDF_INTERRUPT_POLICY}; {@link #value()} is its
 * numeric value.
 */
public enum InterruptPolicy {
    MACHINE_DEFAULT, ALL_CLOSE_PROCESSORS, ONE_CLOSE_PROCESSOR, ALL_PROCESSORS_IN_MACHINE,
    SPECIFIED_PROCESSORS, SPREAD_MESSAGES_ACROSS_ALL_PROCESSORS;

    /** The {@code WDF_INTERRUPT_POLICY} value, 0 to 5. */
    public int value() {
        return ordinal();
    }

    /**
     * Maps a {@code WDF_INTERRUPT_POLICY} value.
     *
     * @throws IllegalArgumentException if {@code value} is not 0 to 5
     */
    public static InterruptPolicy of(int value) {
        InterruptPolicy[] all = values();
        if (value < 0 || value >= all.length) {
            throw new IllegalArgumentException("interrupt policy: " + value + " (expected: 0 <= policy <= " + (all.length - 1)
                    + ", WdfIrqPolicyMachineDefault .. WdfIrqPolicySpreadMessagesAcrossAllProcessors)");
        }
        return all[value];
    }
}
