package io.github.irq4j.internal;

import io.github.irq4j.Fault;
import io.github.irq4j.InterruptConfigException;
import io.github.irq4j.InterruptConfigException.Reason;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.ShareDisposition;
import io.github.irq4j.spi.InterruptSource;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's lines: for each source, its {@link InterruptLine}s (the interrupts created on each,
 * for the share rules of SPEC 2.2 rule 8) and the one {@link SourceDispatcher} that runs while at
 * least one of its interrupts is connected.
 *
 * <p>Guarded by this object's monitor, taken inside a device's power lock, never the other way
 * round, and never on the dispatch path: the dispatch thread reads the lines' copy-on-write arrays
 * only. Starting and stopping a dispatcher (which waits) happens outside the monitor, by the
 * interrupt that connects first or disconnects last.
 */
final class LineRegistry {

    /** The lines of one source and the loop dispatching them. Guarded by the registry's monitor. */
    private static final class SourceEntry {
        final InterruptLine[] lines;
        SourceDispatcher dispatcher;
        int connected;

        SourceEntry(InterruptSource source) {
            this.lines = new InterruptLine[source.messageCount()];
        }

        /** Sets or clears the line of {@code message}; a running dispatcher is told (it keeps line 0 of a one-line source). */
        void setLine(int message, InterruptLine line) {
            lines[message] = line;
            if (dispatcher != null) {
                dispatcher.lineChanged();
            }
        }

        boolean isEmpty() {
            for (InterruptLine l : lines) {
                if (l != null) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The outcome of {@link #join}: the dispatcher of the interrupt's source and whether the joining
     * interrupt must start it (it is the source's first connected interrupt).
     */
    record Joined(SourceDispatcher dispatcher, boolean mustStart) {
    }

    private final HostImpl host;
    private final Map<InterruptSource, SourceEntry> sources = new IdentityHashMap<>();

    LineRegistry(HostImpl host) {
        this.host = host;
    }

    /**
     * Finds or makes the line of {@code resource} and checks the share rules (SPEC 2.2 rule 8). Does
     * not register anything.
     */
    synchronized InterruptLine checkLine(InterruptResource resource, DeviceImpl device, String who) {
        SourceEntry entry = sources.get(resource.source());
        InterruptLine line = entry == null ? null : entry.lines[resource.message()];
        if (line == null) {
            return new InterruptLine(resource, host.stormPolicy);
        }
        if (line.mode != resource.mode()) {
            throw new InterruptConfigException(Reason.RESOURCE_TAKEN, who + ": " + line.describe() + " is " + line.mode
                    + " but resource '" + resource.name() + "' says " + resource.mode() + "; one line has one mode");
        }
        for (InterruptImpl other : line.members) {
            if (!compatible(other.resource.shareDisposition(), other.device, resource.shareDisposition(), device)
                    || !compatible(resource.shareDisposition(), device, other.resource.shareDisposition(), other.device)) {
                throw new InterruptConfigException(Reason.RESOURCE_TAKEN, who + ": " + line.describe()
                        + " is taken by interrupt '" + other.name() + "' of device '" + other.device.name() + "' ("
                        + other.resource.shareDisposition() + ", this one " + resource.shareDisposition()
                        + "); share it with ShareDisposition.SHARED on both sides");
            }
        }
        return line;
    }

    private static boolean compatible(ShareDisposition holder, DeviceImpl holderDevice, ShareDisposition other, DeviceImpl otherDevice) {
        return switch (holder) {
            case SHARED -> true;
            case DEVICE_EXCLUSIVE -> holderDevice == otherDevice;
            case DRIVER_EXCLUSIVE -> holderDevice.driver == otherDevice.driver;
        };
    }

    /**
     * Whether an interrupt of {@code device} was created on {@code resource} (or an equal one): such
     * an interrupt is a member of the line of {@code resource}'s source and message.
     */
    synchronized boolean isUsedBy(DeviceImpl device, InterruptResource resource) {
        SourceEntry entry = sources.get(resource.source());
        int message = resource.message();
        InterruptLine line = entry == null || message < 0 || message >= entry.lines.length ? null : entry.lines[message];
        if (line != null) {
            for (InterruptImpl i : line.members) {
                if (i.device == device && i.resource.equals(resource)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Registers a created interrupt as a member of its line (the line is registered if new). */
    synchronized void addMember(InterruptLine line, InterruptImpl interrupt) {
        SourceEntry entry = sources.computeIfAbsent(line.source, SourceEntry::new);
        if (entry.lines[line.message] == null) {
            entry.setLine(line.message, line);
        }
        entry.lines[line.message].addMember(interrupt);
    }

    /** Removes deleted interrupts from their lines, and lines and sources left empty. */
    synchronized void removeMembers(List<InterruptImpl> interrupts) {
        for (InterruptImpl i : interrupts) {
            SourceEntry entry = sources.get(i.line.source);
            if (entry == null) {
                continue;
            }
            InterruptLine line = entry.lines[i.line.message];
            if (line != null) {
                line.removeMember(i);
                if (line.members.length == 0) {
                    entry.setLine(i.line.message, null);
                }
            }
            if (entry.isEmpty() && entry.dispatcher == null) {
                sources.remove(i.line.source);
            }
        }
    }

    /** A snapshot of the interrupts created on {@code line}. */
    synchronized List<InterruptImpl> membersOf(InterruptLine line) {
        return List.of(line.members);
    }

    /**
     * Puts {@code interrupt} on its line's dispatch chain and counts it connected; makes the
     * source's dispatcher (not started) if it is the first. The caller starts it outside the monitor.
     */
    synchronized Joined join(InterruptImpl interrupt) {
        SourceEntry entry = sources.get(interrupt.line.source);
        interrupt.line.connect(interrupt);
        entry.connected++;
        if (entry.dispatcher != null) {
            return new Joined(entry.dispatcher, false);
        }
        SourceDispatcher d = new SourceDispatcher(host, interrupt.line.source, entry.lines, interrupt.config.dispatchMode(),
                interrupt.config.hybridSpinNs(), interrupt.policy);
        entry.dispatcher = d;
        return new Joined(d, true);
    }

    /**
     * Takes {@code interrupt} off its line's dispatch chain; returns the source's dispatcher if it
     * was the last connected interrupt (the caller stops it outside the monitor), else null.
     */
    synchronized SourceDispatcher leave(InterruptImpl interrupt) {
        SourceEntry entry = sources.get(interrupt.line.source);
        interrupt.line.disconnect(interrupt);
        if (entry != null && --entry.connected == 0) {
            SourceDispatcher stop = entry.dispatcher;
            entry.dispatcher = null;
            return stop;
        }
        return null;
    }

    /** The running dispatcher of {@code source}, or null. */
    synchronized SourceDispatcher dispatcherOf(InterruptSource source) {
        SourceEntry entry = sources.get(source);
        return entry == null ? null : entry.dispatcher;
    }

    /**
     * Delivers, before {@code interrupt} is disabled, every signal its source had when this was
     * called (the {@code synchronize_irq} step of SPEC 2.7's power-down and of disable()). If the
     * dispatch thread does not get through them in time (an ISR blocks), a fault says so and the
     * caller goes on; what was not delivered is then counted in the interrupt's {@code lost}. At
     * PASSIVE; waits outside the monitor.
     */
    void deliverPending(InterruptImpl interrupt, String call) {
        SourceDispatcher d = dispatcherOf(interrupt.line.source);
        long waitMs = StopBudget.remainingMs(ThreadedEnvironment.STOP_JOIN_MS);
        if (d != null && !d.synchronizeSignals(waitMs)) {
            boolean interrupted = Thread.currentThread().isInterrupted();
            String why = interrupted
                    ? "the calling thread was interrupted while it waited for the dispatch thread of source '"
                    : "the dispatch thread of source '";
            String what = interrupted
                    ? "' to deliver the pending signals"
                    : "' did not deliver the pending signals within " + waitMs + " ms (an ISR blocks?)";
            Thread t = d.loopThread();
            host.faultLog.record(StopBudget.active() ? Fault.Kind.STOP_TIMEOUT : Fault.Kind.CALLBACK_EXCEPTION, interrupt.device,
                    interrupt.name() + " " + call, call + " of interrupt '" + interrupt.name() + "': " + why
                            + interrupt.line.source.name() + what
                            + "; signals it takes while the interrupt is disabled are counted in lost()",
                    t == null || interrupted ? null : StopBudget.stackOf(t));
        }
    }
}
