package io.github.irq4j;

/** The signal polarity of a line. Mirrors {@code KINTERRUPT_POLARITY}. */
public enum InterruptPolarity {
    UNKNOWN, ACTIVE_HIGH, ACTIVE_LOW, RISING_EDGE, FALLING_EDGE, ACTIVE_BOTH
}
