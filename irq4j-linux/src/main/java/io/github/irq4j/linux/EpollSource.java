package io.github.irq4j.linux;

import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The part every Linux interrupt source shares: an epoll set holding the source's kernel
 * descriptors plus a wake-up eventfd, polled and awaited by one dispatch thread.
 * <pre>{@code
 * source.connect();                       // dispatch thread: epoll set, wake-up eventfd, buffers
 * while (running) {
 *     if (source.poll(handler) == 0) {    // non-blocking reads of the kernel descriptors
 *         source.await(-1);               // epoll_wait; wakeup() makes it return
 *     }
 * }
 * source.disconnect();                    // the same dispatch thread
 * ...
 * source.close();                         // the owner, once no interrupt uses it: the kernel objects
 * }</pre>
 * Subclasses open their per-connection kernel objects in {@link #openKernel}, hand each
 * descriptor to {@link #register}, read one descriptor in {@link #drain}, and release what they
 * hold for their whole life in {@link #releaseKernel}.
 * Ownership (SPEC 3, module README): see {@link #close()} and {@link #disconnect()}.
 */
public abstract class EpollSource implements InterruptSource, AutoCloseable {

    /*
     * Implementation notes.
     *
     * Two lifetimes. The kernel object that *is* the device (the eventfd a test or VFIO writes, the
     * timerfd, the UIO or GPIO chip node a provider probed) may live from the subclass's constructor
     * to close() (releaseKernel); what the connection needs (the arena, the call state, the epoll
     * event array, epoll fd and wake-up eventfd) lives from connect() to disconnect(), on the
     * dispatch thread. close() refuses while connected, connect() after close(), both under fdLock,
     * so the arena is only closed by the thread that polls it and no descriptor is closed under a poll.
     *
     * poll(): with one kernel descriptor it reads that descriptor directly (one non-blocking syscall,
     * EAGAIN = nothing); with several it asks epoll_wait(timeout 0) which are readable and reads
     * those. Kernel descriptors are level-triggered: one read only partly is reported again.
     *
     * Wake-up: wakeup() writes 1 to an eventfd registered with EPOLLET; every write is a new edge,
     * so the counter is never read. An edge poll()'s epoll_wait(0) consumes sets `woken`, so that
     * the next await() returns at once instead of sleeping through a stop request.
     *
     * Masking: mask(m) records the mask and calls maskAtSource. The default removes the message's
     * descriptor from the epoll set (events 0) and poll() skips it, so the kernel keeps counting
     * (eventfd, timerfd, MSI: a pending bit); unmask re-arms it and wakes the loop, which reads the
     * accumulated count as one coalesced signal. UIO, VFIO INTx and GPIO mask in the kernel.
     * Shared dispatch (bound to an EpollLane, see its notes): the lane's epoll set and CallState; an
     * arena only if the subclass asks (connectionArena), confined: no shared arena's close handshake.
     */

    /** epoll data of the wake-up eventfd (kernel descriptors carry their index 0..n-1); events per epoll_wait. */
    private static final long WAKE_TOKEN = -1L;
    static final int MAX_EVENTS = 64;
    private final String name;
    private final int messageCount;
    /** Guards the descriptors: connect/disconnect/close, wakeup, mask/unmask take it; poll/await do not. */
    private final Object fdLock = new Object();
    private final MessageMasks msgs;   // masked, out of the epoll set, and lost, per message (arrays made on first use)

    // Connection state: written in connect()/disconnect() under fdLock on the dispatch thread, read there by poll/await.
    /** Set by close(): the source's resources are released. Under fdLock. */
    private boolean closed;
    /** The thread that connected, while connected; only it may disconnect. Under fdLock. */
    private Thread connectedBy;
    private Arena arena;
    private CallState state;
    private MemorySegment events;
    private int epfd = -1;   // the epoll descriptor (own or a lane's), or -1 when closed
    /** The wake-up eventfd, or -1 when closed; wakeup() reads it under fdLock. */
    private int wakeFd = -1;
    /** Kernel descriptors by index; {@code fdCount} are used. */
    private int[] fds = new int[1];
    private int fdCount;
    /** A wakeup() came while disconnected: the next connect() re-raises it. Under fdLock. */
    private boolean wakePending;
    /** poll() consumed the wake-up edge: the next await() returns at once. Dispatch thread only. */
    private boolean woken;
    /** The group lane this source is bound to, or null (a thread of its own). Under fdLock. */
    private EpollLane lane;
    /** epoll data of descriptor 0 in the lane's set: slot << 32; 0 when not shared. */
    private long dataBase;
    /** The group whose threads dispatch this source ({@link EpollDispatchGroup#share}), or null. */
    volatile EpollDispatchGroup sharedWith;

    EpollSource(String name, int messageCount) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("source name: " + (name == null ? "null" : "'" + name + "'")
                    + " (expected: a non-blank name such as \"eventfd:0\")");
        }
        if (messageCount < 1) {
            throw new IllegalArgumentException(name + ": messageCount " + messageCount + " (expected: >= 1)");
        }
        this.name = name;
        this.messageCount = messageCount;
        this.msgs = new MessageMasks(messageCount);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int messageCount() {
        return messageCount;
    }

    /**
     * Opens the kernel objects of one connection, on the dispatch thread: an epoll set, a wake-up eventfd, the
     * subclass's descriptors, and the buffers poll and await use. On failure every descriptor opened here is closed again.
     *
     * @throws NativeIoException naming the device and what to check
     * @throws IllegalStateException if the source is already connected, or closed
     */
    @Override
    public final void connect() throws IOException {
        synchronized (fdLock) {
            if (epfd >= 0) {
                throw new IllegalStateException(name + ": connect() while already connected (by thread '"
                        + connectedBy.getName() + "'); disconnect() first");
            }
            if (closed) {
                throw new IllegalStateException(name + ": connect() after close(); its kernel objects are released,"
                        + " create a new " + getClass().getSimpleName());
            }
            checkUsable();
            EpollLane l = lane;
            try {
                CallState st = l == null ? new CallState(connectionArena()) : l.state();
                state = st;
                if (l == null) {
                    events = connectionArena().allocate(Epoll.EPOLL_EVENT, MAX_EVENTS);
                    epfd = Epoll.create(name);
                    wakeFd = EventFd.create(name + " wake-up eventfd");
                    Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, wakeFd, Epoll.EPOLLIN | Epoll.EPOLLET, WAKE_TOKEN, st, name);
                } else {
                    epfd = l.epfd();
                }
                connectedBy = Thread.currentThread();
                openKernel(st);
                if (fdCount == 0) {
                    throw new IllegalStateException(name + ": openKernel registered no descriptor");
                }
                for (int m = 0; m < messageCount; m++) {
                    if (msgs.isMasked(m)) {
                        maskAtSource(m, true, st);
                    }
                }
                woken = false;
                if (wakePending && l == null) {
                    wakePending = false;
                    EventFd.write(wakeFd, 1, st, name + " wake-up eventfd");
                }
            } catch (IOException | RuntimeException | Error e) {
                closeLocked();
                throw e;
            }
        }
    }

    /** Whether the device itself is still there; throws {@link IllegalStateException} if not. */
    void checkUsable() {
    }

    /** Releases what the subclass holds for its whole life (an eventfd); once, by {@link #close()}, never throws. */
    void releaseKernel() {
    }

    /** Opens the per-connection kernel objects (memory from {@link #connectionArena()}) and {@link #register}s them, inside {@link #connect()}; on a throw {@link #closeKernel()} runs. */
    abstract void openKernel(CallState st) throws IOException;

    /** The connection's arena, made on first use, closed with the connection (see the notes: a lane's source may have none). */
    final Arena connectionArena() {
        if (arena == null) {
            arena = lane == null ? Arena.ofShared() : Arena.ofConfined();
        }
        return arena;
    }

    /** Closes what {@link #openKernel} opened; must tolerate a partial open. Never throws. */
    abstract void closeKernel();

    /** Reads descriptor {@code index} without blocking, hands it to {@code handler}; returns the signals (0: none). No allocation. */
    abstract int drain(int index, SignalHandler handler, CallState st) throws IOException;

    /** Adds a kernel descriptor to the epoll set, level-triggered; returns its index, which {@link #drain} receives. */
    final int register(int fd, CallState st) throws NativeIoException {
        int index = fdCount;
        Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, fd, Epoll.EPOLLIN, dataBase + index, st, name);
        if (index == fds.length) {
            fds = Arrays.copyOf(fds, index * 2);
        }
        fds[index] = fd;
        fdCount = index + 1;
        return index;
    }

    /**
     * Takes every pending signal without blocking: with one kernel descriptor, a direct
     * non-blocking read; with several, {@code epoll_wait} with timeout 0 and a read of each ready one.
     * Dispatch thread; allocates nothing.
     *
     * @throws IllegalStateException if the source is not open
     */
    @Override
    public final int poll(SignalHandler handler) throws IOException {
        CallState st = state;
        if (st == null) {
            throw new IllegalStateException(name + ": poll() while not connected (connect() first)");
        }
        // Nothing of this object is written here: a signalling thread reads it (see EpollLane).
        if (fdCount == 1 || lane != null) {
            int i = lane == null ? 0 : lane.takeReady();
            return i < 0 || msgs.isSoftMasked(i) ? 0 : drain(i, handler, st);
        }
        return pollReady(handler, st);
    }

    private int pollReady(SignalHandler handler, CallState st) throws IOException {
        MemorySegment ev = events;
        int ready = Epoll.await(epfd, ev, MAX_EVENTS, 0, st, name);
        int signals = 0;
        for (int i = 0; i < ready; i++) {
            long data = Epoll.data(ev, i);
            if (data == WAKE_TOKEN) {
                woken = true;
            } else if (!msgs.isSoftMasked((int) data)) {
                signals += drain((int) data, handler, st);
            }
        }
        return signals;
    }

    /**
     * Blocks in {@code epoll_wait} until a descriptor is readable, {@link #wakeup()}, or the timeout
     * (rounded up to ms); {@code EINTR} returns early; shared (group lane), returns at once. Dispatch thread.
     */
    @Override
    public final void await(long timeoutNanos) throws IOException {
        CallState st = state;
        if (st == null) {
            throw new IllegalStateException(name + ": await() while not connected (connect() first)");
        }
        if (woken || lane != null) {
            woken = false;
            return;
        }
        Epoll.await(epfd, events, MAX_EVENTS, Epoll.timeoutMillis(timeoutNanos), st, name);
    }

    /**
     * Makes a blocked {@link #await} return by writing the wake-up eventfd; disconnected, the next
     * {@link #connect()} re-raises it; shared, nothing (the lane never awaits a source). Any thread.
     */
    @Override
    public final void wakeup() {
        synchronized (fdLock) {
            if (lane != null) {
                return;
            }
            if (wakeFd < 0) {
                wakePending = true;
                return;
            }
            try {
                EventFd.write(wakeFd, 1, CallState.forCurrentThread(), name + " wake-up eventfd");
            } catch (NativeIoException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Stops delivery of {@code message}; signals stay pending in the kernel, which counts them. Any
     * thread. Throws {@link IllegalArgumentException} out of range, {@link UncheckedIOException} if the kernel refuses.
     */
    @Override
    public final void mask(int message) {
        setMasked(message, true);
    }

    /** Resumes delivery of {@code message} and wakes the dispatch thread. Any thread. */
    @Override
    public final void unmask(int message) {
        setMasked(message, false);
        wakeup();
    }

    private void setMasked(int message, boolean mask) {
        checkMessage(message);
        synchronized (fdLock) {
            msgs.setMasked(message, mask);
            if (epfd >= 0) {
                try {
                    maskAtSource(message, mask, CallState.forCurrentThread());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The dispatch thread's call state while open, or {@code null}; dispatch thread only. */
    final CallState dispatchState() {
        return state;
    }

    /** Whether {@link #mask} is in force for {@code message}. */
    final boolean isMasked(int message) {
        return msgs.isMasked(message);
    }

    /**
     * Masks or unmasks {@code message} in the kernel while open, under the descriptor lock. The
     * default takes descriptor {@code message} out of the epoll set (or puts it back); sources
     * with a kernel mask override it.
     */
    void maskAtSource(int message, boolean mask, CallState st) throws IOException {
        if (message < fdCount) {
            msgs.setSoftMasked(message, mask);
            Epoll.ctl(epfd, Epoll.EPOLL_CTL_MOD, fds[message], mask ? 0 : Epoll.EPOLLIN, dataBase + message, st, name);
        }
    }

    /** {@inheritDoc} Cumulative since the source was created. Any thread. */
    @Override
    public final long lostSignals(int message) {
        checkMessage(message);
        return msgs.lost(message);
    }

    /**
     * Adds to the lost count of {@code message}. Any thread: the dispatch thread's drains, and
     * {@link TimerFdSource#stop()} for the expirations its disarm would erase. Called on loss only,
     * so the atomic add is off the path of a signal that is delivered.
     */
    final void addLost(int message, long n) {
        msgs.addLost(message, n);
    }

    final void checkMessage(int message) {
        if (message < 0 || message >= messageCount) {
            throw new IllegalArgumentException(name + ": message " + message + " (expected: 0 <= message < " + messageCount + ")");
        }
    }

    /**
     * Closes everything {@link #connect()} opened: the subclass's per-connection objects, the
     * epoll set, the wake-up eventfd and the arena. On the thread that connected, after its last
     * {@code poll}/{@code await}; idempotent.
     *
     * @throws IllegalStateException if called from another thread while connected: that thread may
     *         be polling; stop the device instead and let the framework disconnect
     */
    @Override
    public final void disconnect() {
        synchronized (fdLock) {
            Thread owner = connectedBy;
            if (epfd >= 0 && owner != Thread.currentThread()) {
                throw new IllegalStateException(name + ": disconnect() from thread '" + Thread.currentThread().getName()
                        + "' while dispatch thread '" + owner.getName() + "' uses the connection; stop the device"
                        + " (Host.stop) and the framework disconnects it on that thread");
            }
            closeLocked();
        }
    }

    /**
     * Releases the source's kernel objects (the eventfds, the timerfd). Idempotent.
     *
     * @throws IllegalStateException if it is connected: an interrupt uses it and its dispatch thread
     *         may be polling it; stop the device that uses it first ({@code Host.stop},
     *         {@code remove} or {@code close}), then close the source
     */
    @Override
    public final void close() {
        synchronized (fdLock) {
            if (closed) {
                return;
            }
            if (epfd >= 0) {
                throw new IllegalStateException(name + ": close() while connected: dispatch thread '" + connectedBy.getName()
                        + "' uses it; stop the device that uses it first (Host.stop, remove or close), then close the source");
            }
            closed = true;
        }
        releaseKernel();
    }

    private void closeLocked() {
        if (lane != null && epfd >= 0) {
            lane.removeAll(fds, fdCount, name);   // the lane's set outlives this connection
            epfd = -1;
        }
        closeKernel();
        FileDescriptors.close(epfd);
        FileDescriptors.close(wakeFd);
        epfd = -1;
        wakeFd = -1;
        fdCount = 0;
        msgs.clearSoftMasks();
        state = null;
        events = null;
        connectedBy = null;
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }

    /** Binds this source to lane {@code l} as {@code slot} (null: unbinds); false, changing nothing, if connected. */
    final boolean bindLane(EpollLane l, int slot) {
        synchronized (fdLock) {
            if (epfd >= 0) {
                return false;
            }
            lane = l;
            dataBase = l == null ? 0 : (long) slot << 32;
            return true;
        }
    }

    /** This source's slot on lane {@code l}, or -1 if it is not bound there. */
    final int laneSlot(EpollLane l) {
        synchronized (fdLock) {
            return lane == l ? (int) (dataBase >>> 32) : -1;
        }
    }

    /** Whether {@link #connect()} succeeded and {@link #disconnect()} has not run since. */
    public final boolean isConnected() {
        synchronized (fdLock) {
            return epfd >= 0;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{name=" + name + ", messages=" + messageCount + "}";
    }
}
