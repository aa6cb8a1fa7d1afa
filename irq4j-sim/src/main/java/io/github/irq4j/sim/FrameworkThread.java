package io.github.irq4j.sim;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread of a {@link DeterministicScheduler} that runs framework activities: it takes
 * commands from a queue and runs them one at a time, in the order they were handed over (runs,
 * calls, and the open/close/flush requests of other threads). A daemon: a scheduler that is never
 * closed does not keep the JVM alive.
 */
final class FrameworkThread {

    private static final Runnable STOP = () -> { };

    private final Thread thread;
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();

    FrameworkThread(String name) {
        this.thread = new Thread(this::serve, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    Thread thread() {
        return thread;
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Hands {@code command} over; it runs after the commands before it. Any thread; never blocks. */
    void submit(Runnable command) {
        commands.add(command);
    }

    /** Runs {@code command} at once on the framework thread, else hands it over. */
    void runOrSubmit(Runnable command) {
        if (isCurrent()) {
            command.run();
        } else {
            commands.add(command);
        }
    }

    /**
     * Hands {@code callable} over and waits for its result. Not on the framework thread (it would
     * wait for itself).
     *
     * @throws ExecutionException what it threw, as the cause
     * @throws TimeoutException if it did not finish within {@code timeoutMs}
     */
    <T> T callAndWait(Callable<T> callable, long timeoutMs) throws ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        commands.add(() -> {
            try {
                result.complete(callable.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the thread after the commands already handed over; from another thread, waits up to
     * {@code timeoutMs} for it to end, then interrupts it.
     */
    void stop(long timeoutMs) {
        commands.add(STOP);
        if (isCurrent()) {
            return;
        }
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

    /** Where the thread is now, one frame per line: for the message of a run that hung. */
    String stack() {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : thread.getStackTrace()) {
            sb.append("    at ").append(e).append('\n');
        }
        return sb.toString();
    }

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
}
