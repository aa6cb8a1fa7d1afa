package io.github.irq4j.internal;

import io.github.irq4j.spi.DeferredTask;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.ExecutionEnvironment;
import io.github.irq4j.spi.SharedDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default environment: a dispatch thread per source, one DPC thread, and pools of worker
 * threads for work items and for I/O callbacks. All are {@link FrameworkThread}s, named by role.
 * With a {@link SharedDispatcher} (Host.Builder.sharedDispatcher), each loop is offered to it
 * first, and only the loops it declines get a thread.
 */
final class ThreadedEnvironment implements ExecutionEnvironment {

    /** How long stopDispatcher waits for a loop to end before interrupting its thread. */
    static final long STOP_JOIN_MS = 5_000;

    private final TaskQueue dpcs = new TaskQueue();
    private final TaskQueue workItems = new TaskQueue();
    private final TaskQueue ioCallbacks = new TaskQueue();
    private final List<FrameworkThread> threads = new ArrayList<>();
    private final Map<DispatchLoop, FrameworkThread> dispatchers = new ConcurrentHashMap<>();
    /** The shared dispatcher offered each loop first, or null; and the loops it took (a set). */
    private final SharedDispatcher shared;
    private final Map<DispatchLoop, Boolean> onShared = new ConcurrentHashMap<>();

    /** Where a throwable that escaped a deferred call goes (SPEC 4.1). */
    private final FaultLog faultLog;

    ThreadedEnvironment(int workers, FaultLog faultLog, SharedDispatcher shared) {
        this.faultLog = faultLog;
        this.shared = shared;
        start("irq4j-dpc", dpcs);
        for (int i = 0; i < workers; i++) {
            start("irq4j-work-" + i, workItems);
            start("irq4j-io-" + i, ioCallbacks);
        }
    }

    private void start(String name, TaskQueue queue) {
        FrameworkThread t = new FrameworkThread(() -> drain(queue), name);
        threads.add(t);
        t.start();
    }

    /**
     * Runs the queue's calls until it is closed. A throwable that escapes a call (a
     * {@link VirtualMachineError} its frame reported and rethrew, or a fault of the framework's own
     * code) is recorded and the thread goes on: the call's own state was restored by
     * {@link DeferredCall#run()}, and a dead DPC thread would leave every later DPC queued forever.
     */
    private void drain(TaskQueue queue) {
        while (true) {
            DeferredCall call;
            try {
                call = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (call == null) {
                return;
            }
            try {
                call.run();
            } catch (Throwable t) {
                escaped(call, t);
            }
        }
    }

    private void escaped(DeferredCall call, Throwable t) {
        try {
            faultLog.record(io.github.irq4j.Fault.Kind.FRAMEWORK_THREAD, null, call.name(), t + " escaped " + call.name()
                    + " on thread '" + Thread.currentThread().getName() + "'; the thread goes on", t);
        } catch (Throwable again) {
            // Out of memory while recording: the thread must survive all the same; nothing to do.
        }
    }

    @Override
    public void startDispatcher(DispatchLoop loop) {
        // Recorded before start: a loop the dispatcher took must be stopped there, even if its
        // connect fails on the dispatcher's thread before start returns.
        if (shared != null) {
            onShared.put(loop, Boolean.TRUE);
            boolean taken = false;
            try {
                taken = shared.start(loop);
            } finally {
                if (!taken) {
                    onShared.remove(loop);   // declined, or start threw (a closed dispatcher): nothing to stop there
                }
            }
            if (taken) {
                return;
            }
        }
        FrameworkThread t = new FrameworkThread(loop::run, loop.name());
        dispatchers.put(loop, t);
        t.start();
    }

    @Override
    public void stopDispatcher(DispatchLoop loop) {
        if (onShared.remove(loop) != null) {
            shared.stop(loop);
            return;
        }
        FrameworkThread t = dispatchers.remove(loop);
        loop.stop();
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            // Within the stop's budget (SPEC 4.2): most of it for a normal end, the rest after an
            // interrupt (a source blocked in a read); join(0) would wait forever, so 0 skips.
            long left = StopBudget.remainingMs(2 * STOP_JOIN_MS);
            long first = Math.max(1, left - left / 4);
            t.join(first);
            if (t.isAlive()) {
                t.interrupt();
                long rest = StopBudget.remainingMs(STOP_JOIN_MS);
                if (rest > 0) {
                    t.join(rest);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Queues {@code task} for its thread. From an ISR ({@link ThreadState#defersWakes}) the wake-up
     * of the thread that runs it is owed and sent by the dispatcher after the ISR (see
     * {@link TaskQueue}); from anywhere else it is sent at once.
     */
    @Override
    public void schedule(DeferredTask task) {
        DeferredCall call = (DeferredCall) task;
        TaskQueue queue = switch (call.kind()) {
            case DPC -> dpcs;
            case WORK_ITEM -> workItems;
            case IO_CALLBACK -> ioCallbacks;
        };
        ThreadState ts = ThreadState.current();
        if (!ts.defersWakes) {
            queue.add(call);
        } else if (queue.addOwingWake(call) && !ts.owe(queue)) {
            queue.wakeOne(); // the thread's record of owed wake-ups is full
        }
    }

    @Override
    public void close() {
        for (DispatchLoop loop : List.copyOf(dispatchers.keySet())) {
            stopDispatcher(loop);
        }
        for (DispatchLoop loop : List.copyOf(onShared.keySet())) {
            stopDispatcher(loop);   // the dispatcher itself is its owner's to close, after the host
        }
        dpcs.close();
        workItems.close();
        ioCallbacks.close();
        for (FrameworkThread t : threads) {
            if (t != Thread.currentThread()) {
                try {
                    long left = StopBudget.remainingMs(STOP_JOIN_MS);
                    if (left > 0) {
                        t.join(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (t.isAlive()) {
                    faultLog.record(io.github.irq4j.Fault.Kind.STOP_TIMEOUT, null, t.getName(), "framework thread '" + t.getName()
                            + "' did not end within the stop timeout (a DPC, work item or I/O callback does not return?);"
                            + " it is abandoned (a daemon thread)", StopBudget.stackOf(t));
                }
            }
        }
    }
}
