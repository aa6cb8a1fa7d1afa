package io.github.irq4j.samples;

/**
 * The two-line signal a quadrature encoder produces: one edge per quarter step, A leading B when
 * turning forward ({@code AB = 00 -> 10 -> 11 -> 01 -> 00}). Tracks where the lines are, so a test
 * can drive a simulated or a gpio-sim line pair one edge at a time.
 */
final class QuadratureSignal {

    /** Receives one edge: line 0 = A, 1 = B. */
    interface Lines {
        void set(int line, boolean high) throws Exception;
    }

    private static final int[] FORWARD = {0b10, 0b11, 0b01, 0b00};
    private int state;

    /** The next state after {@code state} turning forward ({@code +1}) or backward ({@code -1}). */
    private static int next(int state, int direction) {
        for (int i = 0; i < 4; i++) {
            if (direction > 0 && FORWARD[(i + 3) % 4] == state) {
                return FORWARD[i];
            }
            if (direction < 0 && FORWARD[i] == state) {
                return FORWARD[(i + 3) % 4];
            }
        }
        throw new IllegalStateException("state " + state);
    }

    /** Drives one quarter step: exactly one line changes. */
    void step(int direction, Lines lines) throws Exception {
        int n = next(state, direction);
        int changed = n ^ state;
        state = n;
        if (changed == 0b10) {
            lines.set(0, (n & 0b10) != 0);
        } else {
            lines.set(1, (n & 0b01) != 0);
        }
    }
}
