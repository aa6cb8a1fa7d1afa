/**
 * The service-provider interface: how interrupts get into irq4j and where the framework runs its
 * work. For the writers of interrupt sources, device providers and execution environments (the
 * simulator, the Linux sources, tests), not for drivers.
 *
 * <p>Main types:
 * <ul>
 * <li>{@link io.github.irq4j.spi.InterruptSource}: a backend that delivers hardware interrupts to a
 *     dispatch thread (the simulated controller, eventfd, timerfd, UIO, VFIO, GPIO behind epoll);
 *     {@link io.github.irq4j.spi.SignalHandler} receives what {@code poll} takes, and
 *     {@link io.github.irq4j.spi.EdgeSource} adds per-edge timestamps (GPIO).
 *     {@link io.github.irq4j.spi.InProcessInterruptSource} is the in-memory source tests and demos
 *     fire from any thread.</li>
 * <li>{@link io.github.irq4j.spi.ExecutionEnvironment}: where the framework runs its
 *     {@link io.github.irq4j.spi.DispatchLoop}s (one per source, running the ISRs) and its
 *     {@link io.github.irq4j.spi.DeferredTask}s (DPCs, work items, I/O callbacks); the default is
 *     threaded, irq4j-sim's {@code DeterministicScheduler} runs everything in an order a seed fixes.</li>
 * <li>{@link io.github.irq4j.spi.DeviceProvider}: opens a device named on the command line
 *     ({@code --device uart}, {@code timerfd:1ms}) as a {@link io.github.irq4j.spi.ProvidedDevice};
 *     found with {@link java.util.ServiceLoader} ({@code provides} in irq4j-sim's and irq4j-linux's
 *     module declarations). {@link io.github.irq4j.spi.Durations} parses the durations of specs.</li>
 * <li>{@link io.github.irq4j.spi.SharedDispatcher}: runs the dispatch loops of many sources on a
 *     few threads instead of a thread each ({@code Host.Builder.sharedDispatcher}, SPEC 3.2);
 *     irq4j-linux's {@code EpollDispatchGroup} is one, opened by name-free code through
 *     {@link io.github.irq4j.spi.SharedDispatchProvider} ({@code irq4j run --dispatch shared}).</li>
 * <li>{@link io.github.irq4j.spi.DispatchThreadTuner}: applies an interrupt's policy (affinity,
 *     priority) to its dispatch thread; irq4j-linux provides one.</li>
 * </ul>
 *
 * <p>From WDF, in one hop: when the power-up sequence connects an interrupt created with
 * {@code WdfInterruptCreate}, its source opens what that connection needs in
 * {@link io.github.irq4j.spi.InterruptSource#connect}; the DPC and work
 * item queues behind {@code WdfInterruptQueueDpcForIsr} and {@code WdfInterruptQueueWorkItemForIsr}
 * end in {@link io.github.irq4j.spi.ExecutionEnvironment#schedule}; the policy of
 * {@code WdfInterruptSetPolicy} is applied by {@link io.github.irq4j.spi.DispatchThreadTuner}.
 */
package io.github.irq4j.spi;
