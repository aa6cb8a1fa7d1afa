package io.github.irq4j;

/** The life-cycle state of a {@link Device}. */
public enum DeviceState {
    /** In {@link Driver#onDeviceAdd(Device)}: interrupts may be created. */
    ADDING,
    /** Added, not started. */
    ADDED,
    /** In {@link PnpPowerCallbacks#onPrepareHardware}: interrupts may be created. */
    PREPARING_HARDWARE,
    /** Running the power-up sequence. */
    POWERING_UP,
    /** In D0 with interrupts connected and enabled. */
    STARTED,
    /** Running the power-down sequence. */
    POWERING_DOWN,
    /** Hardware released; may be started again. */
    STOPPED,
    /** Failed by a driver fault or bug check; the host may restart it. */
    FAILED,
    /** Removed from its host; every object is deleted. */
    REMOVED
}
