package io.github.irq4j.linux;

import io.github.irq4j.spi.DeferredTask;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The deferred-call threads of an {@link EpollDispatchGroup}, as the framework's default
 * environment has them: one DPC thread (DPCs run in queue order, SPEC 2.5), and pools of work-item
 * and I/O-callback threads. The framework hands a task over at most once before its run starts,
 * so each queue holds at most one entry per task; an {@link ArrayDeque} grows to that and then
 * adding allocates nothing (ISRs queue DPCs from the hot path).
 */
final class DeferredLanes {

    /** One FIFO and the threads draining it. */
    private static final class Fifo {
        private final ArrayDeque<DeferredTask> tasks = new ArrayDeque<>();
        private boolean closed;

        synchronized void add(DeferredTask task) {
            if (!closed) {
                tasks.addLast(task);
                notify();
            }
        }

        synchronized DeferredTask take() throws InterruptedException {
            while (tasks.isEmpty()) {
                if (closed) {
                    return null;
                }
                wait();
            }
            return tasks.pollFirst();
        }

        synchronized void close() {
            closed = true;
            tasks.clear();
            notifyAll();
        }
    }

    private final Fifo dpcs = new Fifo();
    private final Fifo workItems = new Fifo();
    private final Fifo ioCallbacks = new Fifo();
    private final List<Thread> threads = new ArrayList<>();

    DeferredLanes(String name, int workers) {
        start(name + "-dpc", dpcs);
        for (int i = 0; i < workers; i++) {
            start(name + "-work-" + i, workItems);
            start(name + "-io-" + i, ioCallbacks);
        }
    }

    private void start(String name, Fifo fifo) {
        Thread t = new Thread(() -> drain(fifo), name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private static void drain(Fifo fifo) {
        try {
            DeferredTask task;
            while ((task = fifo.take()) != null) {
                task.run();   // never throws: the framework contains and reports driver faults
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues {@code task} by kind. Any thread, any level; does not block beyond the queue's monitor. */
    void schedule(DeferredTask task) {
        switch (task.kind()) {
            case DPC -> dpcs.add(task);
            case WORK_ITEM -> workItems.add(task);
            case IO_CALLBACK -> ioCallbacks.add(task);
        }
    }

    int threadCount() {
        return threads.size();
    }

    /** Drops tasks not started and joins the threads (each for at most {@code joinMs}). */
    void close(long joinMs) {
        dpcs.close();
        workItems.close();
        ioCallbacks.close();
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                try {
                    t.join(joinMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
