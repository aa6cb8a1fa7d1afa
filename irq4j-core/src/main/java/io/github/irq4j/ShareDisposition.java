package io.github.irq4j;

/** Whether a line may be shared. Mirrors {@code CM_SHARE_DISPOSITION}. */
public enum ShareDisposition {
    /** Only this device's interrupt may use the line. */
    DEVICE_EXCLUSIVE,
    /** Only this driver's interrupts may use the line. */
    DRIVER_EXCLUSIVE,
    /** Any number of interrupts may share the line. */
    SHARED;

    /** Whether another interrupt may connect to a line taken with this disposition. */
    public boolean isExclusive() {
        return this != SHARED;
    }
}
