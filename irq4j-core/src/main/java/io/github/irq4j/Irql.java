package io.github.irq4j;

/**
 * An execution level (IRQL), as the framework tracks it per thread.
 *
 * <p>Mirrors the WDM IRQL values a WDF driver sees: {@code PASSIVE_LEVEL} (0),
 * {@code APC_LEVEL} (1), {@code DISPATCH_LEVEL} (2) and the device levels {@code DIRQL}. Here
 * {@code DIRQL(n)} has the value {@code 3 + n}. Levels are raised and lowered by the framework
 * only: taking an interrupt lock, entering a callback. Instances are interned, so {@code ==}
 * compares them and reading the current level allocates nothing.
 *
 * <p>At {@link #DISPATCH} or above a thread must not block; the runtime verifier reports rule
 * {@code IrqlTooHigh} when it does (SPEC section 1).
 */
public final class Irql implements Comparable<Irql> {

    /** The highest device level index: {@code DIRQL(MAX_DIRQL)} is the highest level there is. */
    public static final int MAX_DIRQL = 28;

    private static final Irql[] BY_VALUE = new Irql[3 + MAX_DIRQL + 1];

    static {
        for (int v = 0; v < BY_VALUE.length; v++) {
            BY_VALUE[v] = new Irql(v);
        }
    }

    /** {@code PASSIVE_LEVEL}: work items, queue callbacks, passive-level ISRs, application threads. */
    public static final Irql PASSIVE = BY_VALUE[0];
    /** {@code APC_LEVEL}: reserved; used for critical-region bookkeeping only. */
    public static final Irql APC = BY_VALUE[1];
    /** {@code DISPATCH_LEVEL}: DPCs and holders of dispatch-level locks. */
    public static final Irql DISPATCH = BY_VALUE[2];

    private final int value;

    private Irql(int value) {
        this.value = value;
    }

    /**
     * Returns the device level {@code DIRQL(index)}.
     *
     * @param index 0 to {@link #MAX_DIRQL}
     * @throws IllegalArgumentException if {@code index} is out of range
     */
    public static Irql dirql(int index) {
        if (index < 0 || index > MAX_DIRQL) {
            throw new IllegalArgumentException("DIRQL index: " + index + " (expected: 0 <= index <= " + MAX_DIRQL + ")");
        }
        return BY_VALUE[3 + index];
    }

    /**
     * Returns the level with the given numeric value.
     *
     * @param value 0 ({@code PASSIVE}) to {@code 3 + MAX_DIRQL}
     * @throws IllegalArgumentException if {@code value} is out of range
     */
    public static Irql of(int value) {
        if (value < 0 || value >= BY_VALUE.length) {
            throw new IllegalArgumentException("IRQL value: " + value + " (expected: 0 <= value <= " + (BY_VALUE.length - 1) + ")");
        }
        return BY_VALUE[value];
    }

    /**
     * Returns the calling thread's current level. Mirrors {@code KeGetCurrentIrql}. Callable at any
     * level; never blocks. Framework threads read a field, other threads a thread-local.
     */
    public static Irql current() {
        return BY_VALUE[FrameworkAccess.get().currentIrql()];
    }

    /** The numeric value: 0, 1, 2, or {@code 3 + n} for {@code DIRQL(n)}. */
    public int value() {
        return value;
    }

    /** Whether this is a device level ({@code DIRQL(n)}). */
    public boolean isDirql() {
        return value >= 3;
    }

    /** Whether this level is strictly higher than {@code other}. */
    public boolean isAbove(Irql other) {
        return value > other.value;
    }

    @Override
    public int compareTo(Irql other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return switch (value) {
            case 0 -> "PASSIVE";
            case 1 -> "APC";
            case 2 -> "DISPATCH";
            default -> "DIRQL(" + (value - 3) + ")";
        };
    }
}
