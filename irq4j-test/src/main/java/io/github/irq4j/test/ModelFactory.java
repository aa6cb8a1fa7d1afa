package io.github.irq4j.test;

/**
 * Makes a user's device model on a {@link SimHost}, for {@link Model} parameters. A factory
 * typically takes a line with {@link SimHost#levelLine} or {@link SimHost#edgeLine}, builds an
 * {@link io.github.irq4j.sim.SimDevice} on {@link SimHost#simulation()}, and registers its
 * registers with {@link SimHost#attach}.
 *
 * @param <T> the model type
 */
@FunctionalInterface
public interface ModelFactory<T> {

    /**
     * @param host the test's host
     * @param name the device name to use
     * @return the model
     * @throws Exception if the model cannot be built; the test fails with it
     */
    T create(SimHost host, String name) throws Exception;
}
