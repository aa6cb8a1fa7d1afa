package io.github.irq4j.sim;

/**
 * What a device model implements behind its {@link SimRegisters}: one read and one write per
 * access, at an offset already checked to be aligned and inside the window.
 */
interface RegisterFile {

    /**
     * @param offset the byte offset, aligned to {@code width}
     * @param width the access size in bytes: 1, 2, 4 or 8
     * @throws IllegalArgumentException if no register of that width is at {@code offset}
     */
    long read(long offset, int width);

    /**
     * @param offset the byte offset, aligned to {@code width}
     * @param width the access size in bytes: 1, 2, 4 or 8
     * @param value the value, zero-extended to 64 bits
     * @throws IllegalArgumentException if no register of that width is at {@code offset}, or the value is invalid
     */
    void write(long offset, int width, long value);
}
