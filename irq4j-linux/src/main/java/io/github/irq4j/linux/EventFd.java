package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * eventfd(2): a kernel 64-bit counter. A write adds to it; a read returns it and resets it to 0,
 * so one read can stand for many writes (coalesced edges). This is also what VFIO signals.
 */
final class EventFd {

    static final int EFD_NONBLOCK = FileDescriptors.O_NONBLOCK;
    static final int EFD_CLOEXEC = FileDescriptors.O_CLOEXEC;
    /** The largest counter value: {@code 0xfffffffffffffffe}. */
    static final long MAX_COUNT = 0xfffffffffffffffeL;

    /** eventfd(2): {@code int eventfd(unsigned int initval, int flags)}. */
    private static final MethodHandle EVENTFD = Native.downcall("eventfd",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // unsigned int initval
                    JAVA_INT)); // int flags

    /**
     * Eight bytes holding 1, written once here and only read after (write(2) reads its buffer), so
     * every thread can pass it at once. In the global arena, a constant the JIT knows is alive.
     */
    private static final MemorySegment ONE = Arena.global().allocate(JAVA_LONG);

    static {
        ONE.set(JAVA_LONG, 0, 1L);
    }

    private EventFd() {
    }

    /** Creates a non-blocking, close-on-exec eventfd with counter 0. */
    static int create(String what) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int fd;
        try {
            fd = (int) EVENTFD.invokeExact(st.capture, 0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (fd < 0) {
            throw new NativeIoException("eventfd", what, st.errno(), null);
        }
        return fd;
    }

    /**
     * Reads and resets the counter.
     *
     * @return the counter, or 0 if it was 0 ({@code EAGAIN})
     */
    static long read(int fd, CallState st, String what) throws NativeIoException {
        long n = FileDescriptors.readNonBlocking(fd, st.scratch, 8, st, what);
        return n == 8 ? st.scratch.get(JAVA_LONG, 0) : 0;
    }

    /**
     * Adds {@code value} to the counter.
     *
     * @return {@code false} if the counter would overflow ({@code EAGAIN}): the reader is behind
     *         by 2^64 - 2 signals
     */
    static boolean write(int fd, long value, CallState st, String what) throws NativeIoException {
        st.scratch.set(JAVA_LONG, 0, value);
        return FileDescriptors.writeNonBlocking(fd, st.scratch, 8, st, what) == 8;
    }

    /**
     * Adds 1 to the counter without a call state: no errno captured, no scratch buffer, so no
     * per-thread lookup; any thread. A failed write adds nothing, so a caller that gets
     * {@code false} makes the write again with {@link #write}, whose result (done, {@code EAGAIN}
     * or the error with its errno) is the answer.
     *
     * @return whether the write was done
     */
    static boolean writeOne(int fd) {
        return FileDescriptors.writeNonBlockingWithoutErrno(fd, ONE, 8) == 8;
    }
}
