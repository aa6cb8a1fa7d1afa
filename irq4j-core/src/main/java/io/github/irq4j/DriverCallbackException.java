package io.github.irq4j;

/**
 * A driver callback failed where the framework must tell its caller: {@code onEnable} in
 * {@link Interrupt#enable()}, a power-up step in {@link Host#start(Device)}, {@code onDeviceAdd} in
 * {@link Host#addDevice}. The driver's exception is the cause.
 */
public final class DriverCallbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String callback;

    public DriverCallbackException(String callback, String message, Throwable cause) {
        super(message, cause);
        this.callback = callback;
    }

    /** The callback that failed, such as {@code "onEnable"} or {@code "onD0Entry"}. */
    public String callback() {
        return callback;
    }
}
