package io.github.irq4j.internal.event;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether any JFR recording is running, as a constant the JIT folds (SPEC 4.5). The answer is
 * the target of a {@link MutableCallSite}, a constant {@code boolean}, read through a
 * {@code static final} dynamic invoker: compiled code inlines the constant, so with no recording
 * {@code if (RecordingGuard.recording())} and everything it guards are dead code in the callback
 * frame's run, with no load, no branch and no allocation. A {@link FlightRecorderListener}
 * retargets the site when the set of running recordings changes; retargeting deoptimizes the code
 * that inlined the old constant, which recompiles with the new one. That costs a recompile at each
 * start and stop of a recording, which are rare, against nothing per interrupt.
 *
 * <p>State present before irq4j. The listener is registered when this class initializes (the
 * first callback frame made). If JFR is already initialized then, for instance by
 * {@code -XX:StartFlightRecording}, JFR calls {@link FlightRecorderListener#recorderInitialized}
 * at once, and the guard reads the recordings there; if it is not, no recording can be running and
 * the guard does not initialize JFR (registering a listener does not): the first recording made
 * initializes it and is reported to the listener when it starts.
 *
 * <p>Generation. {@link #generation()} counts the listener's notifications. An event begun at one
 * generation is committed only at the same one, so a run that began under one recording is not
 * committed to the next (a recording stopped and another started during the run, even from the
 * callback itself), and a begun event left uncommitted by a stop is never committed later.
 *
 * <p>Invariant: after every notification, the site's target is what a scan of the recordings made
 * after that notification's state change said. Scans run outside any lock of the guard (JFR's own
 * locks are taken by the scan, and JFR may call the listener holding them), so two concurrent
 * notifications may apply their scans out of order; each rescans until no notification came in
 * while it scanned, so the last one to finish applies a scan newer than every state change.
 */
public final class RecordingGuard {

    private static final MutableCallSite RUNNING = new MutableCallSite(MethodHandles.constant(boolean.class, false));
    private static final MethodHandle IS_RUNNING = RUNNING.dynamicInvoker();
    private static final AtomicInteger GENERATION = new AtomicInteger();
    /** The site's current target's value; written under the class lock. */
    private static boolean current;

    static {
        FlightRecorder.addListener(new Listener());
    }

    private RecordingGuard() {
    }

    /**
     * Whether a JFR recording is running. Folded to a constant in compiled code; any thread. A
     * recording's start is seen by the time its {@link Recording#start()} returns (JFR notifies
     * listeners on the starting thread), its stop by the time {@link Recording#stop()} returns.
     */
    public static boolean recording() {
        try {
            return (boolean) IS_RUNNING.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t); // a constant handle does not throw
        }
    }

    /** The count of recording state changes so far; an event commits only in the generation it began in. */
    public static int generation() {
        return GENERATION.get();
    }

    /** Initializes the guard (registers its listener) ahead of the first callback run. */
    public static void init() {
        // the static initializer does it
    }

    private static void changed(FlightRecorder recorder) {
        int seen = GENERATION.incrementAndGet();
        while (true) {
            apply(anyRunning(recorder));
            int now = GENERATION.get();
            if (now == seen) {
                return;
            }
            seen = now; // another notification came in while this one scanned: scan again, after it
        }
    }

    private static boolean anyRunning(FlightRecorder recorder) {
        for (Recording r : recorder.getRecordings()) {
            if (r.getState() == RecordingState.RUNNING) {
                return true;
            }
        }
        return false;
    }

    private static synchronized void apply(boolean running) {
        if (running != current) {
            current = running;
            RUNNING.setTarget(MethodHandles.constant(boolean.class, running));
            MutableCallSite.syncAll(new MutableCallSite[] {RUNNING});
        }
    }

    private static final class Listener implements FlightRecorderListener {
        @Override
        public void recorderInitialized(FlightRecorder recorder) {
            changed(recorder);
        }

        @Override
        public void recordingStateChanged(Recording recording) {
            changed(FlightRecorder.getFlightRecorder());
        }
    }
}
