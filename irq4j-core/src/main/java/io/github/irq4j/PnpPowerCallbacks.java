package io.github.irq4j;

import java.util.List;

/**
 * A device's Plug and Play and power callbacks. Mirrors {@code WDF_PNPPOWER_EVENT_CALLBACKS}. All
 * run at {@code PASSIVE}; each defaults to doing nothing. A callback that throws fails the step it
 * belongs to (SPEC 2.7): during power-up the first failure stops the sequence, during
 * power-down failures are reported and the sequence continues.
 */
public interface PnpPowerCallbacks {

    /** Mirrors {@code EVT_WDF_DEVICE_PREPARE_HARDWARE}: map registers; interrupts may be created here. */
    default void onPrepareHardware(Device device, List<Resource> resources) throws Exception {
    }

    /** Mirrors {@code EVT_WDF_DEVICE_RELEASE_HARDWARE}. */
    default void onReleaseHardware(Device device) throws Exception {
    }

    /** Mirrors {@code EVT_WDF_DEVICE_D0_ENTRY}: before interrupts are connected. */
    default void onD0Entry(Device device, DevicePowerState previousState) throws Exception {
    }

    /** Mirrors {@code EVT_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED}. */
    default void onD0EntryPostInterruptsEnabled(Device device, DevicePowerState previousState) throws Exception {
    }

    /** Mirrors {@code EVT_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED}. */
    default void onD0ExitPreInterruptsDisabled(Device device, DevicePowerState targetState) throws Exception {
    }

    /** Mirrors {@code EVT_WDF_DEVICE_D0_EXIT}: after interrupts are disconnected. */
    default void onD0Exit(Device device, DevicePowerState targetState) throws Exception {
    }
}
