package io.github.irq4j.linux;

import java.io.IOException;

/**
 * A failed kernel call: keeps the errno and its name, and says which device or path failed and
 * what to check. Callers branch on {@link #expectedErr()} or {@link #errnoName()}, never on the
 * message.
 * <pre>{@code
 * open /dev/uio0: ENOENT (No such file or directory): no UIO device; load uio_pci_generic and bind the device
 * }</pre>
 */
public final class NativeIoException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The positive errno value (never 0). */
    private final int errno;
    /** The call that failed, such as {@code "open"} or {@code "ioctl(VFIO_GROUP_SET_CONTAINER)"}. */
    private final String call;
    /** The device or path it was made on. */
    private final String target;

    NativeIoException(String call, String target, int errno, String hint) {
        super(call + " " + target + ": " + Errno.name(errno) + " (" + Errno.description(errno) + "): "
                + (hint == null ? Errno.defaultHint(errno) : hint));
        this.errno = errno;
        this.call = call;
        this.target = target;
    }

    /** The positive errno value, such as 2 for {@code ENOENT}. Named after Netty's {@code NativeIoException.expectedErr()}. */
    public int expectedErr() {
        return errno;
    }

    /** The errno's symbolic name, such as {@code "ENOENT"}, or {@code "errno 133"} if unknown. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** The call that failed, such as {@code "open"}. */
    public String call() {
        return call;
    }

    /** The device or path the call was made on. */
    public String target() {
        return target;
    }
}
