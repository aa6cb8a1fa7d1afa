package io.github.irq4j.sim;

import io.github.irq4j.spi.DeferredTask;
import io.github.irq4j.spi.DispatchLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * What waits for a {@link DeterministicScheduler}'s seed: the started dispatch loops (in start
 * order), the scheduled deferred tasks (in schedule order) and the scripted actions (in script
 * order). Guarded by itself: the framework may schedule a task, and a test may script an action,
 * from any thread; the choices are made on the framework thread. Indexed loops, not iterators, so
 * that collecting the candidates of a choice allocates nothing.
 */
final class ReadyQueues {

    private final List<ScheduledLoop> loops = new ArrayList<>();
    private final List<DeferredTask> tasks = new ArrayList<>();
    private final List<ScriptedAction> actions = new ArrayList<>();

    synchronized void add(ScheduledLoop loop) {
        loops.add(loop);
    }

    /** Removes the entry of {@code loop}; null if it has none. */
    synchronized ScheduledLoop remove(DispatchLoop loop) {
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i).loop == loop) {
                return loops.remove(i);
            }
        }
        return null;
    }

    synchronized void add(DeferredTask task) {
        tasks.add(task);
    }

    /** Removes the task; false if it was not waiting (it ran, or was never scheduled here). */
    synchronized boolean remove(DeferredTask task) {
        return tasks.remove(task);
    }

    synchronized void add(ScriptedAction action) {
        actions.add(action);
    }

    synchronized void remove(ScriptedAction action) {
        actions.remove(action);
    }

    /**
     * Adds to {@code r}, in the fixed order, the ready loops, every task and the actions due at
     * {@code now}.
     *
     * @return the earliest due time of the actions not due yet; {@link Long#MAX_VALUE} if none
     */
    synchronized long collect(ReadySet r, long now) {
        collectLoops(r);
        for (int i = 0; i < tasks.size(); i++) {
            r.addTask(tasks.get(i));
        }
        long nextAction = Long.MAX_VALUE;
        for (int i = 0; i < actions.size(); i++) {
            ScriptedAction a = actions.get(i);
            if (a.dueNanos <= now) {
                r.addAction(a);
            } else {
                nextAction = Math.min(nextAction, a.dueNanos);
            }
        }
        return nextAction;
    }

    /** Adds the ready loops to {@code r}, in start order. */
    synchronized void collectLoops(ReadySet r) {
        for (int i = 0; i < loops.size(); i++) {
            ScheduledLoop e = loops.get(i);
            if (e.ready()) {
                r.addLoop(e);
            }
        }
    }

    /** The earliest due time of the actions due after {@code now}; {@link Long#MAX_VALUE} if none. */
    synchronized long nextActionAfter(long now) {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < actions.size(); i++) {
            long due = actions.get(i).dueNanos;
            if (due > now) {
                next = Math.min(next, due);
            }
        }
        return next;
    }

    /** The names of the open loops with a signal pending that their held interrupt lock keeps from dispatching. */
    synchronized List<String> blockedLoops() {
        List<String> names = new ArrayList<>();
        for (ScheduledLoop e : loops) {
            if (e.opened && e.controller.hasPendingSignals() && !e.loop.canDispatchNow()) {
                names.add(e.loop.name());
            }
        }
        return names;
    }

    /** Drops the tasks and actions not run (the scheduler closed). */
    synchronized void clearWork() {
        tasks.clear();
        actions.clear();
    }
}
