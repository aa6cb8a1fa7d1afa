package io.github.irq4j;

/**
 * The implementation's entry points that the API needs, reached through one object in the JDK's
 * {@code SharedSecrets} style, so that no API class calls into {@code io.github.irq4j.internal}:
 * {@link Host.Builder#build()} makes its host, {@link Irql#current()} reads the thread's level and
 * {@link InterruptConfig.Builder#build()} checks a policy against this machine through it. Not for
 * drivers: it has nothing a driver can call.
 *
 * <p>How it stays closed. The class is sealed to the framework's one implementation
 * ({@code io.github.irq4j.internal.ApiBridge}), which registers itself once, when its class is
 * initialized; a second instance is refused. The accessor {@link #get()} is package-private, so only
 * this package reaches the instance, and the entry points are {@code protected}, callable by this
 * package and the implementation only. The first {@link #get()} loads the implementation class by
 * name (the API does not link to it otherwise) and keeps the instance in a constant, so a call
 * through it costs a direct, inlinable call.
 */
public abstract sealed class FrameworkAccess permits io.github.irq4j.internal.ApiBridge {

    private static final String IMPLEMENTATION = "io.github.irq4j.internal.ApiBridge";

    /** Guarded by {@code FrameworkAccess.class}; set once by the implementation's constructor. */
    private static FrameworkAccess registered;

    /**
     * Registers the implementation. Called once, by its class initializer.
     *
     * @throws IllegalStateException if an implementation is already registered
     */
    protected FrameworkAccess() {
        synchronized (FrameworkAccess.class) {
            if (registered != null) {
                throw new IllegalStateException("the irq4j implementation is registered once; "
                        + getClass().getName() + " cannot register again");
            }
            registered = this;
        }
    }

    /** The implementation. Any thread, any level; a constant load after the first call. */
    static FrameworkAccess get() {
        return Holder.INSTANCE;
    }

    /** Initialized on the first {@link #get()}: loads the implementation, which registers itself. */
    private static final class Holder {
        static final FrameworkAccess INSTANCE = load();

        private static FrameworkAccess load() {
            try {
                Class.forName(IMPLEMENTATION, true, FrameworkAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("irq4j-core is incomplete: " + IMPLEMENTATION
                        + " is missing; put the whole irq4j-core jar on the class or module path", e);
            }
            synchronized (FrameworkAccess.class) {
                if (registered == null) {
                    throw new IllegalStateException(IMPLEMENTATION + " did not register itself");
                }
                return registered;
            }
        }
    }

    /** What {@link Host.Builder} collected, for {@link #newHost}. */
    protected record HostOptions(VerifierMode verifierMode, boolean captureAcquireSites, VerifierListener verifierListener,
                                 FaultListener faultListener, RestartPolicy restartPolicy,
                                 io.github.irq4j.spi.ExecutionEnvironment environment, int workerThreads,
                                 int retainedFindings, java.time.Duration stopTimeout,
                                 Watchdog watchdog, StormPolicy stormPolicy,
                                 io.github.irq4j.spi.SharedDispatcher sharedDispatcher) {
    }

    /** Makes a host; framework threads start on first use. */
    protected abstract Host newHost(HostOptions options);

    /** The calling thread's level value ({@link Irql#value()}). Any level; allocates nothing. */
    protected abstract int currentIrql();

    /**
     * Checks {@code policy} against this machine (SPEC 2.2 rule 9).
     *
     * @throws InterruptConfigException with reason {@code POLICY_OUT_OF_RANGE}
     */
    protected abstract void checkPolicy(String who, InterruptExtendedPolicy policy);
}
