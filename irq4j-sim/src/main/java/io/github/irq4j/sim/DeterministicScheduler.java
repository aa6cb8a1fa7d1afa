package io.github.irq4j.sim;

import io.github.irq4j.Registers;
import io.github.irq4j.spi.DeferredTask;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.ExecutionEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * time. At each step a seeded {@link SplittableRandom} picks among what is ready:
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
     * Protocol. The framework thread takes commands from `commands` and runs them one at a time:
     * runs (a sequence of steps), calls, and the open/close/flush requests that foreign threads
     * hand over. The driving thread blocks while a run or call is in progress, so exactly one
     * thread runs framework activities at any moment, and every choice is made by `random` on the
     * framework thread in program order: the same seed gives the same choices.
     *
     * `loops`, `tasks` and `actions` are guarded by `this`, because the framework may call
     * schedule() from any thread (the driving thread during host.start, say). Candidates are listed
     * in a fixed order (loops by start, tasks by schedule, actions by script, then time) so that the
     * index drawn means the same thing on every run with the seed.
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

    private static final Object TIME = new Object() {
        @Override
        public String toString() {
            return "time";
        }
    };
    private static final Runnable STOP = () -> { };

    private final long seed;
    private final Simulation simulation;
    private final Thread thread;
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile int maxSteps = DEFAULT_MAX_STEPS;
    private volatile long timeoutMs = DEFAULT_TIMEOUT_MS;

    private final List<LoopEntry> loops = new ArrayList<>();
    private final List<DeferredTask> tasks = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();

    /** The choices made; guarded by itself (read by the driving thread when a run hangs). */
    private final List<String> trace = new ArrayList<>();

    // Framework thread only.
    private final SplittableRandom random;
    private final ArrayList<Object> candidates = new ArrayList<>();
    private long horizonNanos = Long.MAX_VALUE;

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
        this.random = new SplittableRandom(seed);
        this.thread = new Thread(this::serve, "irq4j-sim-scheduler-" + seed);
        this.thread.setDaemon(true);
        this.thread.start();
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
        return thread;
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
        synchronized (trace) {
            return List.copyOf(trace);
        }
    }

    // ------------------------------------------------------------------ scripting and running

    /** Scripts a driver action, ready now: it runs on the framework thread, at {@code PASSIVE}, when the seed picks it. */
    public void script(String name, Runnable action) {
        scriptAt(Long.MIN_VALUE, name, action);
    }

    /** Scripts a driver action that becomes ready at virtual time {@code dueNanos}. */
    public synchronized void scriptAt(long dueNanos, String name, Runnable action) {
        actions.add(new Action(Objects.requireNonNull(name, "name"), dueNanos, Objects.requireNonNull(action, "action")));
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
        if (Thread.currentThread() == thread) {
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
        CompletableFuture<T> result = new CompletableFuture<>();
        commands.add(() -> {
            try {
                result.complete(callable.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure("the framework thread did not finish within " + timeoutMs + " ms (a deadlock or an endless loop"
                    + " in driver code); it is at:\n" + stackOf(thread), null);
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
        long savedHorizon = horizonNanos;
        horizonNanos = horizon;
        try {
            int steps = 0;
            while (step()) {
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
            horizonNanos = savedHorizon;
        }
    }

    /** Makes one choice and runs it; false if nothing was ready. Framework thread only. */
    private boolean step() {
        ArrayList<Object> c = candidates;
        c.clear();
        VirtualClock clock = simulation.clock();
        long now = clock.nanoTime();
        long nextAction = Long.MAX_VALUE;
        synchronized (this) {
            for (LoopEntry e : loops) {
                if (e.ready()) {
                    c.add(e);
                }
            }
            c.addAll(tasks);
            for (Action a : actions) {
                if (a.dueNanos <= now) {
                    c.add(a);
                } else {
                    nextAction = Math.min(nextAction, a.dueNanos);
                }
            }
        }
        long nextTime = Math.min(clock.nextEventNanos(), nextAction);
        if (nextTime != Long.MAX_VALUE && nextTime <= horizonNanos) {
            c.add(TIME);
        }
        if (c.isEmpty()) {
            noteBlockedLoops();
            return false;
        }
        Object pick = c.get(random.nextInt(c.size()));
        c.clear();
        run(pick, "");
        return true;
    }

    private void run(Object pick, String prefix) {
        if (pick instanceof LoopEntry e) {
            record(prefix + "isr " + e.loop.name());
            dispatch(e);
        } else if (pick instanceof DeferredTask t) {
            synchronized (this) {
                tasks.remove(t);
            }
            record(prefix + kindName(t) + " " + t.name());
            t.run();
        } else if (pick instanceof Action a) {
            synchronized (this) {
                actions.remove(a);
            }
            record(prefix + "action " + a.name);
            a.action.run();
        } else {
            advanceTime(prefix);
        }
    }

    private void dispatch(LoopEntry e) {
        e.dispatching = true;
        try {
            e.loop.pollOnce();
        } finally {
            e.dispatching = false;
        }
    }

    private void advanceTime(String prefix) {
        VirtualClock clock = simulation.clock();
        long nextEvent = clock.nextEventNanos();
        long now = clock.nanoTime();
        long nextAction = Long.MAX_VALUE;
        synchronized (this) {
            for (Action a : actions) {
                if (a.dueNanos > now) {
                    nextAction = Math.min(nextAction, a.dueNanos);
                }
            }
        }
        if (nextEvent <= nextAction) {
            SimEvent ev = clock.peekNextEvent();
            record(prefix + "event " + ev.name() + " @" + nextEvent + "ns");
            clock.fireNext();
        } else {
            record(prefix + "time -> " + nextAction + "ns");
            clock.advanceTo(nextAction);
        }
    }

    private void noteBlockedLoops() {
        synchronized (this) {
            for (LoopEntry e : loops) {
                if (e.opened && e.controller.hasPendingSignals() && !e.loop.canDispatchNow()) {
                    record("idle with a signal of " + e.loop.name() + " blocked: an interrupt lock is held");
                }
            }
        }
    }

    /**
     * The preemption point: before a register access on the framework thread, the seed decides
     * whether to let the driver go on, run a pending ISR (if its lock is free and its loop is not
     * already on the stack), or fire the next device event.
     */
    private void beforeRegisterAccess(Registers registers, long offset, boolean write) {
        if (Thread.currentThread() != thread || closed) {
            return;
        }
        ArrayList<Object> c = new ArrayList<>(4);
        synchronized (this) {
            for (LoopEntry e : loops) {
                if (e.ready()) {
                    c.add(e);
                }
            }
        }
        long nextEvent = simulation.clock().nextEventNanos();
        if (nextEvent != Long.MAX_VALUE && nextEvent <= horizonNanos) {
            c.add(TIME);
        }
        if (c.isEmpty()) {
            return;
        }
        int i = random.nextInt(c.size() + 1);
        if (i == c.size()) {
            return; // the driver goes on
        }
        Object pick = c.get(i);
        String at = "  preempt at " + registers.name() + "+0x" + Long.toHexString(offset) + (write ? " (write): " : " (read): ");
        if (pick == TIME) {
            SimEvent ev = simulation.clock().peekNextEvent();
            record(at + "event " + ev.name() + " @" + nextEvent + "ns");
            simulation.clock().fireNext();
        } else {
            run(pick, at);
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
        LoopEntry entry = new LoopEntry(loop, pic);
        synchronized (this) {
            loops.add(entry);
        }
        onFrameworkThread(() -> {
            try {
                loop.openSource();
                entry.opened = true;
                record("open " + loop.name());
            } catch (RuntimeException e) {
                record("open " + loop.name() + " failed: " + e.getMessage());
            }
        });
    }

    /** Unregisters the loop; it no longer dispatches. Closes its source on the framework thread. */
    @Override
    public void stopDispatcher(DispatchLoop loop) {
        LoopEntry found = null;
        synchronized (this) {
            for (int i = 0; i < loops.size(); i++) {
                if (loops.get(i).loop == loop) {
                    found = loops.remove(i);
                    break;
                }
            }
        }
        loop.stop();
        if (found != null && !closed) {
            LoopEntry entry = found;
            onFrameworkThread(() -> {
                if (entry.opened) {
                    entry.opened = false;
                    loop.closeSource();
                    record("close " + loop.name());
                }
            });
        }
    }

    /** Adds the task to the ready set; the seed decides when it runs. Any thread; never blocks. */
    @Override
    public void schedule(DeferredTask task) {
        if (closed) {
            return;
        }
        synchronized (this) {
            tasks.add(task);
        }
    }

    /**
     * Runs {@code task} now if it is waiting: inline on the framework thread, else handed to it.
     *
     * @return true if it ran here, on the framework thread
     */
    @Override
    public boolean helpFlush(DeferredTask task) {
        if (Thread.currentThread() == thread) {
            return runIfScheduled(task);
        }
        if (!closed) {
            commands.add(() -> runIfScheduled(task));
        }
        return false;
    }

    private boolean runIfScheduled(DeferredTask task) {
        boolean removed;
        synchronized (this) {
            removed = tasks.remove(task);
        }
        if (removed) {
            record("flush " + kindName(task) + " " + task.name());
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
        commands.add(STOP);
        if (simulation.preemptionHook() != null) {
            simulation.setPreemptionHook(null);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(timeoutMs);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            tasks.clear();
            actions.clear();
        }
    }

    // ------------------------------------------------------------------ framework thread

    private void serve() {
        try {
            while (true) {
                Runnable command = commands.take();
                if (command == STOP) {
                    return;
                }
                command.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onFrameworkThread(Runnable r) {
        if (Thread.currentThread() == thread) {
            r.run();
        } else {
            commands.add(r);
        }
    }

    private void record(String entry) {
        synchronized (trace) {
            trace.add("#" + trace.size() + " t=" + simulation.clock().nanoTime() + "ns " + entry);
        }
    }

    private ScheduleFailure failure(String message, Throwable cause) {
        return new ScheduleFailure(seed, trace(), message, cause);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String kindName(DeferredTask t) {
        return t.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String stackOf(Thread t) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("    at ").append(e).append('\n');
        }
        return sb.toString();
    }

    /** Formats a trace for messages: one choice per line. */
    static String format(List<String> trace) {
        StringBuilder sb = new StringBuilder("schedule (" + trace.size() + " entries):");
        for (String s : trace) {
            sb.append("\n  ").append(s);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "DeterministicScheduler{seed=" + seed + ", maxSteps=" + maxSteps + ", timeoutMs=" + timeoutMs + "}";
    }

    /** A dispatch loop and its controller. {@code opened} and {@code dispatching}: framework thread only. */
    private static final class LoopEntry {
        final DispatchLoop loop;
        final SimInterruptController controller;
        volatile boolean opened;
        boolean dispatching;

        LoopEntry(DispatchLoop loop, SimInterruptController controller) {
            this.loop = loop;
            this.controller = controller;
        }

        boolean ready() {
            return opened && !dispatching && loop.isRunning() && controller.hasPendingSignals() && loop.canDispatchNow();
        }
    }

    /** A scripted action; compared by identity. */
    private static final class Action {
        final String name;
        final long dueNanos;
        final Runnable action;

        Action(String name, long dueNanos, Runnable action) {
            this.name = name;
            this.dueNanos = dueNanos;
            this.action = action;
        }
    }
}
