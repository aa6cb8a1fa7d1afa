package io.github.irq4j;

/**
 * A framework spin lock given to {@link InterruptConfig.Builder#spinLock(SpinLock)} so that several
 * spin-lock interrupts share one interrupt lock. Mirrors {@code WDFSPINLOCK} as used in
 * {@code WDF_INTERRUPT_CONFIG.SpinLock}. Interrupts sharing it share one synchronize level: the
 * highest of theirs. Created by {@link Device#createSpinLock(String)}.
 */
public sealed interface SpinLock extends WdfObject permits io.github.irq4j.internal.SpinLockImpl {
}
