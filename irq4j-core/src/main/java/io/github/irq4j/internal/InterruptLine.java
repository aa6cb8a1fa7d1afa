package io.github.irq4j.internal;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.StormPolicy;
import io.github.irq4j.spi.InterruptSource;

/**
 * One line (or MSI message) of a source, and the interrupts on it.
 *
 * <p>{@link #members} are the interrupts created on the line (for the share rules); replaced under
 * the {@link LineRegistry}'s monitor (an array: a line has one or a few, a list kept 56 B more). {@link #connected} are those whose ISR the dispatch thread calls: a
 * copy-on-write array, replaced under the registry's monitor, read by the dispatch thread without one.
 * The counters below it are the dispatch thread's alone.
 */
final class InterruptLine {

    /** Linux's "nobody cared" window: after this many interrupts ... */
    static final int NOBODY_CARED_WINDOW = 100_000;
    /** ... a line with more unclaimed than this is disabled. */
    static final int NOBODY_CARED_LIMIT = 99_900;
    /** An edge line shared by several ISRs is re-run until a pass with no claim, at most this often. */
    static final int MAX_EDGE_PASSES = 16;

    private static final InterruptImpl[] NONE = new InterruptImpl[0];

    final InterruptSource source;
    final int message;
    final InterruptMode mode;
    /** Replaced, never mutated, under the registry's monitor; read under it. */
    InterruptImpl[] members = NONE;
    volatile InterruptImpl[] connected = NONE;
    /** The one connected interrupt when there is exactly one, else null: saves dispatch the array's cache line. */
    volatile InterruptImpl onlyConnected;
    /** Set once "nobody cared" or an interrupt storm (SPEC 3, 3.1) masked the line: it is no longer dispatched. */
    volatile boolean disabledByHost;
    /** The storm rule's meter of claimed signals (SPEC 3.1). */
    private final StormMeter storm;

    private int windowCount;
    private int windowUnclaimed;
    /**
     * Edges of signals taken from the source that no ISR ran for: the line had no connected
     * interrupt (its source stays open while another line of it is connected, as at power-up and
     * power-down of a device with several interrupts on one source), or "nobody cared" disabled it.
     * Counted lost by every interrupt created on the line, as the source's own lost signals are.
     */
    long dropped;

    InterruptLine(InterruptResource resource, StormPolicy stormPolicy) {
        this.source = resource.source();
        this.message = resource.message();
        this.mode = resource.mode();
        this.storm = new StormMeter(stormPolicy);
    }

    /** Under the registry's monitor. */
    void addMember(InterruptImpl interrupt) {
        members = with(members, interrupt);
    }

    /** Under the registry's monitor. */
    void removeMember(InterruptImpl interrupt) {
        members = without(members, interrupt);
    }

    private static InterruptImpl[] with(InterruptImpl[] cur, InterruptImpl interrupt) {
        InterruptImpl[] next = java.util.Arrays.copyOf(cur, cur.length + 1);
        next[cur.length] = interrupt;
        return next;
    }

    /** {@code cur} without the first occurrence of {@code interrupt} (itself if absent). */
    private static InterruptImpl[] without(InterruptImpl[] cur, InterruptImpl interrupt) {
        for (int k = 0; k < cur.length; k++) {
            if (cur[k] == interrupt) {
                if (cur.length == 1) {
                    return NONE;
                }
                InterruptImpl[] next = new InterruptImpl[cur.length - 1];
                System.arraycopy(cur, 0, next, 0, k);
                System.arraycopy(cur, k + 1, next, k, cur.length - k - 1);
                return next;
            }
        }
        return cur;
    }

    void connect(InterruptImpl interrupt) {
        InterruptImpl[] cur = connected;
        InterruptImpl[] next = java.util.Arrays.copyOf(cur, cur.length + 1);
        next[cur.length] = interrupt;
        setConnected(next);
    }

    void disconnect(InterruptImpl interrupt) {
        InterruptImpl[] cur = connected;
        int n = 0;
        InterruptImpl[] next = new InterruptImpl[Math.max(0, cur.length - 1)];
        for (InterruptImpl i : cur) {
            if (i != interrupt && n < next.length) {
                next[n++] = i;
            }
        }
        setConnected(n == 0 ? NONE : java.util.Arrays.copyOf(next, n));
    }

    /** Replaces the connected set and the one-interrupt field derived from it; under the registry's monitor. */
    private void setConnected(InterruptImpl[] now) {
        connected = now;
        onlyConnected = now.length == 1 ? now[0] : null;
    }

    /**
     * Runs the ISRs of one signal (SPEC 2.3): a level line stops at the first claim, a shared edge
     * line repeats passes until one where nobody claims. Dispatch thread only.
     *
     * @return whether any ISR claimed
     */
    boolean dispatch(ThreadState ts, long count, HostImpl host) {
        // One connected interrupt is read without the array: a cache line fewer per signal when
        // many sources fire in turn. Null: none or several (or a connect is between its two writes).
        InterruptImpl one = onlyConnected;
        InterruptImpl[] chain = one == null ? connected : null;
        if (disabledByHost || one == null && chain.length == 0) {
            dropped += count;
            return false;
        }
        boolean any;
        if (one != null) {
            one.counters.signalled(count);
            any = one.runIsr(ts);
        } else {
            for (InterruptImpl i : chain) {
                i.counters.signalled(count);
            }
            any = runChain(chain, ts);
        }
        countForNobodyCared(any, host);
        if (any && storm.claimed()) {
            stormed(host);
        }
        return any;
    }

    /** The ISRs of a chain read from {@link #connected}: a level line stops at the first claim, an edge line repeats passes. */
    private boolean runChain(InterruptImpl[] chain, ThreadState ts) {
        if (chain.length == 1) {
            return chain[0].runIsr(ts);
        }
        if (mode == InterruptMode.LEVEL_SENSITIVE) {
            for (InterruptImpl i : chain) {
                if (i.runIsr(ts)) {
                    return true;
                }
            }
            return false;
        }
        boolean any = false;
        boolean claimedInPass;
        int passes = 0;
        do {
            claimedInPass = false;
            for (InterruptImpl i : chain) {
                claimedInPass |= i.runIsr(ts);
            }
            any |= claimedInPass;
        } while (claimedInPass && ++passes < MAX_EDGE_PASSES);
        return any;
    }

    private void countForNobodyCared(boolean claimed, HostImpl host) {
        windowCount++;
        if (!claimed) {
            windowUnclaimed++;
        }
        if (windowCount == NOBODY_CARED_WINDOW) {
            if (windowUnclaimed > NOBODY_CARED_LIMIT) {
                disabledByHost = true;
                source.mask(message);
                host.nobodyCared(this, windowUnclaimed, windowCount);
            }
            windowCount = 0;
            windowUnclaimed = 0;
        }
    }

    /** The claimed rate stayed above the ceiling: the host reports it and, per its policy, masks the line. */
    private void stormed(HostImpl host) {
        if (host.stormPolicy.action() == StormPolicy.Action.MASK) {
            disabledByHost = true;
            source.mask(message);
        }
        host.interruptStorm(this, storm.rate(), storm.ceiling());
    }

    /**
     * After {@code enable()}: unmasks the line at its source, unless "nobody cared" or a storm disabled it. A
     * level line whose signal arrived while the interrupt was disabled went unclaimed, and sources
     * that keep an unclaimed level line masked (VFIO INTx, UIO) would otherwise never deliver it
     * again; an unmask of a line that is not masked changes nothing.
     */
    void rearmAfterEnable() {
        if (!disabledByHost) {
            source.unmask(message);
        }
    }

    String describe() {
        return "line " + message + " of source '" + source.name() + "'";
    }
}
