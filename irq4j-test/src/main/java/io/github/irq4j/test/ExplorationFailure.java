package io.github.irq4j.test;

/**
 * A test of a {@link DriverTest} failed: the message gives the seed, how to replay it, the
 * interleaving and the schedule; the cause is what the test (or the end-of-test check) threw.
 */
public final class ExplorationFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final long seed;
    private final transient Interleaving interleaving;

    ExplorationFailure(long seed, Interleaving interleaving, String message, Throwable cause) {
        super(message, cause);
        this.seed = seed;
        this.interleaving = interleaving;
    }

    /** The failing run's seed. */
    public long seed() {
        return seed;
    }

    /** The failing run's schedule, or {@code null} if the failure came before the host was made. */
    public Interleaving interleaving() {
        return interleaving;
    }
}
