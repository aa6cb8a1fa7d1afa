package io.github.irq4j.linux;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An {@link EpollSource}'s per-message state: which messages are masked, which descriptors are out
 * of the epoll set, and the signals lost. Each array is allocated on first use: most sources are
 * never masked and lose nothing, and with 10,000 sources three eager arrays were 120 B each and
 * two cold cache lines read on every dispatch (the soft-mask check).
 */
final class MessageMasks {

    private final int messages;
    /** 1 while mask(m) is in force; null until the first mask. Written under the source's fdLock; read by any thread. */
    private volatile AtomicIntegerArray masked;
    /** 1 while m's descriptor is out of the epoll set; null until the first. Written under fdLock; read by the dispatch thread. */
    private volatile AtomicIntegerArray softMasked;
    /** Signals lost per message, cumulative; null while none was. Created under {@code this}, added to atomically. */
    private volatile AtomicLongArray lost;

    MessageMasks(int messages) {
        this.messages = messages;
    }

    boolean isMasked(int m) {
        AtomicIntegerArray a = masked;
        return a != null && a.get(m) != 0;
    }

    /** Under fdLock. */
    void setMasked(int m, boolean mask) {
        AtomicIntegerArray a = masked;
        if (a == null && mask) {
            a = new AtomicIntegerArray(messages);
            masked = a;
        }
        if (a != null) {
            a.set(m, mask ? 1 : 0);
        }
    }

    /** Whether m's descriptor is out of the epoll set; the dispatch thread, once per signal: one field read when none is. */
    boolean isSoftMasked(int m) {
        AtomicIntegerArray a = softMasked;
        return a != null && a.get(m) != 0;
    }

    /** Under fdLock. */
    void setSoftMasked(int m, boolean mask) {
        AtomicIntegerArray a = softMasked;
        if (a == null && mask) {
            a = new AtomicIntegerArray(messages);
            softMasked = a;
        }
        if (a != null) {
            a.set(m, mask ? 1 : 0);
        }
    }

    /** Every descriptor is back in the set or gone (disconnect); under fdLock. */
    void clearSoftMasks() {
        softMasked = null;
    }

    long lost(int m) {
        AtomicLongArray a = lost;
        return a == null ? 0 : a.get(m);
    }

    /** Any thread; on loss only, so the lock that creates the array once is off the path of a delivered signal. */
    void addLost(int m, long n) {
        AtomicLongArray a = lost;
        if (a == null) {
            synchronized (this) {
                a = lost;
                if (a == null) {
                    a = new AtomicLongArray(messages);
                    lost = a;
                }
            }
        }
        a.getAndAdd(m, n);
    }
}
