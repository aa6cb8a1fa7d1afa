package io.github.irq4j.linux;

/**
 * Names, descriptions and default hints of the errno values the bindings meet. The values are
 * the asm-generic ones, which x86-64 and arm64 share.
 */
final class Errno {

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int ENOTTY = 25;
    static final int ENOSPC = 28;
    static final int ENOSYS = 38;
    static final int EOPNOTSUPP = 95;

    /** Index = errno; {name, description}. */
    private static final String[][] TABLE = new String[134][];

    static {
        put(EPERM, "EPERM", "Operation not permitted");
        put(ENOENT, "ENOENT", "No such file or directory");
        put(ESRCH, "ESRCH", "No such process");
        put(EINTR, "EINTR", "Interrupted system call");
        put(EIO, "EIO", "Input/output error");
        put(ENXIO, "ENXIO", "No such device or address");
        put(EBADF, "EBADF", "Bad file descriptor");
        put(EAGAIN, "EAGAIN", "Resource temporarily unavailable");
        put(ENOMEM, "ENOMEM", "Cannot allocate memory");
        put(EACCES, "EACCES", "Permission denied");
        put(EFAULT, "EFAULT", "Bad address");
        put(EBUSY, "EBUSY", "Device or resource busy");
        put(EEXIST, "EEXIST", "File exists");
        put(ENODEV, "ENODEV", "No such device");
        put(ENOTDIR, "ENOTDIR", "Not a directory");
        put(EISDIR, "EISDIR", "Is a directory");
        put(EINVAL, "EINVAL", "Invalid argument");
        put(ENFILE, "ENFILE", "Too many open files in system");
        put(EMFILE, "EMFILE", "Too many open files");
        put(ENOTTY, "ENOTTY", "Inappropriate ioctl for device");
        put(ENOSPC, "ENOSPC", "No space left on device");
        put(ENOSYS, "ENOSYS", "No such system call in this kernel");
        put(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported");
    }

    private Errno() {
    }

    private static void put(int errno, String name, String description) {
        TABLE[errno] = new String[] {name, description};
    }

    /** The symbolic name, such as {@code "ENOENT"}, or {@code "errno N"}. */
    static String name(int errno) {
        return errno > 0 && errno < TABLE.length && TABLE[errno] != null ? TABLE[errno][0] : "errno " + errno;
    }

    /** The C library's description, such as {@code "No such file or directory"}. */
    static String description(int errno) {
        return errno > 0 && errno < TABLE.length && TABLE[errno] != null ? TABLE[errno][1] : "unknown error";
    }

    /** What to check, when the call site has nothing more specific to say. */
    static String defaultHint(int errno) {
        return switch (errno) {
            case ENOENT, ENODEV, ENXIO -> "check that the device exists and its kernel driver is loaded";
            case EACCES, EPERM -> "check the file's permissions; run as root or add the user to the device's group";
            case EBUSY -> "the device is in use by another process or driver; release it first";
            case ENOTTY -> "the file is not the kind of device this call expects";
            case EINVAL -> "the kernel rejected an argument; check the device and the kernel version";
            case EMFILE, ENFILE -> "too many open files; close some or raise the limit (ulimit -n)";
            case ENOMEM, ENOSPC -> "the kernel is out of memory or of this resource";
            case ENOSYS, EOPNOTSUPP -> "this kernel does not support the call; check its configuration";
            default -> "see the man page of the call";
        };
    }
}
