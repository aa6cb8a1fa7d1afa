package io.github.irq4j.internal;

/**
 * A thread the framework runs driver code on: dispatch threads, DPC threads, workers. It carries
 * its {@link ThreadState} in a field so reading the current level is a field load.
 */
public final class FrameworkThread extends Thread {

    final ThreadState state = new ThreadState(this);

    public FrameworkThread(Runnable body, String name) {
        super(null, body, name);
        setDaemon(true);
    }
}
