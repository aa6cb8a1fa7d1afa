package io.github.irq4j.linux;

import io.github.irq4j.AppliedPolicy;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.InterruptPriority;
import io.github.irq4j.spi.DispatchThreadTuner;
import java.io.IOException;

/**
 * Applies an interrupt's policy to the calling dispatch thread (SPEC 2.8): CPU affinity with
 * {@code sched_setaffinity(0, ...)}, priority with {@code sched_setscheduler(0, SCHED_FIFO, ...)}
 * when permitted, else the nice value. Found by {@link java.util.ServiceLoader}.
 *
 * <p>Affinity, with "allowed" the CPUs this process may use ({@code sched_getaffinity(getpid())}):
 * <ul>
 * <li>{@code MACHINE_DEFAULT}, {@code ALL_CLOSE_PROCESSORS}, {@code ALL_PROCESSORS_IN_MACHINE},
 *     {@code SPREAD_MESSAGES_ACROSS_ALL_PROCESSORS}: every allowed CPU (one message per dispatch
 *     thread, so spreading is the scheduler's business; NUMA closeness is not modelled);</li>
 * <li>{@code ONE_CLOSE_PROCESSOR}: one CPU: the lowest of the target set if one is given, else
 *     the CPU the thread runs on now;</li>
 * <li>{@code SPECIFIED_PROCESSORS}: the target set, within the allowed CPUs.</li>
 * </ul>
 * Priority:
 * <ul>
 * <li>{@code HIGH}: {@code SCHED_FIFO} 50 (the priority of the kernel's own threaded IRQ
 *     handlers); if not permitted, nice {@value #HIGH_NICE}; if that is not permitted either,
 *     unchanged;</li>
 * <li>{@code NORMAL}: {@code SCHED_OTHER}, nice 0, the machine default. Not real-time: a
 *     busy-polling {@code SCHED_FIFO} thread would take its core from everything else;</li>
 * <li>{@code LOW}: {@code SCHED_OTHER}, nice {@value #LOW_NICE}.</li>
 * </ul>
 * The result is read back ({@code sched_getaffinity}, {@code sched_getscheduler},
 * {@code sched_getparam}, the thread's nice value); what was not permitted is in
 * {@link AppliedPolicy#note()}.
 *
 * <p>A policy that asks for every allowed CPU at {@code NORMAL} priority on a thread that already
 * has exactly that (the usual case: nobody set a policy) is checked through {@code /proc} and
 * needs no system call: a program that only uses in-process sources, with this module on its
 * class path, never links a native function and the JDK prints no native-access warning.
 */
public final class LinuxDispatchThreadTuner implements DispatchThreadTuner {

    /** The real-time priority of {@code HIGH}, as {@code request_threaded_irq} threads use. */
    public static final int HIGH_FIFO_PRIORITY = 50;
    /** The nice value of {@code HIGH} when {@code SCHED_FIFO} is not permitted. */
    public static final int HIGH_NICE = -10;
    /** The nice value of {@code LOW}. */
    public static final int LOW_NICE = 10;

    /** Creates the tuner; {@link java.util.ServiceLoader} calls this. */
    public LinuxDispatchThreadTuner() {
    }

    /**
     * Applies {@code policy} to the calling thread. Never throws for what the kernel refuses: that
     * goes into the note.
     */
    @Override
    public AppliedPolicy applyToCurrentThread(InterruptExtendedPolicy policy) {
        // A shared dispatch thread (EpollDispatchGroup) gets the policy of every source it
        // connects: the same policy again finds what this tuner left, without reading /proc
        // three times per source (most of the time 10,000 sources took to start).
        Applied last = LAST.get();
        if (last != null && last.policy.equals(policy)) {
            return last.result;
        }
        AppliedPolicy result = apply(policy);
        LAST.set(new Applied(policy, result));
        return result;
    }

    private record Applied(InterruptExtendedPolicy policy, AppliedPolicy result) {
    }

    /** What this tuner applied to the calling thread last; a thread's own scheduling calls are the driver's to keep consistent. */
    private static final ThreadLocal<Applied> LAST = new ThreadLocal<>();

    private AppliedPolicy apply(InterruptExtendedPolicy policy) {
        AppliedPolicy already = alreadyInForce(policy);
        if (already != null) {
            return already;
        }
        StringBuilder note = new StringBuilder();
        applyAffinity(policy, note);
        applyPriority(policy.priority(), note);
        long affinity = 0;
        String scheduler = "default";
        try {
            affinity = Sched.getAffinity(0);
            int p = Sched.getScheduler();
            scheduler = p == Sched.SCHED_FIFO || p == Sched.SCHED_RR
                    ? Sched.policyName(p) + " " + Sched.getPriority()
                    : "nice " + Sched.getNice();
        } catch (IOException | RuntimeException e) {
            append(note, "reading the applied policy back failed: " + e.getMessage());
        }
        return new AppliedPolicy(affinity, scheduler, note.toString());
    }

    /** The applied policy if the thread already has what {@code policy} asks for, per {@code /proc}; else null. */
    static AppliedPolicy alreadyInForce(InterruptExtendedPolicy policy) {
        boolean everyAllowedCpu = switch (policy.policy()) {
            case MACHINE_DEFAULT, ALL_CLOSE_PROCESSORS, ALL_PROCESSORS_IN_MACHINE, SPREAD_MESSAGES_ACROSS_ALL_PROCESSORS -> true;
            case ONE_CLOSE_PROCESSOR, SPECIFIED_PROCESSORS -> false;
        };
        if (!everyAllowedCpu || policy.priority() != InterruptPriority.NORMAL) {
            return null;
        }
        ProcSched now = ProcSched.currentThread();
        if (now == null || now.policy() != Sched.SCHED_OTHER || now.nice() != 0
                || now.affinityMask() != now.processAffinityMask()) {
            return null;
        }
        return new AppliedPolicy(now.affinityMask(), "nice 0", "");
    }

    private static void applyAffinity(InterruptExtendedPolicy policy, StringBuilder note) {
        try {
            long allowed = Sched.getAffinity(Sched.getpid());
            long target = policy.targetProcessorSet();
            long want = switch (policy.policy()) {
                case MACHINE_DEFAULT, ALL_CLOSE_PROCESSORS, ALL_PROCESSORS_IN_MACHINE,
                     SPREAD_MESSAGES_ACROSS_ALL_PROCESSORS -> allowed;
                case ONE_CLOSE_PROCESSOR -> oneProcessor(target & allowed, allowed);
                case SPECIFIED_PROCESSORS -> target & allowed;
            };
            if (want == 0) {
                append(note, policy.policy() + ": processors 0x" + Long.toHexString(target)
                        + " are not allowed to this process (allowed: 0x" + Long.toHexString(allowed)
                        + "); affinity left unchanged");
                return;
            }
            if (want != target && policy.policy() == io.github.irq4j.InterruptPolicy.SPECIFIED_PROCESSORS) {
                append(note, "processors 0x" + Long.toHexString(target & ~allowed)
                        + " are not allowed to this process and were left out");
            }
            Sched.setAffinity(want);
        } catch (IOException e) {
            append(note, "affinity not applied: " + e.getMessage());
        }
    }

    private static long oneProcessor(long targets, long allowed) throws NativeIoException {
        if (targets != 0) {
            return Long.lowestOneBit(targets);
        }
        int cpu = Sched.currentCpu();
        return cpu < 64 && (allowed & (1L << cpu)) != 0 ? 1L << cpu : Long.lowestOneBit(allowed);
    }

    private static void applyPriority(InterruptPriority priority, StringBuilder note) {
        switch (priority) {
            case HIGH -> {
                try {
                    Sched.setScheduler(Sched.SCHED_FIFO, HIGH_FIFO_PRIORITY);
                    return;
                } catch (NativeIoException e) {
                    append(note, "SCHED_FIFO " + HIGH_FIFO_PRIORITY + " not permitted (" + e.errnoName()
                            + ": needs CAP_SYS_NICE or ulimit -r >= " + HIGH_FIFO_PRIORITY + "); fell back to nice " + HIGH_NICE);
                }
                setNormalWithNice(HIGH_NICE, note);
            }
            case NORMAL -> setNormalWithNice(0, note);
            case LOW -> setNormalWithNice(LOW_NICE, note);
        }
    }

    private static void setNormalWithNice(int nice, StringBuilder note) {
        try {
            if (Sched.getScheduler() != Sched.SCHED_OTHER) {
                Sched.setScheduler(Sched.SCHED_OTHER, 0);
            }
            if (Sched.getNice() != nice) {
                Sched.setNice(nice);
            }
        } catch (NativeIoException e) {
            append(note, "nice " + nice + " not permitted (" + e.errnoName() + ": lowering nice needs CAP_SYS_NICE or ulimit -e)");
        } catch (IOException e) {
            append(note, "nice " + nice + " not applied: " + e.getMessage());
        }
    }

    private static void append(StringBuilder note, String s) {
        if (!note.isEmpty()) {
            note.append("; ");
        }
        note.append(s);
    }

    @Override
    public String toString() {
        return "LinuxDispatchThreadTuner{HIGH=SCHED_FIFO " + HIGH_FIFO_PRIORITY + " or nice " + HIGH_NICE
                + ", NORMAL=nice 0, LOW=nice " + LOW_NICE + "}";
    }
}
