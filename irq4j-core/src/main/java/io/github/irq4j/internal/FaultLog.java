package io.github.irq4j.internal;

import io.github.irq4j.Fault;
import io.github.irq4j.FaultListener;
import io.github.irq4j.FindingCount;
import java.util.List;

/**
 * The host's record of contained faults (SPEC 4): tells the listener of each {@link Fault} and keeps
 * the most recent ones in full and an exact count of every group of identical ones, in bounded
 * memory ({@link FindingLog}, SPEC 4.3).
 * It decides nothing: whether a fault fails its device is the host's and the power sequence's
 * business.
 *
 * <p>Any thread; {@link #record} takes the log's monitor briefly and allocates the fault, so it is
 * called on fault paths only, never on a hot path that succeeded.
 */
final class FaultLog {

    private final FaultListener listener;
    private final FindingLog<Fault> faults;

    FaultLog(FaultListener listener, int retained) {
        this.listener = listener;
        this.faults = new FindingLog<>(retained);
    }

    /** Records a fault of {@code device} (null: of no device) and tells the listener. */
    void record(Fault.Kind kind, DeviceImpl device, String where, String message, Throwable cause) {
        Fault f = new Fault(kind, device == null ? "-" : device.name(), where, message, cause);
        faults.add(f, kind.name(), f.device(), where, message);
        if (listener != null) {
            try {
                listener.onFault(f);
            } catch (RuntimeException e) {
                // A broken listener must not take the dispatch thread down; the fault is recorded.
            }
        }
    }

    /** The most recent faults, oldest first. */
    List<Fault> faults() {
        return faults.recent();
    }

    /** The exact count of each group of identical faults. */
    List<FindingCount> counts() {
        return faults.counts();
    }
}
