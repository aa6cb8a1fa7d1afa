package io.github.irq4j.internal;

import io.github.irq4j.Fault;
import io.github.irq4j.FaultListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's record of contained faults (SPEC 4): keeps each {@link Fault} and tells the listener.
 * It decides nothing: whether a fault fails its device is the host's and the power sequence's
 * business.
 *
 * <p>Any thread; {@link #record} takes the list's monitor briefly and allocates the fault, so it is
 * called on fault paths only, never on a hot path that succeeded.
 */
final class FaultLog {

    private final FaultListener listener;
    /** Guarded by its own monitor. */
    private final List<Fault> faults = new ArrayList<>();

    FaultLog(FaultListener listener) {
        this.listener = listener;
    }

    /** Records a fault of {@code device} (null: of no device) and tells the listener. */
    void record(Fault.Kind kind, DeviceImpl device, String where, String message, Throwable cause) {
        Fault f = new Fault(kind, device == null ? "-" : device.name(), where, message, cause);
        synchronized (faults) {
            faults.add(f);
        }
        if (listener != null) {
            try {
                listener.onFault(f);
            } catch (RuntimeException e) {
                // A broken listener must not take the dispatch thread down; the fault is recorded.
            }
        }
    }

    /** Every fault so far, oldest first. */
    List<Fault> faults() {
        synchronized (faults) {
            return List.copyOf(faults);
        }
    }
}
