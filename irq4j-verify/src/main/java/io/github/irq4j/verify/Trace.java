package io.github.irq4j.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps that led to a state, newest first: each names a line and, when something happened
 * there that decides the path, what (a branch taken, an exception thrown, a lock taken). Shared
 * between the states forked from it, and not part of a state's identity.
 *
 * @param line the source line
 * @param event what happened, or {@code null} for reaching the line
 * @param parent the step before
 */
record Trace(int line, String event, Trace parent) {

    /** The most lines a trace shows: the last ones, nearest the finding. */
    static final int MAX_LINES = 60;

    Trace then(int atLine, String what) {
        return new Trace(atLine, what, this);
    }

    /** The path from the entry, one step per line visited, events of one visit joined. */
    List<TraceStep> steps() {
        ArrayList<TraceStep> out = new ArrayList<>();
        int line = -1;
        List<String> events = new ArrayList<>();
        for (Trace t = this; t != null; t = t.parent) {
            if (t.line != line && line != -1) {
                out.add(step(line, events));
                events = new ArrayList<>();
            }
            line = t.line;
            if (t.event != null) {
                events.add(t.event);
            }
        }
        if (line != -1) {
            out.add(step(line, events));
        }
        List<TraceStep> forward = out.reversed();
        return forward.size() > MAX_LINES ? List.copyOf(forward.subList(forward.size() - MAX_LINES, forward.size()))
                : List.copyOf(forward);
    }

    private static TraceStep step(int line, List<String> newestFirst) {
        return new TraceStep(line, String.join("; ", newestFirst.reversed()));
    }

    static List<TraceStep> stepsOf(Trace t) {
        return t == null ? List.of() : t.steps();
    }
}
