package io.github.irq4j.internal;

import io.github.irq4j.FrameworkAccess;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.FaultListener;
import io.github.irq4j.VerifierListener;
import io.github.irq4j.internal.event.HostEvents;

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
        return new HostImpl(new Verifier(o.verifierMode(), o.captureAcquireSites(), withEvent(o.verifierListener()), o.retainedFindings()),
                withEvent(o.faultListener()), o.restartPolicy(), o.environment(), o.workerThreads(), o.retainedFindings(),
                o.stopTimeout().toNanos(), o.watchdog(), o.stormPolicy(), o.sharedDispatcher());
    }

    /** The listener, after an {@code irq4j.Violation} JFR event (SPEC 4.5) for each violation. */
    private static VerifierListener withEvent(VerifierListener listener) {
        return v -> {
            HostEvents.violation(v.rule().id(), v.interrupt(), v.currentIrql().toString(), v.requiredIrql().toString(), v.acquiredAt(),
                    v.message());
            if (listener != null) {
                listener.onViolation(v);
            }
        };
    }

    /** The listener, after an {@code irq4j.Fault} JFR event (SPEC 4.5) for each fault. */
    private static FaultListener withEvent(FaultListener listener) {
        return f -> {
            HostEvents.fault(f.kind().name(), f.device(), f.where(), f.message());
            if (listener != null) {
                listener.onFault(f);
            }
        };
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
