package io.github.irq4j.internal;

import io.github.irq4j.WdfObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The base of every framework object: name, parent, children, typed contexts and deletion.
 *
 * <p>Children and contexts change only at {@code PASSIVE} under this object's monitor; context
 * lookups read a published array without locking, so {@link #getContext} allocates nothing.
 */
public abstract non-sealed class FrameworkObject implements WdfObject {

    private final String name;
    private final FrameworkObject parent;
    /** Made by the first child (most objects have none: an interrupt, a queue); under this object's monitor. */
    private List<FrameworkObject> children;

    private static final Object[] NO_CONTEXTS = new Object[0];
    /** Pairs (type, context) at even/odd indices; replaced, never mutated, once published; at first the shared empty array. */
    private volatile Object[] contexts = NO_CONTEXTS;
    private volatile boolean deleted;

    protected FrameworkObject(String name, FrameworkObject parent) {
        this.name = name;
        this.parent = parent;
        if (parent != null) {
            parent.addChild(this);
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public WdfObject getParentObject() {
        return parent;
    }

    /** The parent as the framework sees it. */
    final FrameworkObject parent() {
        return parent;
    }

    private synchronized void addChild(FrameworkObject child) {
        if (deleted) {
            throw new IllegalStateException("'" + name + "' is deleted; cannot create '" + child.name + "' under it");
        }
        if (children == null) {
            children = new ArrayList<>(2);
        }
        children.add(child);
    }

    private synchronized void removeChild(FrameworkObject child) {
        if (children != null) {
            children.remove(child);
        }
    }

    @Override
    public final synchronized <T> T setContext(Class<T> type, T context) {
        LockChecks.atMost(this, Levels.DISPATCH, "setContext()");
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(context, "context");
        if (deleted) {
            throw new IllegalStateException("'" + name + "' is deleted; cannot attach a " + type.getSimpleName() + " context");
        }
        Object[] cur = contexts;
        for (int i = 0; i < cur.length; i += 2) {
            if (cur[i] == type) {
                throw new IllegalStateException("'" + name + "' already has a " + type.getSimpleName()
                        + " context; attach each context type once (WdfObjectAllocateContext)");
            }
        }
        Object[] next = java.util.Arrays.copyOf(cur, cur.length + 2);
        next[cur.length] = type;
        next[cur.length + 1] = context;
        contexts = next;
        return context;
    }

    @Override
    public final <T> T getContext(Class<T> type) {
        Object[] cur = contexts;
        for (int i = 0; i < cur.length; i += 2) {
            if (cur[i] == type) {
                return type.cast(cur[i + 1]);
            }
        }
        throw new IllegalArgumentException("'" + name + "' has no " + type.getName()
                + " context; attach one with setContext(" + type.getSimpleName() + ".class, ...) first");
    }

    @Override
    public void delete() {
        LockChecks.atMost(this, Levels.PASSIVE, "delete()");
        destroy();
    }

    @Override
    public final boolean isDeleted() {
        return deleted;
    }

    /**
     * Deletes this object and its children, children first, newest first. Framework use: bypasses
     * the driver-facing checks of {@link #delete()}.
     */
    final void destroy() {
        List<FrameworkObject> kids;
        synchronized (this) {
            if (deleted) {
                return;
            }
            deleted = true;
            kids = children == null ? List.of() : new ArrayList<>(children);
            children = null;
        }
        for (int i = kids.size() - 1; i >= 0; i--) {
            kids.get(i).destroy();
        }
        onDestroy();
        if (parent != null) {
            parent.removeChild(this);
        }
    }

    /** Releases what the object holds; called once, after its children are gone. */
    protected void onDestroy() {
    }

    /**
     * The lock that serializes callbacks parented to this object (automatic serialization), or
     * null if this object has none.
     */
    LockCore callbackLock() {
        return null;
    }

    /** The level of callbacks parented to this object: {@link Levels#PASSIVE} or {@link Levels#DISPATCH}. */
    int callbackIrql() {
        return parent == null ? Levels.DISPATCH : parent.callbackIrql();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
