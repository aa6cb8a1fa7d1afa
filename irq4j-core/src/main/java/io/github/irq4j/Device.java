package io.github.irq4j;

import java.util.List;
import java.util.Optional;

/**
 * A device object. Mirrors {@code WDFDEVICE}: it owns interrupts, locks and queues, runs the power
 * sequence of SPEC 2.7 around them, and goes away with everything it owns when its host removes it.
 *
 * <p>Interrupts may be created only while the device is being added ({@link Driver#onDeviceAdd})
 * or while it prepares hardware ({@link PnpPowerCallbacks#onPrepareHardware}).
 */
public sealed interface Device extends WdfObject permits io.github.irq4j.internal.DeviceImpl {

    /**
     * Creates an interrupt. Mirrors {@code WdfInterruptCreate}. {@code PASSIVE} only; does not block.
     * On failure nothing is left behind: no object, no resource taken.
     *
     * @throws InterruptConfigException with reason {@code WAKE_NOT_POWER_POLICY_OWNER},
     *         {@code SERIALIZATION_LEVEL_MISMATCH}, {@code RESOURCE_MISSING}, {@code RESOURCE_WRONG_KIND}
     *         or {@code RESOURCE_TAKEN}
     * @throws IllegalStateException if the device is past the states in which interrupts may be created
     */
    Interrupt createInterrupt(InterruptConfig config);

    /** The device's interrupts in creation order (index = message number). */
    List<Interrupt> interrupts();

    /** The resources the host assigned. */
    List<Resource> resources();

    /** Creates a spin lock that interrupts can share. Mirrors {@code WdfSpinLockCreate}. */
    SpinLock createSpinLock(String name);

    /** Creates a wait lock for a passive interrupt. Mirrors {@code WdfWaitLockCreate}. */
    WaitLock createWaitLock(String name);

    /**
     * Sets the PnP and power callbacks. Mirrors {@code WdfDeviceInitSetPnpPowerEventCallbacks}.
     *
     * @throws IllegalStateException unless the device is {@link DeviceState#ADDING}
     */
    void setPnpPowerCallbacks(PnpPowerCallbacks callbacks);

    /**
     * Sets the level of the device's callbacks, which automatic serialization uses. Mirrors
     * {@code WDF_OBJECT_ATTRIBUTES.ExecutionLevel}.
     *
     * @throws IllegalStateException unless the device is {@link DeviceState#ADDING}
     */
    void setExecutionLevel(ExecutionLevel level);

    /** The level of the device's callbacks ({@code INHERIT_FROM_PARENT} reads as {@code DISPATCH}). */
    ExecutionLevel executionLevel();

    /**
     * Sets whether the device is its power-policy owner. Mirrors
     * {@code WdfDeviceInitSetPowerPolicyOwnership}. Default {@code true}.
     *
     * @throws IllegalStateException unless the device is {@link DeviceState#ADDING}
     */
    void setPowerPolicyOwner(boolean owner);

    /** Whether the device is its power-policy owner. */
    boolean isPowerPolicyOwner();

    /**
     * Creates an I/O queue. Mirrors {@code WdfIoQueueCreate}. {@code PASSIVE}; any time before the
     * device is removed.
     *
     * @throws IllegalArgumentException if the configuration asks for a second default queue
     * @throws IllegalStateException if the device is removed
     */
    IoQueue createQueue(IoQueueConfig config);

    /** The device's default queue, if one was created. Mirrors {@code WdfDeviceGetDefaultQueue}. */
    Optional<IoQueue> defaultQueue();

    /** The device's queues in creation order. */
    List<IoQueue> queues();

    /**
     * Creates a work item on the device or one of its queues. Mirrors {@code WdfWorkItemCreate}.
     * {@code PASSIVE}.
     *
     * @throws IllegalArgumentException if the parent is not the device or one of its live queues,
     *         or automatic serialization is asked of a parent whose callbacks are not passive
     */
    WorkItem createWorkItem(WorkItemConfig config);

    /** The device's state. */
    DeviceState state();

    /** The host that runs the device. */
    Host host();
}
