package io.github.irq4j;

/**
 * An {@link InterruptConfig} was rejected (SPEC 2.2). Branch on {@link #reason()}; no object was
 * created.
 */
public final class InterruptConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why a configuration was rejected, in the order of SPEC 2.2. */
    public enum Reason {
        /** 1. No ISR callback. */
        NO_ISR,
        /** 2. Both a DPC and a work-item callback. */
        DPC_AND_WORK_ITEM,
        /** 3. A spin-lock interrupt given a wait lock, or a passive interrupt given a spin lock. */
        LOCK_KIND_MISMATCH,
        /** 4. A wake-capable interrupt that is not passive. */
        WAKE_NOT_PASSIVE,
        /** 4. A wake-capable interrupt on a device that is not its power-policy owner. */
        WAKE_NOT_POWER_POLICY_OWNER,
        /** 5. Automatic serialization with a parent whose level cannot serialize the deferred callback. */
        SERIALIZATION_LEVEL_MISMATCH,
        /** 6. A parent object set while automatic serialization is off. */
        PARENT_WITHOUT_SERIALIZATION,
        /** 8. No interrupt resource left for the interrupt. */
        RESOURCE_MISSING,
        /** 8. The resource is not an interrupt resource. */
        RESOURCE_WRONG_KIND,
        /** 8. The line is taken by an exclusive interrupt, or is shared and this one wants it exclusively. */
        RESOURCE_TAKEN,
        /** 9. A policy value out of range. */
        POLICY_OUT_OF_RANGE
    }

    private final Reason reason;

    public InterruptConfigException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the configuration was rejected. */
    public Reason reason() {
        return reason;
    }
}
