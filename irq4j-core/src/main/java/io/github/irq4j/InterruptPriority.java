package io.github.irq4j;

/**
 * Interrupt priority. Mirrors {@code WDF_INTERRUPT_PRIORITY} ({@code WdfIrqPriorityLow} = 1 to
 * {@code WdfIrqPriorityHigh} = 3). On Linux it becomes the dispatch thread's scheduling priority.
 */
public enum InterruptPriority {
    LOW, NORMAL, HIGH;

    /** The {@code WDF_INTERRUPT_PRIORITY} value, 1 to 3. */
    public int value() {
        return ordinal() + 1;
    }

    /**
     * Maps a {@code WDF_INTERRUPT_PRIORITY} value.
     *
     * @throws IllegalArgumentException if {@code value} is not 1 to 3
     */
    public static InterruptPriority of(int value) {
        if (value < 1 || value > 3) {
            throw new IllegalArgumentException("interrupt priority: " + value
                    + " (expected: 1 <= priority <= 3, WdfIrqPriorityLow .. WdfIrqPriorityHigh)");
        }
        return values()[value - 1];
    }
}
