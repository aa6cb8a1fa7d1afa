package io.github.irq4j;

/**
 * The highest level at which an object's callbacks run. Mirrors {@code WDF_EXECUTION_LEVEL}. With
 * automatic serialization, an interrupt's DPC needs a {@code DISPATCH} parent and its work item a
 * {@code PASSIVE} parent.
 */
public enum ExecutionLevel {
    /** Take the parent's level; for a device, {@code DISPATCH}, the framework default. */
    INHERIT_FROM_PARENT,
    PASSIVE,
    DISPATCH
}
