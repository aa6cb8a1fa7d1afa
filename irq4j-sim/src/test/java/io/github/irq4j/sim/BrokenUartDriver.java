package io.github.irq4j.sim;

/**
 * Deliberately broken: the read path "optimizes" away the interrupt lock and drains the ring
 * shared with the ISR without it. An ISR that runs between the read and the write-back of
 * {@code count} (at the register access in between) loses its bytes.
 */
final class BrokenUartDriver extends UartRingDriver {
    @Override
    void onRead(int max) {
        drain(max); // BUG: shared ring state touched outside the interrupt lock
    }
}
