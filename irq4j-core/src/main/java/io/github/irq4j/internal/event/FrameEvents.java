package io.github.irq4j.internal.event;

import io.github.irq4j.Irql;

/**
 * The JFR events of one callback frame (SPEC 4.5): {@code irq4j.Isr}, {@code irq4j.Dpc} or
 * {@code irq4j.WorkItem} for the run, and {@code irq4j.LockHold} for the lock the frame holds (not
 * for an ISR, whose run is its lock hold). The frame calls {@link #begin()} at the end of its entry
 * and {@link #end} at the start of its exit, both only while {@link RecordingGuard#recording()};
 * nothing else in the framework emits a callback event.
 *
 * <p>Cost. With no recording the frame's calls are dead code (the guard is a constant in compiled
 * code) and the object does not exist: the frame makes it on its first run that records, and reuses
 * it run after run (one run at a time per frame, so one object per event type suffices); a run
 * allocates nothing after that. {@link #COMPILED} false (system property
 * {@code irq4j.jfr.events=false}) removes the calls, for the benchmark that prices them.
 *
 * <p>Which recording gets a run: {@link #end} commits only what {@link #begin()} began, and only in
 * the {@link RecordingGuard#generation()} it began in. So a recording that starts during a run does
 * not emit that run, and neither does one that starts after the run's recording stopped.
 */
public final class FrameEvents {

    /** Whether frames emit events at all: the system property {@code irq4j.jfr.events} is not {@code false}. */
    public static final boolean COMPILED = !"false".equals(System.getProperty("irq4j.jfr.events"));

    /** Which run event a frame emits. */
    public enum Type {
        ISR, DPC, WORK_ITEM, NONE
    }

    private final IsrEvent isr;
    private final DpcEvent dpc;
    private final WorkItemEvent work;
    private final LockHoldEvent hold;
    /** Whether the run in progress began its run event; the runner's alone. */
    private boolean began;
    private boolean beganHold;
    /** The recording generation {@link #begin()} ran in. */
    private int generation;
    private int lastIrql = -1;
    private String lastLevel;

    private FrameEvents(IsrEvent isr, DpcEvent dpc, WorkItemEvent work, LockHoldEvent hold) {
        this.isr = isr;
        this.dpc = dpc;
        this.work = work;
        this.hold = hold;
    }

    /** Whether a frame of {@code type} holding {@code lock} (or null) emits events. */
    public static boolean emits(Type type, String lock) {
        return COMPILED && (type != Type.NONE || lock != null);
    }

    /**
     * The events of a frame, or null when it emits none (or {@link #COMPILED} is false).
     *
     * @param interrupt the interrupt's name, or null for a callback of no interrupt
     * @param lock the name of the lock the frame holds, or null
     */
    public static FrameEvents of(Type type, String device, String callback, String interrupt, int message, String lock) {
        if (!emits(type, lock)) {
            return null;
        }
        IsrEvent i = null;
        DpcEvent d = null;
        WorkItemEvent w = null;
        switch (type) {
            case ISR -> {
                i = new IsrEvent();
                i.device = device;
                i.callback = callback;
                i.interrupt = interrupt;
                i.message = message;
            }
            case DPC -> {
                d = new DpcEvent();
                d.device = device;
                d.callback = callback;
                d.interrupt = interrupt;
                d.message = message;
            }
            case WORK_ITEM -> {
                w = new WorkItemEvent();
                w.device = device;
                w.callback = callback;
                w.interrupt = interrupt;
                w.message = message;
            }
            case NONE -> { }
        }
        LockHoldEvent h = null;
        if (lock != null && type != Type.ISR) {
            h = new LockHoldEvent();
            h.device = device;
            h.lock = lock;
            h.holder = callback;
        }
        return new FrameEvents(i, d, w, h);
    }

    /** The run starts, under a recording. The frame's runner only. */
    public void begin() {
        generation = RecordingGuard.generation();
        boolean b;
        IsrEvent i = isr;
        if (i != null) {
            b = i.isEnabled();
            if (b) {
                i.begin();
            }
        } else {
            DpcEvent d = dpc;
            if (d != null) {
                b = d.isEnabled();
                if (b) {
                    d.begin();
                }
            } else {
                WorkItemEvent w = work;
                b = w != null && w.isEnabled();
                if (b) {
                    w.begin();
                }
            }
            LockHoldEvent h = hold;
            boolean bh = h != null && h.isEnabled();
            beganHold = bh;
            if (bh) {
                h.begin();
            }
        }
        began = b;
    }

    /**
     * The run ends, under a recording; commits what {@link #begin()} began in this recording
     * generation if it passes its threshold and throttle.
     *
     * @param irql the level the callback ran at
     * @param faulted whether the body threw
     */
    public void end(int irql, boolean faulted) {
        if (generation != RecordingGuard.generation()) {
            began = false; // begun under a recording that has stopped since: not the current one's
            beganHold = false;
            return;
        }
        if (began) {
            began = false;
            commitRun(irql, faulted);
        }
        if (beganHold) {
            beganHold = false;
            LockHoldEvent h = hold;
            h.end();
            if (h.shouldCommit()) {
                h.level = level(irql);
                h.commit();
            }
        }
    }

    private void commitRun(int irql, boolean faulted) {
        if (isr != null) {
            IsrEvent e = isr;
            e.end();
            if (e.shouldCommit()) {
                e.level = level(irql);
                e.faulted = faulted;
                e.commit();
            }
        } else if (dpc != null) {
            DpcEvent e = dpc;
            e.end();
            if (e.shouldCommit()) {
                e.level = level(irql);
                e.faulted = faulted;
                e.commit();
            }
        } else {
            WorkItemEvent e = work;
            e.end();
            if (e.shouldCommit()) {
                e.level = level(irql);
                e.faulted = faulted;
                e.commit();
            }
        }
    }

    /** The level's name, kept per frame: a frame runs at one level, so this allocates once. */
    private String level(int irql) {
        if (irql != lastIrql) {
            lastLevel = Irql.of(irql).toString();
            lastIrql = irql;
        }
        return lastLevel;
    }
}
