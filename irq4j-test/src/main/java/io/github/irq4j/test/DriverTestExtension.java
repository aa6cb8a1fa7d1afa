package io.github.irq4j.test;

import io.github.irq4j.Host;
import io.github.irq4j.sim.DeterministicScheduler;
import io.github.irq4j.sim.SimTimer;
import io.github.irq4j.sim.SimUart;
import io.github.irq4j.sim.Simulation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link DriverTest}, {@link Explore} and {@link Replay}: provides one
 * invocation per seed, resolves the {@link SimHost} and device-model parameters, turns a failure
 * into an {@link ExplorationFailure} with seed and interleaving, and closes the host afterwards.
 * Registered by the annotations; not meant to be used directly.
 */
public final class DriverTestExtension implements TestTemplateInvocationContextProvider, ParameterResolver,
        TestExecutionExceptionHandler, AfterEachCallback {

    /*
     * Per invocation (a plain @Test, one seed of an @Explore, a @Replay) the method-level store holds
     * a Run: its seed, the exploration it belongs to (if any) and, once a parameter asked for it,
     * its SimHost. The seed reaches the store through the invocation's SeedMarker (a
     * BeforeEachCallback), which runs before the test method's parameters are resolved. An
     * exploration's seeds are a lazy stream cut by takeWhile: JUnit runs each invocation as it is
     * drawn, so a failure recorded in the Exploration stops the seeds after it.
     */

    /** The configuration parameter (or system property) that makes every {@link Explore} run one seed. */
    public static final String SEED_PARAMETER = "irq4j.seed";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DriverTestExtension.class);
    private static final String RUN = "run";
    private static final String MARK = "seed";

    public DriverTestExtension() {
    }

    // ------------------------------------------------------------------ seeds

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        Method m = context.getRequiredTestMethod();
        return m.isAnnotationPresent(Explore.class) || m.isAnnotationPresent(Replay.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method m = context.getRequiredTestMethod();
        Explore explore = m.getAnnotation(Explore.class);
        Replay replay = m.getAnnotation(Replay.class);
        if (explore != null && replay != null) {
            throw new ExtensionConfigurationException(m.getName() + ": both @Explore and @Replay (expected: one; @Replay(seed = S)"
                    + " runs the one seed S that @Explore reported)");
        }
        if (replay != null) {
            Exploration one = new Exploration(replay.seed(), replay.seed(), true, "@Replay");
            return Stream.of(new SeedContext(replay.seed(), one, "replay seed " + replay.seed()));
        }
        if (explore.seeds() < 1) {
            throw new ExtensionConfigurationException(m.getName() + ": @Explore(seeds = " + explore.seeds() + ") (expected: seeds >= 1)");
        }
        Optional<String> fixed = context.getConfigurationParameter(SEED_PARAMETER);
        if (fixed.isPresent()) {
            long seed = parseSeed(fixed.get());
            Exploration one = new Exploration(seed, seed, true, SEED_PARAMETER + "=" + seed);
            return Stream.of(new SeedContext(seed, one, "seed " + seed + " (" + SEED_PARAMETER + ")"));
        }
        long first = explore.firstSeed();
        long last = first + explore.seeds() - 1;
        Exploration all = new Exploration(first, last, explore.stopAtFirstFailure(), "@Explore");
        return LongStream.rangeClosed(first, last).boxed()
                .takeWhile(s -> !(all.stopAtFirstFailure && all.failedSeed.get() != Long.MIN_VALUE))
                .map(s -> new SeedContext(s, all, "seed " + s));
    }

    private static long parseSeed(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(SEED_PARAMETER + "=" + value + " is not a seed (expected: a whole number,"
                    + " as a failure message prints it)");
        }
    }

    // ------------------------------------------------------------------ parameters

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext context) {
        Class<?> t = pc.getParameter().getType();
        return t == SimHost.class || t == Host.class || t == DeterministicScheduler.class || t == Simulation.class
                || t == SimUart.class || t == SimTimer.class || pc.isAnnotated(Model.class);
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext context) {
        Run run = run(context);
        SimHost host = run.host();
        Parameter p = pc.getParameter();
        Class<?> t = p.getType();
        try {
            if (pc.isAnnotated(Model.class)) {
                Model model = pc.findAnnotation(Model.class).orElseThrow();
                String name = model.name().isEmpty() ? run.nextName(t.getSimpleName().toLowerCase(Locale.ROOT)) : model.name();
                Object made = newFactory(model.value()).create(host, name);
                if (!t.isInstance(made)) {
                    throw new ParameterResolutionException(model.value().getName() + " made a "
                            + (made == null ? "null" : made.getClass().getName()) + " for parameter " + p.getName() + " of type " + t.getName());
                }
                return made;
            }
            if (t == SimHost.class) {
                return host;
            }
            if (t == Host.class) {
                return host.host();
            }
            if (t == DeterministicScheduler.class) {
                return host.scheduler();
            }
            if (t == Simulation.class) {
                return host.simulation();
            }
            if (t == SimUart.class) {
                Optional<Uart> u = pc.findAnnotation(Uart.class);
                String name = u.map(Uart::name).filter(n -> !n.isEmpty()).orElseGet(() -> run.nextName("uart"));
                return host.uart(name, u.map(Uart::fifo).orElse(SimUart.DEFAULT_FIFO_SIZE));
            }
            Optional<Timer> tm = pc.findAnnotation(Timer.class);
            String name = tm.map(Timer::name).filter(n -> !n.isEmpty()).orElseGet(() -> run.nextName("timer"));
            return host.timer(name, tm.map(Timer::periodNs).orElse(1_000_000L), tm.map(Timer::msi).orElse(false));
        } catch (ParameterResolutionException e) {
            throw e;
        } catch (Exception e) {
            throw new ParameterResolutionException("seed " + run.seed + ": cannot make parameter " + p.getName() + " (" + t.getSimpleName()
                    + "): " + e, e);
        }
    }

    private static ModelFactory<?> newFactory(Class<? extends ModelFactory<?>> type) throws ReflectiveOperationException {
        Constructor<? extends ModelFactory<?>> c;
        try {
            c = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new ParameterResolutionException("@Model(" + type.getName() + ".class): the factory needs a no-argument constructor", e);
        }
        c.setAccessible(true);
        return c.newInstance();
    }

    // ------------------------------------------------------------------ failures and the end of a test

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown instanceof ExplorationFailure || isAbort(thrown)) {
            throw thrown;
        }
        Run run = run(context);
        run.exploration.fail(run.seed);
        throw report(run, thrown, null);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Run run = context.getStore(NS).get(RUN, Run.class);
        if (run == null || run.host == null) {
            return;
        }
        SimHost host = run.host;
        Interleaving il = host.interleaving();
        context.publishReportEntry(Map.of("irq4j.seed", Long.toString(run.seed), "irq4j.schedule", il.fingerprint()));
        RuntimeException closing = null;
        try {
            host.close();
        } catch (RuntimeException e) {
            closing = e;
        }
        if (context.getExecutionException().isPresent()) {
            return; // already reported, with seed and interleaving
        }
        String problem = null;
        if (closing != null) {
            problem = "closing the host threw " + closing;
        } else if (run.options.checkAtEnd()) {
            problem = FailureReport.unasserted(host);
        }
        if (problem != null) {
            run.exploration.fail(run.seed);
            throw report(run, closing != null ? closing : new AssertionError(problem), problem);
        }
    }

    private static ExplorationFailure report(Run run, Throwable thrown, String problem) {
        Exploration e = run.exploration;
        return FailureReport.failure(run.seed, e.first, e.last, e.stopAtFirstFailure, e.source,
                run.host == null ? null : run.host.interleaving(), thrown, problem);
    }

    private static boolean isAbort(Throwable t) {
        return t.getClass().getName().equals("org.opentest4j.TestAbortedException");
    }

    // ------------------------------------------------------------------ state

    private static Run run(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NS);
        return store.getOrComputeIfAbsent(RUN, k -> {
            SeedMarker mark = store.get(MARK, SeedMarker.class);
            long seed = mark == null ? DriverTest.DEFAULT_SEED : mark.seed;
            Exploration e = mark == null ? new Exploration(seed, seed, true, "@Test") : mark.exploration;
            return new Run(seed, e, options(context));
        }, Run.class);
    }

    private static DriverTest options(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<Class<?>> cls = c.get().getTestClass();
            if (cls.isPresent()) {
                Optional<DriverTest> d = AnnotationSupport.findAnnotation(cls.get(), DriverTest.class);
                if (d.isPresent()) {
                    return d.get();
                }
            }
        }
        return Defaults.class.getAnnotation(DriverTest.class);
    }

    /** Carries {@link DriverTest}'s defaults for tests that use {@link Explore} without it. */
    @DriverTest
    private static final class Defaults {
    }

    /** One exploration: its seed range and the first seed that failed. */
    private static final class Exploration {
        final long first;
        final long last;
        final boolean stopAtFirstFailure;
        final String source;
        final AtomicLong failedSeed = new AtomicLong(Long.MIN_VALUE);

        Exploration(long first, long last, boolean stopAtFirstFailure, String source) {
            this.first = first;
            this.last = last;
            this.stopAtFirstFailure = stopAtFirstFailure;
            this.source = source;
        }

        void fail(long seed) {
            failedSeed.compareAndSet(Long.MIN_VALUE, seed);
        }
    }

    /** One invocation's state. */
    private static final class Run {
        final long seed;
        final Exploration exploration;
        final DriverTest options;
        final Map<String, Integer> names = new HashMap<>();
        SimHost host;

        Run(long seed, Exploration exploration, DriverTest options) {
            this.seed = seed;
            this.exploration = exploration;
            this.options = options;
        }

        SimHost host() {
            if (host == null) {
                host = new SimHost(seed, options.verifier(), options.maxSteps(), options.timeoutMs());
            }
            return host;
        }

        String nextName(String prefix) {
            int n = names.merge(prefix, 1, Integer::sum) - 1;
            return prefix + n;
        }
    }

    /** One seed of an exploration: its display name and the marker that hands the seed to the run. */
    private record SeedContext(long seed, Exploration exploration, String name) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return name;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new SeedMarker(seed, exploration));
        }
    }

    /** Puts the invocation's seed into its store before the test method's parameters are resolved. */
    private record SeedMarker(long seed, Exploration exploration) implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            context.getStore(NS).put(MARK, this);
        }
    }
}
