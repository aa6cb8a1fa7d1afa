package io.github.irq4j.cli;

import io.github.irq4j.Completion;
import io.github.irq4j.IoQueue;
import io.github.irq4j.PendingRequest;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application side of a run: keeps {@code outstanding} reads in flight on the device's default
 * queue, each of a length drawn from {@code 1..maxLength} by a seeded random, and sends a new one
 * as each completes, until {@link #stop()}.
 */
final class ReadClient {

    private final IoQueue queue;
    private final int maxLength;
    private final SplittableRandom random;
    private final Set<PendingRequest> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    ReadClient(IoQueue queue, int maxLength, long seed) {
        this.queue = queue;
        this.maxLength = maxLength;
        this.random = new SplittableRandom(seed);
    }

    void start(int outstanding) {
        for (int i = 0; i < outstanding; i++) {
            sendOne();
        }
    }

    private void sendOne() {
        if (stopped) {
            return;
        }
        int length;
        synchronized (random) {
            length = 1 + random.nextInt(maxLength);
        }
        PendingRequest p = queue.submitRead(length);
        sent.incrementAndGet();
        inFlight.add(p);
        p.completion().thenAccept(c -> onDone(p, c));
    }

    private void onDone(PendingRequest p, Completion c) {
        inFlight.remove(p);
        if (c.isSuccess()) {
            succeeded.incrementAndGet();
            bytes.addAndGet(c.information());
            sendOne();
        } else {
            failed.incrementAndGet(); // not resent: a device that is not ready would answer at once, forever
        }
    }

    /** Stops sending and cancels what is in flight (queued reads complete as CANCELLED at once). */
    void stop() {
        stopped = true;
        for (PendingRequest p : inFlight) {
            p.cancel();
        }
    }

    /** Reads neither completed nor cancelled yet. */
    int inFlight() {
        return inFlight.size();
    }
}
