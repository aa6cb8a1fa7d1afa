package io.github.irq4j.sim;

import io.github.irq4j.spi.DeferredTask;
import java.util.Arrays;

/**
 * What is ready at one choice of a {@link DeterministicScheduler}, in the fixed order that gives
 * an index drawn from the seed the same meaning on every run: ready loops (in start order), then
 * deferred tasks (in schedule order), then due actions (in script order), then "advance time".
 * The seed draws an index in {@code [0, size())}; {@link #kindAt} and the accessors say what it
 * names.
 *
 * <p>Invariant: filled, drawn from and {@linkplain #clear() cleared} before the pick runs, so a
 * nested step or preemption (driver code that reaches a register access) reuses the same set. The
 * arrays only grow, so a steady state allocates nothing. Framework thread only.
 */
final class ReadySet {

    /** What an index of the set names. */
    enum Kind { LOOP, TASK, ACTION, TIME }

    private ScheduledLoop[] loops = new ScheduledLoop[4];
    private DeferredTask[] tasks = new DeferredTask[8];
    private ScriptedAction[] actions = new ScriptedAction[4];
    private int loopCount;
    private int taskCount;
    private int actionCount;
    private boolean time;

    void addLoop(ScheduledLoop loop) {
        if (loopCount == loops.length) {
            loops = Arrays.copyOf(loops, loopCount * 2);
        }
        loops[loopCount++] = loop;
    }

    void addTask(DeferredTask task) {
        if (taskCount == tasks.length) {
            tasks = Arrays.copyOf(tasks, taskCount * 2);
        }
        tasks[taskCount++] = task;
    }

    void addAction(ScriptedAction action) {
        if (actionCount == actions.length) {
            actions = Arrays.copyOf(actions, actionCount * 2);
        }
        actions[actionCount++] = action;
    }

    /** Advancing virtual time is a candidate (always the last one). */
    void addTime() {
        time = true;
    }

    int size() {
        return loopCount + taskCount + actionCount + (time ? 1 : 0);
    }

    boolean isEmpty() {
        return size() == 0;
    }

    Kind kindAt(int i) {
        if (i < loopCount) {
            return Kind.LOOP;
        }
        i -= loopCount;
        if (i < taskCount) {
            return Kind.TASK;
        }
        i -= taskCount;
        if (i < actionCount) {
            return Kind.ACTION;
        }
        if (i == actionCount && time) {
            return Kind.TIME;
        }
        throw new IndexOutOfBoundsException("ready set index " + i + " of " + size());
    }

    ScheduledLoop loopAt(int i) {
        return loops[i];
    }

    DeferredTask taskAt(int i) {
        return tasks[i - loopCount];
    }

    ScriptedAction actionAt(int i) {
        return actions[i - loopCount - taskCount];
    }

    /** Empties the set and drops its references (a task or loop of a closed host is not kept alive). */
    void clear() {
        Arrays.fill(loops, 0, loopCount, null);
        Arrays.fill(tasks, 0, taskCount, null);
        Arrays.fill(actions, 0, actionCount, null);
        loopCount = 0;
        taskCount = 0;
        actionCount = 0;
        time = false;
    }
}
