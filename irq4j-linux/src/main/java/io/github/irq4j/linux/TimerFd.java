package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * timerfd_create(2): a timer whose expirations are read as an 8-byte count; a count above 1
 * means the reader missed {@code count - 1} periods (overruns).
 */
final class TimerFd {

    static final int CLOCK_MONOTONIC = 1;
    static final int TFD_NONBLOCK = FileDescriptors.O_NONBLOCK;
    static final int TFD_CLOEXEC = FileDescriptors.O_CLOEXEC;

    /** {@code struct timespec { time_t tv_sec; long tv_nsec; }}: 16 bytes on 64-bit Linux. */
    static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_nsec"));
    /** {@code struct itimerspec { struct timespec it_interval; struct timespec it_value; }}: 32 bytes. */
    static final StructLayout ITIMERSPEC = MemoryLayout.structLayout(
            TIMESPEC.withName("it_interval"),
            TIMESPEC.withName("it_value"));
    static final long IT_INTERVAL_OFFSET = ITIMERSPEC.byteOffset(MemoryLayout.PathElement.groupElement("it_interval"));
    static final long IT_VALUE_OFFSET = ITIMERSPEC.byteOffset(MemoryLayout.PathElement.groupElement("it_value"));

    /** timerfd_create(2): {@code int timerfd_create(int clockid, int flags)}. */
    private static final MethodHandle TIMERFD_CREATE = Native.downcall("timerfd_create",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // int clockid
                    JAVA_INT)); // int flags
    /** timerfd_settime(2): {@code int timerfd_settime(int fd, int flags, const struct itimerspec *new, struct itimerspec *old)}. */
    private static final MethodHandle TIMERFD_SETTIME = Native.downcall("timerfd_settime",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // int fd
                    JAVA_INT,  // int flags
                    ADDRESS,   // const struct itimerspec *new_value
                    ADDRESS)); // struct itimerspec *old_value (NULL)

    private TimerFd() {
    }

    /** Creates a non-blocking {@code CLOCK_MONOTONIC} timerfd, disarmed. */
    static int create(String what) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int fd;
        try {
            fd = (int) TIMERFD_CREATE.invokeExact(st.capture, CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (fd < 0) {
            throw new NativeIoException("timerfd_create", what, st.errno(), null);
        }
        return fd;
    }

    /**
     * Arms the timer: first expiry after {@code initialNanos}, then every {@code periodNanos}
     * (0 = one shot). {@code initialNanos} 0 disarms it.
     */
    static void setTime(int fd, long initialNanos, long periodNanos, CallState st, String what) throws NativeIoException {
        MemorySegment spec = st.scratch;
        spec.set(JAVA_LONG, IT_INTERVAL_OFFSET, periodNanos / 1_000_000_000L);
        spec.set(JAVA_LONG, IT_INTERVAL_OFFSET + 8, periodNanos % 1_000_000_000L);
        spec.set(JAVA_LONG, IT_VALUE_OFFSET, initialNanos / 1_000_000_000L);
        spec.set(JAVA_LONG, IT_VALUE_OFFSET + 8, initialNanos % 1_000_000_000L);
        int r;
        try {
            r = (int) TIMERFD_SETTIME.invokeExact(st.capture, fd, 0, spec, MemorySegment.NULL);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw new NativeIoException("timerfd_settime", what, st.errno(), null);
        }
    }

    /**
     * Reads the expirations since the last read.
     *
     * @return the count, or 0 if the timer has not expired ({@code EAGAIN})
     */
    static long read(int fd, CallState st, String what) throws NativeIoException {
        long n = FileDescriptors.read(fd, st.scratch, 8, st, what);
        return n == 8 ? st.scratch.get(JAVA_LONG, 0) : 0;
    }
}
