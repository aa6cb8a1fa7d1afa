package io.github.irq4j.spi;

import java.io.IOException;

/**
 * A backend that delivers hardware interrupts to a dispatch thread: the simulated interrupt
 * controller, or a Linux kernel object (eventfd, timerfd, UIO, VFIO, GPIO) behind epoll.
 *
 * <p>The framework runs one dispatch loop per source. The loop calls {@link #poll} to take the
 * pending signals without blocking and dispatches each to the ISRs connected to its message; when
 * nothing is pending it waits in {@link #await} (blocking mode), spins (busy-poll mode) or spins and
 * then waits (hybrid mode). After the ISR chain of a signal has run it calls
 * {@link #acknowledge}, which is where a level-triggered line re-asserts, UIO re-enables and VFIO
 * unmasks INTx.
 * <pre>{@code
 * while (running) {
 *     if (source.poll(handler) == 0) {
 *         source.await(-1);          // woken by a signal or by wakeup()
 *     }
 * }
 * }</pre>
 *
 * <p>Two lifetimes. A <em>connection</em> runs from {@link #connect()} to {@link #disconnect()}: the
 * framework connects a source on its dispatch thread when the first interrupt on it connects, and
 * disconnects it on that same thread after the last poll, when the last interrupt disconnects; a
 * source may be connected and disconnected many times. The <em>resources</em> of a source (the
 * kernel object that is the device, such as an eventfd or a timerfd) live from its constructor
 * until its owner releases them: a source that holds such resources implements
 * {@link AutoCloseable}, and its {@code close()} releases them. Closing a source while it is
 * connected fails with an {@link IllegalStateException} that names the source: a dispatch thread
 * may be inside {@link #poll} or {@link #await} at that moment, so the owner stops the device
 * ({@code Host.stop}, {@code remove} or {@code close}) first and closes the source after it.
 *
 * <p>Threading: {@code connect}, {@code poll}, {@code await}, {@code acknowledge} and
 * {@code disconnect} are called by the dispatch thread only. {@code wakeup}, {@code mask} and
 * {@code unmask} may be called from any thread. {@code poll} and {@code acknowledge} are on the hot
 * path: no allocation.
 */
public interface InterruptSource {

    /** A name for messages and thread names, such as {@code "eventfd:7"} or {@code "sim-pic"}. */
    String name();

    /** How many lines or messages the source has; messages are numbered 0 to {@code messageCount() - 1}. */
    int messageCount();

    /**
     * Opens what one connection needs, on the dispatch thread, before the first {@link #poll}.
     * Called once per connection.
     *
     * @throws IOException if a kernel object cannot be opened; the interrupt then fails to connect
     * @throws IllegalStateException if the source was closed (its resources released); the interrupt
     *         then fails to connect with that message
     */
    default void connect() throws IOException {
    }

    /**
     * Takes every pending signal without blocking and calls {@code handler} once per signalled
     * message. A kernel "nothing yet" ({@code EAGAIN}) is 0, not an error.
     *
     * @return how many signals were handed to {@code handler}
     * @throws IOException if the kernel reports an error
     */
    int poll(SignalHandler handler) throws IOException;

    /**
     * Waits until a signal may be pending, {@link #wakeup()} is called, or the timeout passes.
     * Returning early is allowed; the loop polls again.
     *
     * @param timeoutNanos the longest wait, or a negative value for no limit
     * @throws IOException if the kernel reports an error
     */
    void await(long timeoutNanos) throws IOException;

    /** Makes a waiting {@link #await} return at once, or the next one if none waits. Any thread. */
    void wakeup();

    /** Stops delivery of a message at the source (controller mask, {@code VFIO_IRQ_SET_ACTION_MASK}). Any thread. */
    void mask(int message);

    /** Resumes delivery of a masked message. Any thread. */
    void unmask(int message);

    /**
     * Called after the ISRs of a signal have run.
     *
     * @param message the message signalled
     * @param claimed whether an ISR claimed it
     */
    default void acknowledge(int message, boolean claimed) {
    }

    /** Signals of a message the source knows were lost (UIO count gaps, GPIO {@code seqno} gaps). */
    default long lostSignals(int message) {
        return 0;
    }

    /**
     * Releases what {@link #connect()} opened, not the source's own resources. Called on the
     * dispatch thread after its last {@link #poll}, when the last interrupt disconnects.
     */
    void disconnect() throws IOException;

    /**
     * The source this one decorates, or this one. A {@link SharedDispatcher} looks through
     * decorators (a measuring wrapper) to a source it knows how to wait on; a decorator returns its
     * delegate's {@code unwrap()}, and must then pass {@link #poll} through on the calling thread.
     */
    default InterruptSource unwrap() {
        return this;
    }
}
