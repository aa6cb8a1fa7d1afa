package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * epoll(7): {@code epoll_create1(2)}, {@code epoll_ctl(2)}, {@code epoll_wait(2)}.
 * {@code epoll_wait} is linked without {@code Linker.Option.critical}: it blocks.
 */
final class Epoll {

    static final int EPOLLIN = 0x001;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    /** {@code EPOLLET}, {@code 1u << 31}: edge-triggered; used for the wake-up eventfd. */
    static final int EPOLLET = 1 << 31;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    private static final int EPOLL_CLOEXEC = FileDescriptors.O_CLOEXEC;

    /**
     * {@code struct epoll_event} from {@code <linux/eventpoll.h>}:
     * <pre>{@code
     * struct epoll_event {
     *     __poll_t events;
     *     __u64 data;
     * } EPOLL_PACKED;   // __attribute__((packed)) on x86-64 only
     * }</pre>
     * 12 bytes with {@code data} at offset 4 on x86-64; 16 bytes with {@code data} at 8 elsewhere
     * (arm64).
     */
    static final StructLayout EPOLL_EVENT = Native.X86_64
            ? MemoryLayout.structLayout(
                    JAVA_INT.withName("events"),
                    JAVA_LONG_UNALIGNED.withName("data"))
            : MemoryLayout.structLayout(
                    JAVA_INT.withName("events"),
                    MemoryLayout.paddingLayout(4),
                    JAVA_LONG.withName("data"));
    static final long EVENTS_OFFSET = EPOLL_EVENT.byteOffset(MemoryLayout.PathElement.groupElement("events"));
    static final long DATA_OFFSET = EPOLL_EVENT.byteOffset(MemoryLayout.PathElement.groupElement("data"));
    private static final ValueLayout.OfLong DATA = Native.X86_64 ? JAVA_LONG_UNALIGNED : JAVA_LONG;

    /** epoll_create1(2): {@code int epoll_create1(int flags)}. */
    private static final MethodHandle EPOLL_CREATE1 = Native.downcall("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT)); // int flags
    /** epoll_ctl(2): {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)}. */
    private static final MethodHandle EPOLL_CTL = Native.downcall("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // int epfd
                    JAVA_INT,  // int op
                    JAVA_INT,  // int fd
                    ADDRESS)); // struct epoll_event *event
    /** epoll_wait(2): {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)}. */
    private static final MethodHandle EPOLL_WAIT = Native.downcall("epoll_wait",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // int epfd
                    ADDRESS,   // struct epoll_event *events
                    JAVA_INT,  // int maxevents
                    JAVA_INT)); // int timeout (ms, -1 = forever)

    private Epoll() {
    }

    /** Creates an epoll instance ({@code EPOLL_CLOEXEC}). */
    static int create(String what) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int fd;
        try {
            fd = (int) EPOLL_CREATE1.invokeExact(st.capture, EPOLL_CLOEXEC);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (fd < 0) {
            throw new NativeIoException("epoll_create1", what, st.errno(), null);
        }
        return fd;
    }

    /**
     * {@code epoll_ctl(epfd, op, fd, {events, data})}; the event struct is built in {@code st}'s
     * scratch buffer.
     */
    static void ctl(int epfd, int op, int fd, int events, long data, CallState st, String what) throws NativeIoException {
        MemorySegment ev = st.scratch;
        ev.set(JAVA_INT, EVENTS_OFFSET, events);
        ev.set(DATA, DATA_OFFSET, data);
        int r;
        try {
            r = (int) EPOLL_CTL.invokeExact(st.capture, epfd, op, fd, ev);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            String opName = op == EPOLL_CTL_ADD ? "EPOLL_CTL_ADD" : op == EPOLL_CTL_DEL ? "EPOLL_CTL_DEL" : "EPOLL_CTL_MOD";
            throw new NativeIoException("epoll_ctl(" + opName + ")", what, st.errno(), null);
        }
    }

    /**
     * Waits for events.
     *
     * @param events an array of {@code maxEvents} {@link #EPOLL_EVENT}s
     * @param timeoutMs milliseconds, 0 to poll, -1 to wait without limit
     * @return how many events were filled in; 0 on timeout or {@code EINTR}
     */
    static int await(int epfd, MemorySegment events, int maxEvents, int timeoutMs, CallState st, String what)
            throws NativeIoException {
        int n;
        try {
            n = (int) EPOLL_WAIT.invokeExact(st.capture, epfd, events, maxEvents, timeoutMs);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (n < 0) {
            int errno = st.errno();
            if (errno == Errno.EINTR) {
                return 0;
            }
            throw new NativeIoException("epoll_wait", what, errno, null);
        }
        return n;
    }

    /** The {@code data} of event {@code i} in an array filled by {@link #await}. */
    static long data(MemorySegment events, int i) {
        return events.get(DATA, i * EPOLL_EVENT.byteSize() + DATA_OFFSET);
    }

    /** Converts a timeout in nanoseconds to {@code epoll_wait}'s milliseconds, rounding up; negative = -1. */
    static int timeoutMillis(long timeoutNanos) {
        if (timeoutNanos < 0) {
            return -1;
        }
        long ms = (timeoutNanos + 999_999L) / 1_000_000L;
        return ms > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ms;
    }
}
