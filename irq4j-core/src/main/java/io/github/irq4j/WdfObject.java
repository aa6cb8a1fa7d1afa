package io.github.irq4j;

/**
 * A framework object: a node in the parent/child tree that carries typed context objects.
 * Mirrors {@code WDFOBJECT} ({@code WdfObjectGetTypedContext}, {@code WdfObjectAllocateContext},
 * {@code WdfObjectDelete}). Children are deleted with their parent.
 */
public sealed interface WdfObject permits Device, Interrupt, SpinLock, WaitLock, IoQueue, Request, WorkItem,
        io.github.irq4j.internal.FrameworkObject {

    /** The object's name, used in every message about it. */
    String name();

    /** The parent object, or {@code null} for a device (whose parent is the driver). */
    WdfObject getParentObject();

    /**
     * Attaches a context object of the given type. Mirrors {@code WdfObjectAllocateContext}.
     * Callable at {@code DISPATCH} or below; does not block.
     *
     * @return {@code context}
     * @throws IllegalStateException if a context of that type is already attached, or the object is deleted
     */
    <T> T setContext(Class<T> type, T context);

    /**
     * Returns the context of the given type. Mirrors {@code WdfObjectGetTypedContext}. Any level;
     * allocates nothing.
     *
     * @throws IllegalArgumentException if no context of that type is attached
     */
    <T> T getContext(Class<T> type);

    /**
     * Deletes the object and its children. Mirrors {@code WdfObjectDelete}. {@code PASSIVE} only.
     *
     * @throws IllegalStateException for objects the driver cannot delete: an interrupt goes away
     *         with its device, and a device is removed through its host
     */
    void delete();

    /** Whether the object has been deleted. */
    boolean isDeleted();
}
