package io.github.irq4j.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The choices a {@link DeterministicScheduler} made, one entry per choice, each stamped with its
 * number and the virtual time: {@code "#12 t=3000ns isr uart0.irq"}. Guarded by itself: the
 * framework thread records, and the driving thread reads it when a run fails or hangs.
 */
final class ScheduleTrace {

    private final List<String> entries = new ArrayList<>();
    private final Simulation simulation;

    ScheduleTrace(Simulation simulation) {
        this.simulation = simulation;
    }

    void record(String entry) {
        synchronized (entries) {
            entries.add("#" + entries.size() + " t=" + simulation.clock().nanoTime() + "ns " + entry);
        }
    }

    /** The entries so far, as an unmodifiable copy. */
    List<String> snapshot() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** Formats a trace for messages: one choice per line. */
    static String format(List<String> trace) {
        StringBuilder sb = new StringBuilder("schedule (" + trace.size() + " entries):");
        for (String s : trace) {
            sb.append("\n  ").append(s);
        }
        return sb.toString();
    }
}
