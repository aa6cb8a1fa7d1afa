package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Memory maps: {@code mmap(2)}, {@code munmap(2)}, {@code memfd_create(2)}, {@code ftruncate(2)}, {@code getpagesize(2)}. */
final class Mmap {

    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    private static final long MAP_FAILED = -1L;
    static final int MFD_CLOEXEC = 1;

    /** mmap(2): {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)}. */
    private static final MethodHandle MMAP = Native.downcall("mmap",
            FunctionDescriptor.of(ADDRESS,
                    ADDRESS,   // void *addr (NULL)
                    JAVA_LONG, // size_t length
                    JAVA_INT,  // int prot
                    JAVA_INT,  // int flags
                    JAVA_INT,  // int fd
                    JAVA_LONG)); // off_t offset
    /** munmap(2): {@code int munmap(void *addr, size_t length)}. */
    private static final MethodHandle MUNMAP = Native.downcall("munmap",
            FunctionDescriptor.of(JAVA_INT,
                    ADDRESS,    // void *addr
                    JAVA_LONG)); // size_t length
    /** memfd_create(2): {@code int memfd_create(const char *name, unsigned int flags)}. */
    private static final MethodHandle MEMFD_CREATE = Native.downcall("memfd_create",
            FunctionDescriptor.of(JAVA_INT,
                    ADDRESS,   // const char *name
                    JAVA_INT)); // unsigned int flags
    /** ftruncate(2): {@code int ftruncate(int fd, off_t length)}. */
    private static final MethodHandle FTRUNCATE = Native.downcall("ftruncate",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,   // int fd
                    JAVA_LONG)); // off_t length
    /** getpagesize(2): {@code int getpagesize(void)}. */
    private static final MethodHandle GETPAGESIZE = Native.downcall("getpagesize", FunctionDescriptor.of(JAVA_INT));

    /** The page size; UIO map N sits at offset {@code N * PAGE_SIZE}. */
    static final long PAGE_SIZE = pageSize();

    private Mmap() {
    }

    private static long pageSize() {
        try {
            return (int) GETPAGESIZE.invokeExact(CallState.forCurrentThread().capture);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Maps {@code length} bytes of {@code fd} at {@code offset}, shared and read-write, into a
     * segment of {@code arena} that is unmapped when the arena closes.
     */
    static MemorySegment map(int fd, long offset, long length, Arena arena, String what) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        MemorySegment addr;
        try {
            addr = (MemorySegment) MMAP.invokeExact(st.capture, MemorySegment.NULL, length, PROT_READ | PROT_WRITE,
                    MAP_SHARED, fd, offset);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (addr.address() == MAP_FAILED) {
            throw new NativeIoException("mmap(offset 0x" + Long.toHexString(offset) + ", " + length + " bytes)", what,
                    st.errno(), "check that the offset and size lie within the device's map (sysfs size) and that it is mappable");
        }
        @SuppressWarnings("restricted")
        MemorySegment mapped = addr.reinterpret(length, arena, s -> unmap(s, length));
        return mapped;
    }

    private static void unmap(MemorySegment s, long length) {
        try {
            int ignored = (int) MUNMAP.invokeExact(CallState.forCurrentThread().capture, s, length);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Creates an anonymous memory file of {@code size} bytes (for tests and simulated register files). */
    static int memfd(String name, long size) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = (int) MEMFD_CREATE.invokeExact(st.capture, arena.allocateFrom(name), MFD_CLOEXEC);
            if (fd >= 0 && (int) FTRUNCATE.invokeExact(st.capture, fd, size) < 0) {
                int errno = st.errno();
                FileDescriptors.close(fd);
                throw new NativeIoException("ftruncate(" + size + ")", "memfd " + name, errno, null);
            }
        } catch (NativeIoException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (fd < 0) {
            throw new NativeIoException("memfd_create", name, st.errno(), null);
        }
        return fd;
    }
}
