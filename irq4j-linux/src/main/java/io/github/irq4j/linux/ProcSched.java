package io.github.irq4j.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's scheduling as {@code /proc} shows it: CPU affinity, policy and nice value,
 * read with plain file I/O. The tuner uses it to see that a default policy needs no system call,
 * so a program that never asks for a special policy never links a native function (and the JDK
 * prints no native-access warning for it).
 *
 * @param affinityMask the thread's {@code Cpus_allowed}, CPUs 0 to 63
 * @param processAffinityMask the process's (main thread's) {@code Cpus_allowed}, CPUs 0 to 63
 * @param policy the scheduling policy ({@code SCHED_OTHER} = 0)
 * @param nice the nice value
 */
record ProcSched(long affinityMask, long processAffinityMask, int policy, int nice) {

    /** Field numbers of {@code /proc/PID/stat} (proc(5)), counted from 1. */
    private static final int NICE_FIELD = 19;
    private static final int POLICY_FIELD = 41;

    /** Reads the calling thread's state, or returns {@code null} if {@code /proc} does not say. */
    static ProcSched currentThread() {
        try {
            long thread = cpusAllowed(Files.readString(Path.of("/proc/thread-self/status")));
            long process = cpusAllowed(Files.readString(Path.of("/proc/self/status")));
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // The command name (field 2) may hold spaces and parentheses: fields 3.. follow the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            int nice = Integer.parseInt(f[NICE_FIELD - 3]);
            int policy = Integer.parseInt(f[POLICY_FIELD - 3]);
            return thread == 0 || process == 0 ? null : new ProcSched(thread, process, policy, nice);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The low 64 bits of a {@code Cpus_allowed:} line ("ff,ffffffff"), or 0 if absent. */
    static long cpusAllowed(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Cpus_allowed:")) {
                String hex = line.substring("Cpus_allowed:".length()).trim().replace(",", "");
                String low = hex.length() > 16 ? hex.substring(hex.length() - 16) : hex;
                return Long.parseUnsignedLong(low, 16);
            }
        }
        return 0;
    }
}
