package io.github.irq4j.spi;

/**
 * A deferred call the framework hands to its {@link ExecutionEnvironment}: a DPC, a work item, or
 * an I/O queue callback. {@link #run()} does all the framework's bookkeeping (levels, serialization
 * locks, the verifier's checks at callback exit, fault containment) and never throws.
 */
public sealed interface DeferredTask permits io.github.irq4j.internal.DeferredCall {

    /** The kinds of deferred call. */
    enum Kind {
        /** Runs at {@code DISPATCH}: must not block. */
        DPC,
        /** Runs at {@code PASSIVE} on a worker thread. */
        WORK_ITEM,
        /** Runs at {@code PASSIVE} in an arbitrary thread. */
        IO_CALLBACK
    }

    /** What kind of call this is. */
    Kind kind();

    /** A name for messages, such as {@code "uart0 DPC"}. */
    String name();

    /** Runs the call. Never throws; faults are contained and reported. */
    void run();
}
