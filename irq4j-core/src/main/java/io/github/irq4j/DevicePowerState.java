package io.github.irq4j;

/** Device power states. Mirrors {@code WDF_POWER_DEVICE_STATE}. */
public enum DevicePowerState {
    D0, D1, D2, D3, D3_FINAL
}
