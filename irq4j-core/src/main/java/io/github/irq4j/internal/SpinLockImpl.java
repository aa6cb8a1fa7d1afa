package io.github.irq4j.internal;

import io.github.irq4j.SpinLock;

/** {@code WDFSPINLOCK}: an interrupt spin lock that several interrupts may share. */
public final class SpinLockImpl extends FrameworkObject implements SpinLock {

    final SpinLockCore core;

    SpinLockImpl(String name, FrameworkObject parent) {
        super(name, parent);
        this.core = new SpinLockCore(name, Levels.DISPATCH);
        core.classKey = "SpinLock '" + name + "'";
    }
}
