package io.github.irq4j.sim;

import io.github.irq4j.Registers;
import io.github.irq4j.spi.DeferredTask;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The choices of a {@link DeterministicScheduler}: at each step, and at each preemption point (a
 * register access in driver code), its seeded {@link SplittableRandom} draws one of what is ready
 * ({@link ReadySet}) and runs it, recording the choice in the trace. One {@link ReadySet},
 * reused: a step, and a preemption point that lets the driver go on, allocate nothing.
 *
 * <p>Framework thread only, so every draw happens in program order and the same seed gives the
 * same choices. {@code horizonNanos} bounds how far a run may advance virtual time.
 */
final class SeededChooser {

    private final Simulation simulation;
    private final ReadyQueues queues;
    private final ScheduleTrace trace;
    private final SplittableRandom random;
    private final ReadySet ready = new ReadySet();
    private long horizonNanos = Long.MAX_VALUE;

    SeededChooser(long seed, Simulation simulation, ReadyQueues queues, ScheduleTrace trace) {
        this.simulation = simulation;
        this.queues = queues;
        this.trace = trace;
        this.random = new SplittableRandom(seed);
    }

    long horizon() {
        return horizonNanos;
    }

    /** Sets the horizon and returns the one before (a run inside a run restores it). */
    long horizon(long nanos) {
        long before = horizonNanos;
        horizonNanos = nanos;
        return before;
    }

    /** Makes one choice and runs it; false if nothing was ready (the trace then notes blocked loops). */
    boolean step() {
        ReadySet r = ready;
        r.clear();
        VirtualClock clock = simulation.clock();
        long nextAction = queues.collect(r, clock.nanoTime());
        long nextTime = Math.min(clock.nextEventNanos(), nextAction);
        if (nextTime != Long.MAX_VALUE && nextTime <= horizonNanos) {
            r.addTime();
        }
        if (r.isEmpty()) {
            for (String loop : queues.blockedLoops()) {
                trace.record("idle with a signal of " + loop + " blocked: an interrupt lock is held");
            }
            return false;
        }
        runPick(r, random.nextInt(r.size()), "");
        return true;
    }

    /**
     * The preemption point: the seed decides whether to let the driver go on, run a pending ISR
     * (if its lock is free and its loop is not already on the stack), or fire the next device
     * event. The candidates are the ready loops, then time; the extra index {@code size()} is "go
     * on". Allocates nothing unless it runs something.
     */
    void preemptionPoint(Registers registers, long offset, boolean write) {
        ReadySet r = ready;
        r.clear();
        queues.collectLoops(r);
        long nextEvent = simulation.clock().nextEventNanos();
        if (nextEvent != Long.MAX_VALUE && nextEvent <= horizonNanos) {
            r.addTime();
        }
        int size = r.size();
        if (size == 0) {
            return;
        }
        int i = random.nextInt(size + 1);
        if (i == size) {
            r.clear();
            return; // the driver goes on
        }
        String at = "  preempt at " + registers.name() + "+0x" + Long.toHexString(offset) + (write ? " (write): " : " (read): ");
        if (r.kindAt(i) == ReadySet.Kind.TIME) {
            r.clear();
            fireNextEvent(at, nextEvent);
        } else {
            runPick(r, i, at);
        }
    }

    /** Takes the pick out of the set and clears it (the pick may reach a nested choice), then runs it. */
    private void runPick(ReadySet r, int index, String prefix) {
        switch (r.kindAt(index)) {
            case LOOP -> {
                ScheduledLoop e = r.loopAt(index);
                r.clear();
                trace.record(prefix + "isr " + e.loop.name());
                e.dispatch();
            }
            case TASK -> {
                DeferredTask t = r.taskAt(index);
                r.clear();
                queues.remove(t);
                trace.record(prefix + kindName(t) + " " + t.name());
                t.run();
            }
            case ACTION -> {
                ScriptedAction a = r.actionAt(index);
                r.clear();
                queues.remove(a);
                trace.record(prefix + "action " + a.name);
                a.action.run();
            }
            case TIME -> {
                r.clear();
                advanceTime(prefix);
            }
        }
    }

    /** Fires the next device event, or advances to the next action's due time if that comes first. */
    private void advanceTime(String prefix) {
        VirtualClock clock = simulation.clock();
        long nextEvent = clock.nextEventNanos();
        long nextAction = queues.nextActionAfter(clock.nanoTime());
        if (nextEvent <= nextAction) {
            fireNextEvent(prefix, nextEvent);
        } else {
            trace.record(prefix + "time -> " + nextAction + "ns");
            clock.advanceTo(nextAction);
        }
    }

    private void fireNextEvent(String prefix, long at) {
        SimEvent ev = simulation.clock().peekNextEvent();
        trace.record(prefix + "event " + ev.name() + " @" + at + "ns");
        simulation.clock().fireNext();
    }

    /** The trace's name of a task's kind: {@code dpc}, {@code work-item}, {@code io-callback}. */
    static String kindName(DeferredTask t) {
        return t.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
