package io.github.irq4j.internal;

import io.github.irq4j.InterruptConfigException;
import io.github.irq4j.InterruptConfigException.Reason;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.InterruptPolicy;

/** Range checks of interrupt policies against this machine (SPEC 2.2 rule 9, SPEC 2.8). */
final class Policies {

    private Policies() {
    }

    /** The mask of the processors this JVM may use: bit n = CPU n. */
    static long machineMask() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return cpus >= 64 ? -1L : (1L << cpus) - 1;
    }

    /**
     * Checks non-null values, group 0, processors that exist, and at least one processor for
     * {@code SPECIFIED_PROCESSORS}.
     *
     * @throws InterruptConfigException with reason {@code POLICY_OUT_OF_RANGE}
     */
    static void check(String who, InterruptExtendedPolicy policy) {
        if (policy == null) {
            throw new InterruptConfigException(Reason.POLICY_OUT_OF_RANGE,
                    who + ": policy or priority is null (expected: an InterruptPolicy and an InterruptPriority)");
        }
        if (policy.group() != 0) {
            throw new InterruptConfigException(Reason.POLICY_OUT_OF_RANGE,
                    who + ": processor group " + policy.group() + " (expected: 0, irq4j has one group)");
        }
        long valid = machineMask();
        long set = policy.targetProcessorSet();
        if (policy.policy() == InterruptPolicy.SPECIFIED_PROCESSORS) {
            if (set == 0) {
                throw new InterruptConfigException(Reason.POLICY_OUT_OF_RANGE,
                        who + ": SPECIFIED_PROCESSORS with an empty processor set (expected: a mask within 0x"
                                + Long.toHexString(valid) + ")");
            }
            if ((set & ~valid) != 0) {
                throw new InterruptConfigException(Reason.POLICY_OUT_OF_RANGE,
                        who + ": processor set 0x" + Long.toHexString(set) + " names processors this machine lacks (expected: within 0x"
                                + Long.toHexString(valid) + ", " + Long.bitCount(valid) + " processors)");
            }
        }
    }
}
