package io.github.irq4j;

/** How a line signals. Mirrors {@code KINTERRUPT_MODE}. */
public enum InterruptMode {
    /** Edge-triggered ({@code Latched}): one signal per edge; a shared line repeats until nobody claims. */
    LATCHED,
    /** Level-sensitive: the line stays asserted until the device is acknowledged; a shared line stops at the first claim. */
    LEVEL_SENSITIVE
}
