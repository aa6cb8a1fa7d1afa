package io.github.irq4j.internal;

import io.github.irq4j.FrameworkAccess;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptExtendedPolicy;

/**
 * The implementation's side of {@link FrameworkAccess}: the one instance registers itself when
 * this class is initialized, which the API's first use of {@code FrameworkAccess} triggers.
 */
public final class ApiBridge extends FrameworkAccess {

    static {
        new ApiBridge();
    }

    private ApiBridge() {
    }

    @Override
    protected Host newHost(HostOptions o) {
        return new HostImpl(new Verifier(o.verifierMode(), o.captureAcquireSites(), o.verifierListener(), o.retainedFindings()),
                o.faultListener(), o.restartPolicy(), o.environment(), o.workerThreads(), o.retainedFindings(),
                o.stopTimeout().toNanos());
    }

    @Override
    protected int currentIrql() {
        return ThreadState.current().irql;
    }

    @Override
    protected void checkPolicy(String who, InterruptExtendedPolicy policy) {
        Policies.check(who, policy);
    }
}
