package io.github.irq4j.internal;

import io.github.irq4j.WaitLock;

/** {@code WDFWAITLOCK}: the wait lock of a passive interrupt. */
public final class WaitLockImpl extends FrameworkObject implements WaitLock {

    final WaitLockCore core;

    WaitLockImpl(String name, FrameworkObject parent) {
        super(name, parent);
        this.core = new WaitLockCore(name);
        core.classKey = "WaitLock '" + name + "'";
    }
}
