package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scheduling of the calling thread: {@code sched_setaffinity(2)}, {@code sched_getaffinity(2)},
 * {@code sched_setscheduler(2)}, {@code sched_getscheduler(2)}, {@code sched_getparam(2)},
 * {@code setpriority(2)}, {@code sched_getcpu(3)} and {@code gettid(2)}. On Linux these act on
 * one thread: pid 0 (or the thread id) is the calling thread.
 */
final class Sched {

    static final int SCHED_OTHER = 0;
    static final int SCHED_FIFO = 1;
    static final int SCHED_RR = 2;
    /** Threads the dispatch thread creates do not inherit a real-time policy. */
    static final int SCHED_RESET_ON_FORK = 0x40000000;
    private static final int PRIO_PROCESS = 0;
    /** {@code cpu_set_t}: 1024 bits. irq4j uses the first 64 (one processor group). */
    static final long CPU_SET_BYTES = 128;

    /** {@code struct sched_param { int sched_priority; }}. */
    static final StructLayout SCHED_PARAM = MemoryLayout.structLayout(JAVA_INT.withName("sched_priority"));

    /** sched_setaffinity(2): {@code int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)}. */
    private static final MethodHandle SCHED_SETAFFINITY = Native.downcall("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // pid_t pid (0 = calling thread)
                    JAVA_LONG, // size_t cpusetsize
                    ADDRESS)); // const cpu_set_t *mask
    /** sched_getaffinity(2): {@code int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)}. */
    private static final MethodHandle SCHED_GETAFFINITY = Native.downcall("sched_getaffinity",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // pid_t pid
                    JAVA_LONG, // size_t cpusetsize
                    ADDRESS)); // cpu_set_t *mask
    /** sched_setscheduler(2): {@code int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)}. */
    private static final MethodHandle SCHED_SETSCHEDULER = Native.downcall("sched_setscheduler",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // pid_t pid
                    JAVA_INT,  // int policy
                    ADDRESS)); // const struct sched_param *param
    /** sched_getscheduler(2): {@code int sched_getscheduler(pid_t pid)}. */
    private static final MethodHandle SCHED_GETSCHEDULER = Native.downcall("sched_getscheduler",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT)); // pid_t pid
    /** sched_getparam(2): {@code int sched_getparam(pid_t pid, struct sched_param *param)}. */
    private static final MethodHandle SCHED_GETPARAM = Native.downcall("sched_getparam",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // pid_t pid
                    ADDRESS)); // struct sched_param *param
    /** setpriority(2): {@code int setpriority(int which, id_t who, int prio)}. */
    private static final MethodHandle SETPRIORITY = Native.downcall("setpriority",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // int which (PRIO_PROCESS)
                    JAVA_INT,  // id_t who (a thread id)
                    JAVA_INT)); // int prio (nice, -20..19)
    /** gettid(2): {@code pid_t gettid(void)}. */
    private static final MethodHandle GETTID = Native.downcall("gettid", FunctionDescriptor.of(JAVA_INT));
    /** getpid(2): {@code pid_t getpid(void)}. */
    private static final MethodHandle GETPID = Native.downcall("getpid", FunctionDescriptor.of(JAVA_INT));
    /** sched_getcpu(3): {@code int sched_getcpu(void)}. */
    private static final MethodHandle SCHED_GETCPU = Native.downcall("sched_getcpu", FunctionDescriptor.of(JAVA_INT));

    private Sched() {
    }

    /** The calling thread's kernel id. */
    static int gettid() {
        try {
            return (int) GETTID.invokeExact(CallState.forCurrentThread().capture);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** The process id (the main thread's id). */
    static int getpid() {
        try {
            return (int) GETPID.invokeExact(CallState.forCurrentThread().capture);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** The CPU the calling thread runs on now. */
    static int currentCpu() throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int cpu;
        try {
            cpu = (int) SCHED_GETCPU.invokeExact(st.capture);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (cpu < 0) {
            throw new NativeIoException("sched_getcpu", "thread " + gettid(), st.errno(), null);
        }
        return cpu;
    }

    /**
     * The affinity of thread {@code tid} (0 = calling thread) as a mask of CPUs 0 to 63.
     */
    static long getAffinity(int tid) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int r;
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(CPU_SET_BYTES, 8);
            r = (int) SCHED_GETAFFINITY.invokeExact(st.capture, tid, CPU_SET_BYTES, mask);
            if (r == 0) {
                return mask.get(JAVA_LONG, 0);
            }
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        throw new NativeIoException("sched_getaffinity", "thread " + (tid == 0 ? gettid() : tid), st.errno(), null);
    }

    /**
     * Restricts the calling thread to the CPUs in {@code mask} (CPUs 0 to 63).
     *
     * @throws NativeIoException {@code EINVAL} if no CPU of the mask is allowed to this process
     *         (cpuset, taskset), {@code EPERM} if not permitted
     */
    static void setAffinity(long mask) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int r;
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment set = arena.allocate(CPU_SET_BYTES, 8);
            set.set(JAVA_LONG, 0, mask);
            r = (int) SCHED_SETAFFINITY.invokeExact(st.capture, 0, CPU_SET_BYTES, set);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw new NativeIoException("sched_setaffinity(0x" + Long.toHexString(mask) + ")", "thread " + gettid(),
                    st.errno(), "check the process's allowed CPUs (taskset -p, the cgroup's cpuset.cpus)");
        }
    }

    /**
     * Sets the calling thread's policy and real-time priority ({@code SCHED_RESET_ON_FORK} added
     * for real-time policies).
     *
     * @throws NativeIoException {@code EPERM} without {@code CAP_SYS_NICE} or a sufficient {@code RLIMIT_RTPRIO}
     */
    static void setScheduler(int policy, int priority) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int r;
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment param = arena.allocate(SCHED_PARAM);
            param.set(JAVA_INT, 0, priority);
            int p = policy == SCHED_OTHER ? policy : policy | SCHED_RESET_ON_FORK;
            r = (int) SCHED_SETSCHEDULER.invokeExact(st.capture, 0, p, param);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw new NativeIoException("sched_setscheduler(" + policyName(policy) + " " + priority + ")",
                    "thread " + gettid(), st.errno(),
                    "needs CAP_SYS_NICE or RLIMIT_RTPRIO >= " + priority + " (ulimit -r), and a real-time budget in the cgroup");
        }
    }

    /** The calling thread's policy, without {@code SCHED_RESET_ON_FORK}. */
    static int getScheduler() throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int r;
        try {
            r = (int) SCHED_GETSCHEDULER.invokeExact(st.capture, 0);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw new NativeIoException("sched_getscheduler", "thread " + gettid(), st.errno(), null);
        }
        return r & ~SCHED_RESET_ON_FORK;
    }

    /** The calling thread's real-time priority (0 for non-real-time policies). */
    static int getPriority() throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment param = arena.allocate(SCHED_PARAM);
            int r = (int) SCHED_GETPARAM.invokeExact(st.capture, 0, param);
            if (r == 0) {
                return param.get(JAVA_INT, 0);
            }
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        throw new NativeIoException("sched_getparam", "thread " + gettid(), st.errno(), null);
    }

    /**
     * Sets the calling thread's nice value.
     *
     * @throws NativeIoException {@code EACCES} when lowering nice without {@code CAP_SYS_NICE} or {@code RLIMIT_NICE}
     */
    static void setNice(int nice) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int tid = gettid();
        int r;
        try {
            r = (int) SETPRIORITY.invokeExact(st.capture, PRIO_PROCESS, tid, nice);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (r < 0) {
            throw new NativeIoException("setpriority(nice " + nice + ")", "thread " + tid, st.errno(),
                    "lowering nice needs CAP_SYS_NICE or RLIMIT_NICE >= " + (20 - nice) + " (ulimit -e)");
        }
    }

    /**
     * The calling thread's nice value, read from {@code /proc/thread-self/stat} (field 19):
     * {@code getpriority(2)} cannot tell -1 from an error without clearing errno first.
     */
    static int getNice() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);   // fields[0] is field 3 (state); nice is field 19
    }

    static String policyName(int policy) {
        return switch (policy) {
            case SCHED_OTHER -> "SCHED_OTHER";
            case SCHED_FIFO -> "SCHED_FIFO";
            case SCHED_RR -> "SCHED_RR";
            case 3 -> "SCHED_BATCH";
            case 5 -> "SCHED_IDLE";
            case 6 -> "SCHED_DEADLINE";
            default -> "policy " + policy;
        };
    }
}
