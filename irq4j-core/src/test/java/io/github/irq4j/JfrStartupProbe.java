package io.github.irq4j;

import io.github.irq4j.internal.event.RecordingGuard;

/**
 * The child JVM of {@link JfrRecordingStateTest#aRecordingStartedBeforeIrq4jIsSeen}, started with
 * {@code -XX:StartFlightRecording}: dispatches {@link #RUNS} ISRs of device {@link #DEVICE} and
 * prints whether irq4j saw the recording.
 */
public final class JfrStartupProbe {

    static final String DEVICE = "jfr-startup";
    static final int RUNS = 3;

    private JfrStartupProbe() {
    }

    public static void main(String[] args) {
        try (InlineHost h = new InlineHost(DEVICE, (i, m) -> true)) {
            for (int k = 0; k < RUNS; k++) {
                h.fireAndDispatch();
            }
            System.out.println("recording=" + RecordingGuard.recording() + " isrCalls=" + h.interrupt.statistics().isrCalls());
        }
    }
}
