package io.github.irq4j;

/**
 * What the host does after a device fails (a contained driver fault with {@link #failDeviceOnFault},
 * or a bug check).
 *
 * @param failDeviceOnFault whether an exception from an ISR, DPC, work item or I/O queue callback fails the device;
 *                          if {@code false} it is reported and the device goes on
 * @param maxRestarts how many times a failed device is restarted (power-down, then start again); 0 never
 */
public record RestartPolicy(boolean failDeviceOnFault, int maxRestarts) {
    public RestartPolicy {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts: " + maxRestarts + " (expected: >= 0)");
        }
    }

    /** The default: fail the device on a fault, do not restart it. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(true, 0);
}
