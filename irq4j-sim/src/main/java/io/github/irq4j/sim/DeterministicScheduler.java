package io.github.irq4j.sim;

import io.github.irq4j.Registers;
import io.github.irq4j.spi.DeferredTask;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.ExecutionEnvironment;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ExecutionEnvironment} in which one seed fixes the interleaving of ISRs, DPCs, work
 * items, I/O callbacks, scripted driver actions and device events, so that a concurrency bug found
 * once is found again on every run with the same seed.
 * <pre>{@code
 * Simulation sim = new Simulation();
 * try (DeterministicScheduler scheduler = new DeterministicScheduler(seed, sim);
 *      Host host = Host.builder().environment(scheduler).build()) {
 *     SimInterruptController pic = new SimInterruptController("sim-pic", LineMode.LEVEL);
 *     SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 64);
 *     Device device = host.addDevice("uart0", new MyUartDriver(), List.of(pic.resource("uart0.irq", 0),
 *             new MemoryResource("uart0.regs", uart.registers())));
 *     host.start(device);
 *     uart.feedAt(1_000, "hello".getBytes());                // a device event at 1 us
 *     scheduler.script("read", () -> driver.read(5));        // a driver action
 *     scheduler.runUntilIdle();                              // throws ScheduleFailure with the trace
 * }
 * }</pre>
 *
 * <p>Everything the framework runs, runs on the scheduler's one framework thread, one activity at a
 * time. At each step a seeded {@link java.util.SplittableRandom} picks among what is ready:
 * <ul>
 * <li>a dispatch loop whose {@link SimInterruptController} has a deliverable signal and whose
 *     {@link DispatchLoop#canDispatchNow()} is true: {@link DispatchLoop#pollOnce()} runs the ISRs;</li>
 * <li>a scheduled {@link DeferredTask} (DPC, work item, I/O callback): {@link DeferredTask#run()};</li>
 * <li>a scripted action whose virtual time has come ({@link #script}, {@link #scriptAt});</li>
 * <li>advancing virtual time to the next device event (which fires) or scripted action.</li>
 * </ul>
 * Inside driver code, every access to simulated {@link Registers} is a <em>preemption point</em>:
 * the scheduler may, by the seed, run a pending ISR right there (only if
 * {@code canDispatchNow()}: an ISR never runs while its interrupt lock is held, SPEC 2.4) or fire
 * the next device event, and then let the driver continue. That is how a read-modify-write of
 * shared data outside the interrupt lock gets caught.
 *
 * <p>The trace ({@link #trace()}) lists every choice made; a failing run reports its seed and trace,
 * and a new scheduler with the same seed running the same scenario makes the same choices.
 *
 * <p>Threading: drive a scheduler from one thread. {@link #runUntilIdle()}, {@link #runUntil},
 * {@link #call} hand work to the framework thread and wait for it; host calls made from the driving
 * thread between runs ({@code host.start}, {@code host.stop}) are fine: loops are opened and closed,
 * and flushed tasks are run, on the framework thread.
 */
public final class DeterministicScheduler implements ExecutionEnvironment {

    /*
     * Protocol. The framework thread (FrameworkThread) takes commands and runs them one at a time:
     * runs (a sequence of steps), calls, and the open/close/flush requests that foreign threads
     * hand over. The driving thread blocks while a run or call is in progress, so exactly one
     * thread runs framework activities at any moment, and every choice is made by SeededChooser on the
     * framework thread in program order: the same seed gives the same choices.
     *
     * The loops, tasks and actions (ReadyQueues) are guarded by their holder, because the framework
     * may call schedule() from any thread (the driving thread during host.start, say). The choices
     * themselves are SeededChooser's, on the framework thread. Candidates are listed
     * in a fixed order (loops by start, tasks by schedule, actions by script, then time: ReadySet)
     * so that the index drawn means the same thing on every run with the seed. The ready set is
     * typed and reused, so a choice, and a preemption point that lets the driver go on, allocate
     * nothing; only a choice that runs something adds a trace entry.
     *
     * Flush: DeferredCall.flush() holds the task's monitor while it calls helpFlush() and then
     * waits on it with a timeout. On the framework thread the task runs inline (the monitor is
     * re-entrant). From another thread the run is handed over without waiting (the task's run
     * notifies the same monitor at its end, which the waiter releases while it waits) and
     * helpFlush returns false, so the waiter waits and checks again.
     */

    /** Steps a run may take before it is reported as not becoming idle. */
    public static final int DEFAULT_MAX_STEPS = 100_000;
    /** How long the driving thread waits for a run or call before reporting the framework thread hung. */
    public static final long DEFAULT_TIMEOUT_MS = 60_000;

    private final long seed;
    private final Simulation simulation;
    private final FrameworkThread framework;
    private volatile boolean closed;
    private volatile int maxSteps = DEFAULT_MAX_STEPS;
    private volatile long timeoutMs = DEFAULT_TIMEOUT_MS;

    private final ReadyQueues queues = new ReadyQueues();
    private final ScheduleTrace trace;
    /** Framework thread only. */
    private final SeededChooser chooser;

    /**
     * Creates a scheduler and its framework thread, and installs it as {@code simulation}'s
     * preemption hook.
     *
     * @param seed the seed that fixes every choice
     * @param simulation the simulation whose clock and registers the scheduler drives
     */
    public DeterministicScheduler(long seed, Simulation simulation) {
        this.seed = seed;
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.trace = new ScheduleTrace(simulation);
        this.chooser = new SeededChooser(seed, simulation, queues, trace);
        this.framework = new FrameworkThread("irq4j-sim-scheduler-" + seed);
        simulation.setPreemptionHook(this::beforeRegisterAccess);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The simulation the scheduler drives. */
    public Simulation simulation() {
        return simulation;
    }

    /** The virtual clock of the simulation. */
    public VirtualClock clock() {
        return simulation.clock();
    }

    /** The framework thread: the one thread that runs ISRs, DPCs, work items and actions. */
    public Thread frameworkThread() {
        return framework.thread();
    }

    /** Sets the step limit of each run; default {@link #DEFAULT_MAX_STEPS}. */
    public DeterministicScheduler maxSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("maxSteps: " + steps + " (expected: >= 1)");
        }
        this.maxSteps = steps;
        return this;
    }

    /** Sets how long a run or call may take in wall-clock time before it is reported hung; default {@link #DEFAULT_TIMEOUT_MS}. */
    public DeterministicScheduler timeoutMs(long ms) {
        if (ms < 1) {
            throw new IllegalArgumentException("timeoutMs: " + ms + " (expected: >= 1)");
        }
        this.timeoutMs = ms;
        return this;
    }

    /** The choices made so far, one entry per choice, in order. */
    public List<String> trace() {
        return trace.snapshot();
    }

    // ------------------------------------------------------------------ scripting and running

    /** Scripts a driver action, ready now: it runs on the framework thread, at {@code PASSIVE}, when the seed picks it. */
    public void script(String name, Runnable action) {
        scriptAt(Long.MIN_VALUE, name, action);
    }

    /** Scripts a driver action that becomes ready at virtual time {@code dueNanos}. */
    public void scriptAt(long dueNanos, String name, Runnable action) {
        queues.add(new ScriptedAction(Objects.requireNonNull(name, "name"), dueNanos, Objects.requireNonNull(action, "action")));
    }

    /**
     * Runs steps until nothing is ready and no device event or action is left.
     *
     * @return the steps taken
     * @throws ScheduleFailure if a step threw, the run took more than the step limit (a periodic
     *         device never lets it become idle: use {@link #runUntil}), or it hung
     */
    public int runUntilIdle() {
        return runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs steps, advancing virtual time no further than {@code virtualNanos}, until nothing is
     * ready before then; the clock then stands at {@code virtualNanos} (unless it is
     * {@link Long#MAX_VALUE}).
     *
     * @return the steps taken
     * @throws ScheduleFailure if a step threw, the step limit was reached, or the run hung
     */
    public int runUntil(long virtualNanos) {
        return call(() -> runSteps(virtualNanos));
    }

    /**
     * Runs {@code callable} on the framework thread and returns its result; for host calls that a
     * scenario wants inside the deterministic schedule. Register accesses in it are preemption
     * points. On the framework thread itself it runs inline.
     *
     * @throws ScheduleFailure if it threw (the cause) or did not return within the timeout
     */
    public <T> T call(Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        if (framework.isCurrent()) {
            try {
                return callable.call();
            } catch (ScheduleFailure f) {
                throw f;
            } catch (Exception e) {
                throw failure("a call on the framework thread threw " + e, e);
            }
        }
        if (closed) {
            throw new IllegalStateException("DeterministicScheduler(seed " + seed + ") is closed; create a new one");
        }
        try {
            return framework.callAndWait(callable, timeoutMs);
        } catch (TimeoutException e) {
            throw failure("the framework thread did not finish within " + timeoutMs + " ms (a deadlock or an endless loop"
                    + " in driver code); it is at:\n" + framework.stack(), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ScheduleFailure f) {
                throw f;
            }
            throw failure(describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the framework thread", e);
        }
    }

    /** Runs {@code action} on the framework thread; see {@link #call}. */
    public void execute(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    private int runSteps(long horizon) {
        long savedHorizon = chooser.horizon(horizon);
        try {
            int steps = 0;
            while (chooser.step()) {
                if (++steps >= maxSteps) {
                    throw failure("not idle after " + steps + " steps (the step limit); a periodic device keeps it busy:"
                            + " use runUntil(virtualNanos), or raise maxSteps", null);
                }
            }
            if (horizon != Long.MAX_VALUE) {
                simulation.clock().advanceTo(horizon);
            }
            return steps;
        } finally {
            chooser.horizon(savedHorizon);
        }
    }

    /** The simulation's preemption hook: a register access on the framework thread is a choice point. */
    private void beforeRegisterAccess(Registers registers, long offset, boolean write) {
        if (framework.isCurrent() && !closed) {
            chooser.preemptionPoint(registers, offset, write);
        }
    }

    // ------------------------------------------------------------------ ExecutionEnvironment

    /**
     * Registers the loop and opens its source on the framework thread (at once if called there,
     * else as the thread's next command).
     *
     * @throws IllegalArgumentException if the loop's source is not a {@link SimInterruptController}:
     *         the deterministic mode runs simulated sources only
     */
    @Override
    public void startDispatcher(DispatchLoop loop) {
        if (!(loop.source() instanceof SimInterruptController pic)) {
            throw new IllegalArgumentException("DeterministicScheduler: source '" + loop.source().name() + "' of loop '" + loop.name()
                    + "' is a " + loop.source().getClass().getName() + ", not a SimInterruptController; the deterministic"
                    + " environment runs simulated sources only (their signals follow its virtual time); use the default environment");
        }
        ScheduledLoop entry = new ScheduledLoop(loop, pic);
        queues.add(entry);
        framework.runOrSubmit(() -> {
            try {
                loop.openSource();
                entry.opened = true;
                trace.record("open " + loop.name());
            } catch (RuntimeException e) {
                trace.record("open " + loop.name() + " failed: " + e.getMessage());
            }
        });
    }

    /** Unregisters the loop; it no longer dispatches. Closes its source on the framework thread. */
    @Override
    public void stopDispatcher(DispatchLoop loop) {
        ScheduledLoop found = queues.remove(loop);
        loop.stop();
        if (found != null && !closed) {
            ScheduledLoop entry = found;
            framework.runOrSubmit(() -> {
                if (entry.opened) {
                    entry.opened = false;
                    loop.closeSource();
                    trace.record("close " + loop.name());
                }
            });
        }
    }

    /** Adds the task to the ready set; the seed decides when it runs. Any thread; never blocks. */
    @Override
    public void schedule(DeferredTask task) {
        if (!closed) {
            queues.add(task);
        }
    }

    /**
     * Runs {@code task} now if it is waiting: inline on the framework thread, else handed to it.
     *
     * @return true if it ran here, on the framework thread
     */
    @Override
    public boolean helpFlush(DeferredTask task) {
        if (framework.isCurrent()) {
            return runIfScheduled(task);
        }
        if (!closed) {
            framework.submit(() -> runIfScheduled(task));
        }
        return false;
    }

    private boolean runIfScheduled(DeferredTask task) {
        boolean removed = queues.remove(task);
        if (removed) {
            trace.record("flush " + SeededChooser.kindName(task) + " " + task.name());
            task.run();
        }
        return removed;
    }

    /** Stops the framework thread; tasks and actions not run are dropped. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (simulation.preemptionHook() != null) {
            simulation.setPreemptionHook(null);
        }
        framework.stop(timeoutMs);
        queues.clearWork();
    }

    // ------------------------------------------------------------------ helpers

    private ScheduleFailure failure(String message, Throwable cause) {
        return new ScheduleFailure(seed, trace(), message, cause);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public String toString() {
        return "DeterministicScheduler{seed=" + seed + ", maxSteps=" + maxSteps + ", timeoutMs=" + timeoutMs + "}";
    }
}
