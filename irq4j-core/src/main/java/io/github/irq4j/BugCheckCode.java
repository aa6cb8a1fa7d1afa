package io.github.irq4j;

/**
 * Why a device was stopped by a bug check (SPEC section 4). Where Windows has a stop code for the
 * same condition, {@link #windowsCode()} gives it; irq4j stops the device, not the JVM.
 */
public enum BugCheckCode {
    /** {@code KeAcquireInterruptSpinLock} on an interrupt that has no spin lock (a passive interrupt), as the {@code KeAcquireInterruptSpinLock} page describes. */
    INTERRUPT_SPIN_LOCK_ON_PASSIVE_INTERRUPT(0),
    /** An interrupt lock was still held when a framework callback returned and could not be recovered. */
    LOCK_HELD_AT_CALLBACK_EXIT(0),
    /** {@code IRQL_NOT_LESS_OR_EQUAL}: a call made above its maximum level with no safe way to continue. */
    IRQL_NOT_LESS_OR_EQUAL(0x0A);

    private final int windowsCode;

    BugCheckCode(int windowsCode) {
        this.windowsCode = windowsCode;
    }

    /** The Windows stop code for the same condition, or 0 when irq4j's code has no Windows twin. */
    public int windowsCode() {
        return windowsCode;
    }
}
