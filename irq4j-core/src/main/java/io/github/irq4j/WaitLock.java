package io.github.irq4j;

/**
 * A framework wait lock given to {@link InterruptConfig.Builder#waitLock(WaitLock)} as the passive
 * interrupt lock. Mirrors {@code WDFWAITLOCK} as used in {@code WDF_INTERRUPT_CONFIG.WaitLock}.
 * Created by {@link Device#createWaitLock(String)}.
 */
public sealed interface WaitLock extends WdfObject permits io.github.irq4j.internal.WaitLockImpl {
}
