package io.github.irq4j.spi;

/**
 * Runs the dispatch loops of many sources on a few threads of its own, as Netty's event loop group
 * or DPDK's interrupt thread do, instead of the default thread per source (modelled on Linux's
 * threaded IRQs). Given to {@code Host.Builder.sharedDispatcher}, it is offered each loop the
 * default environment starts; what it declines (a source it cannot wait on) gets a thread of its
 * own as before. {@code irq4j-linux}'s {@code EpollDispatchGroup} is one: an epoll set per thread.
 * <pre>{@code
 * try (SharedDispatcher shared = ServiceLoader.load(SharedDispatchProvider.class).findFirst().orElseThrow().open(2);
 *      Host host = Host.builder().sharedDispatcher(shared).build()) {   // the host closes first
 *     ...
 * }
 * }</pre>
 * No method mirrors a WDF function: WDF has no dispatch-thread object.
 */
public interface SharedDispatcher extends AutoCloseable {

    /**
     * Takes {@code loop} onto one of its threads, which connects the loop's source with
     * {@link DispatchLoop#openSource()}, drives it with {@link DispatchLoop#pollOnce()} and at
     * {@link #stop} disconnects it with {@link DispatchLoop#closeSource()}, each on that thread.
     * Called at connect, at {@code PASSIVE}; must not wait for the connect to finish (the loop's
     * own latch tells the connecting thread). A source under a decorator is found with
     * {@link InterruptSource#unwrap()}.
     *
     * @return whether it took the loop; {@code false} leaves it to a thread of its own
     */
    boolean start(DispatchLoop loop);

    /**
     * Stops a loop {@link #start} took and returns once none of its threads polls it any more (the
     * source disconnected). Called at disconnect, at {@code PASSIVE}; blocks for at most the
     * implementation's stop wait, which it reports if exceeded.
     */
    void stop(DispatchLoop loop);

    /** The threads that dispatch the loops it took (not those of declined loops). Any level; does not block. */
    int dispatchThreads();

    /** Stops every loop still running on it and ends its threads; close the hosts that use it first. Idempotent. */
    @Override
    void close();
}
