package io.github.irq4j.spi;

/**
 * Where the framework runs its dispatch loops and deferred calls. The default runs them on
 * framework threads; {@code irq4j-sim} supplies a deterministic one that runs everything in an
 * order fixed by a seed.
 */
public interface ExecutionEnvironment extends AutoCloseable {

    /** Starts a dispatch loop. Called at connect, at {@code PASSIVE}. */
    void startDispatcher(DispatchLoop loop);

    /**
     * Stops a dispatch loop and returns once it no longer dispatches. Called at disconnect, at
     * {@code PASSIVE}, never from the loop itself.
     */
    void stopDispatcher(DispatchLoop loop);

    /**
     * Runs {@code task} soon. Called from any thread at any level (from ISRs): must not block and,
     * in steady state, must not allocate. A task is never scheduled again before its run starts.
     */
    void schedule(DeferredTask task);

    /**
     * Called by a thread that waits for {@code task} to finish (a flush at disable or power-down).
     * An environment that runs tasks on the waiting thread itself runs what it must here, so the
     * wait can end; the default does nothing.
     *
     * @return whether it ran anything; if not, the waiter blocks briefly before checking again
     */
    default boolean helpFlush(DeferredTask task) {
        return false;
    }

    /** Ends the environment's threads; scheduled tasks that have not started are dropped. */
    @Override
    void close();
}
