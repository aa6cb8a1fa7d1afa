package io.github.irq4j.linux;

/**
 * The ioctl request encoding of {@code <asm-generic/ioctl.h>}, shared by x86-64 and arm64:
 * {@code dir << 30 | size << 16 | type << 8 | nr} with {@code _IOC_WRITE = 1}, {@code _IOC_READ = 2}.
 * (PowerPC, MIPS and SPARC encode differently; irq4j does not target them.)
 */
final class Ioc {

    private static final int NONE = 0;
    private static final int WRITE = 1;
    private static final int READ = 2;

    private Ioc() {
    }

    private static long ioc(int dir, int type, int nr, long size) {
        if (size < 0 || size >= (1 << 14)) {
            throw new IllegalArgumentException("ioctl size " + size + " (expected: 0 <= size < 16384)");
        }
        return ((long) dir << 30) | (size << 16) | ((long) type << 8) | nr;
    }

    /** {@code _IO(type, nr)}. */
    static long io(int type, int nr) {
        return ioc(NONE, type, nr, 0);
    }

    /** {@code _IOR(type, nr, size)}. */
    static long ior(int type, int nr, long size) {
        return ioc(READ, type, nr, size);
    }

    /** {@code _IOWR(type, nr, size)}. */
    static long iowr(int type, int nr, long size) {
        return ioc(READ | WRITE, type, nr, size);
    }
}
