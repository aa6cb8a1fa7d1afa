package io.github.irq4j;

import java.util.Objects;

/**
 * The configuration of a queue. Mirrors {@code WDF_IO_QUEUE_CONFIG} (and
 * {@code WDF_IO_QUEUE_CONFIG_INIT} / {@code WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE}). Immutable.
 * <pre>{@code
 * IoQueue queue = device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL)
 *         .defaultQueue(true)
 *         .onRead(this::onRead)
 *         .build());
 * }</pre>
 */
public final class IoQueueConfig {

    private final IoQueueDispatchType dispatchType;
    private final String name;
    private final boolean defaultQueue;
    private final IoRead onRead;
    private final IoWrite onWrite;
    private final IoDeviceControl onDeviceControl;
    private final boolean automaticSerialization;

    private IoQueueConfig(Builder b) {
        this.dispatchType = b.dispatchType;
        this.name = b.name;
        this.defaultQueue = b.defaultQueue;
        this.onRead = b.onRead;
        this.onWrite = b.onWrite;
        this.onDeviceControl = b.onDeviceControl;
        this.automaticSerialization = b.automaticSerialization;
    }

    /** Starts a configuration. Mirrors {@code WDF_IO_QUEUE_CONFIG_INIT}. */
    public static Builder builder(IoQueueDispatchType dispatchType) {
        return new Builder(Objects.requireNonNull(dispatchType, "dispatchType"));
    }

    public IoQueueDispatchType dispatchType() { return dispatchType; }
    /** The name used in messages; {@code null} means the device's name plus {@code .queueN}. */
    public String name() { return name; }
    /** {@code DefaultQueue}: requests submitted to the device go to this queue. */
    public boolean defaultQueue() { return defaultQueue; }
    /** {@code EvtIoRead}, or {@code null}: reads then complete with {@link RequestStatus#INVALID_DEVICE_REQUEST}. */
    public IoRead onRead() { return onRead; }
    /** {@code EvtIoWrite}, or {@code null}. */
    public IoWrite onWrite() { return onWrite; }
    /** {@code EvtIoDeviceControl}, or {@code null}. */
    public IoDeviceControl onDeviceControl() { return onDeviceControl; }
    /**
     * {@code WDF_OBJECT_ATTRIBUTES.SynchronizationScope = WdfSynchronizationScopeQueue}: the queue's
     * callbacks run holding the queue's callback lock, one at a time even on a parallel queue; the
     * lock's level is the device's {@link Device#executionLevel()}.
     */
    public boolean automaticSerialization() { return automaticSerialization; }

    @Override
    public String toString() {
        return "IoQueueConfig{" + dispatchType + ", name=" + name + ", defaultQueue=" + defaultQueue
                + ", onRead=" + (onRead != null) + ", onWrite=" + (onWrite != null)
                + ", onDeviceControl=" + (onDeviceControl != null) + ", automaticSerialization=" + automaticSerialization + "}";
    }

    /** Builds an {@link IoQueueConfig}. Not thread-safe. */
    public static final class Builder {
        private final IoQueueDispatchType dispatchType;
        private String name;
        private boolean defaultQueue;
        private IoRead onRead;
        private IoWrite onWrite;
        private IoDeviceControl onDeviceControl;
        private boolean automaticSerialization;

        private Builder(IoQueueDispatchType dispatchType) {
            this.dispatchType = dispatchType;
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder defaultQueue(boolean on) { this.defaultQueue = on; return this; }
        public Builder onRead(IoRead callback) { this.onRead = callback; return this; }
        public Builder onWrite(IoWrite callback) { this.onWrite = callback; return this; }
        public Builder onDeviceControl(IoDeviceControl callback) { this.onDeviceControl = callback; return this; }
        public Builder automaticSerialization(boolean on) { this.automaticSerialization = on; return this; }

        /**
         * @throws IllegalArgumentException if a manual queue has callbacks (it never calls them) or
         *         is the default queue (requests would wait forever unless the driver retrieves them,
         *         which WDF allows but irq4j rejects to catch the common mistake)
         */
        public IoQueueConfig build() {
            String who = name == null ? "queue" : "queue '" + name + "'";
            if (dispatchType == IoQueueDispatchType.MANUAL && (onRead != null || onWrite != null || onDeviceControl != null)) {
                throw new IllegalArgumentException(who + ": a MANUAL queue never calls onRead/onWrite/onDeviceControl;"
                        + " drop the callbacks and use retrieveNextRequest(), or use SEQUENTIAL or PARALLEL");
            }
            if (dispatchType == IoQueueDispatchType.MANUAL && defaultQueue) {
                throw new IllegalArgumentException(who + ": a MANUAL queue cannot be the default queue here;"
                        + " make the default queue SEQUENTIAL or PARALLEL and forward requests to the manual one");
            }
            return new IoQueueConfig(this);
        }
    }
}
