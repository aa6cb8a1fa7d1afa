package io.github.irq4j.stress;

import io.github.irq4j.Interrupt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lends one interrupt's deferred call (DPC or work item) to one jcstress state at a time, so that
 * every run of the shared callback is counted for the state whose requests caused it.
 *
 * <p>jcstress runs both actors over the same array of states in the same order. The first actor
 * to reach a state claims the call (owner: null -> probe), or finds it claimed by its partner;
 * each then records the run count, makes its request and arrives. The second to arrive waits
 * (bounded) until every request is served and no run is in progress, records the outcome and
 * releases the call (owner: probe -> null), which lets the pair move on to the next state. The
 * wait sits in the last actor, not in the arbiter, because jcstress calls arbiters only after a
 * whole batch of states has run.
 *
 * <p>A run that starts while no state owns the call has no request behind it; it is counted for
 * the next state to claim the call, whose outcome then shows more runs than requests.
 */
final class CoalescingArena {

    /** Spins inside the callback, so that the partner's request often lands during a run. */
    private static final int RUN_SPINS = 200;

    private final AtomicReference<CoalescingProbe> owner = new AtomicReference<>();
    private final AtomicInteger strayStarts = new AtomicInteger();
    private final AtomicInteger strayRuns = new AtomicInteger();

    /** The body of the deferred callback: counts one run for the state that owns the call. */
    void onRun() {
        CoalescingProbe p = owner.get();
        if (p == null) {
            strayStarts.incrementAndGet();
            strayRuns.incrementAndGet();
            return;
        }
        p.starts.incrementAndGet();
        for (int i = 0; i < RUN_SPINS; i++) {
            Thread.onSpinWait();
        }
        p.runs.incrementAndGet();
    }

    /**
     * One actor's part: claim the call for {@code p}, request a run, and, as the second actor to
     * arrive, wait for the runs and release the call.
     *
     * @param actor 0 or 1
     * @param workItem whether to call {@code queueWorkItemForIsr()} rather than {@code queueDpcForIsr()}
     */
    void request(CoalescingProbe p, int actor, Interrupt interrupt, boolean workItem) {
        claim(p);
        p.startsBefore[actor] = p.starts.get();
        boolean queued = workItem ? interrupt.queueWorkItemForIsr() : interrupt.queueDpcForIsr();
        p.queued[actor] = queued ? 1 : 0;
        if (p.arrived.incrementAndGet() == 2) {
            finish(p);
        }
    }

    private void claim(CoalescingProbe p) {
        long deadline = Spin.deadline();
        for (int round = 0; ; round++) {
            CoalescingProbe o = owner.get();
            if (o == p) {
                return;
            }
            if (o == null && owner.compareAndSet(null, p)) {
                p.starts.addAndGet(strayStarts.getAndSet(0));
                p.runs.addAndGet(strayRuns.getAndSet(0));
                return;
            }
            if (!Spin.pause(round, deadline)) {
                // The previous pair never released: its last actor's own bounded wait makes that
                // impossible, so this only ends a wait that could otherwise hang the fork.
                throw new IllegalStateException("coalescing state not released within " + Spin.TIMEOUT_NS / 1_000_000 + " ms");
            }
        }
    }

    /** Waits until each request is served and every run has ended, records, and releases. */
    private void finish(CoalescingProbe p) {
        int trues = p.queued[0] + p.queued[1];
        int servedAfter = Math.max(p.startsBefore[0], p.startsBefore[1]);
        long deadline = Spin.deadline();
        boolean served = false;
        for (int round = 0; ; round++) {
            int ended = p.runs.get();
            int started = p.starts.get();
            if (started > servedAfter && ended >= trues && started == ended) {
                served = true;
                break;
            }
            if (!Spin.pause(round, deadline)) {
                break;
            }
        }
        p.trues = trues;
        p.finalRuns = p.runs.get();
        p.served = served ? 1 : 0;
        owner.set(null);
    }
}
