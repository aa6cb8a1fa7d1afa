package io.github.irq4j;

/**
 * A bug check: a misuse after which the device cannot safely go on (SPEC section 4). Thrown at
 * the misuse site to unwind the driver; the host then reports it, powers the device down and
 * restarts the driver if its restart policy allows. The JVM goes on.
 */
public final class BugCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final BugCheckCode code;
    private final String device;
    private final long[] parameters;

    public BugCheckException(BugCheckCode code, String device, String message, long... parameters) {
        super(code + " on device '" + device + "': " + message);
        this.code = code;
        this.device = device;
        this.parameters = parameters.clone();
    }

    /** The bug check code. */
    public BugCheckCode code() {
        return code;
    }

    /** The name of the device that was stopped. */
    public String device() {
        return device;
    }

    /** The bug check parameters, as the four {@code ULONG_PTR} arguments of {@code KeBugCheckEx}. */
    public long[] parameters() {
        return parameters.clone();
    }
}
