package io.github.irq4j.cli;

import io.github.irq4j.Driver;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads {@code --driver CLASS}: a public class implementing {@link Driver} with a public no-arg
 * constructor, from irq4j's class path or {@code --classpath}; without {@code --driver}, the
 * sample made for the device's kind ({@link #SAMPLES}).
 */
final class Drivers {

    /**
     * The sample driver for each device kind (the spec's scheme), the one {@code run --device SPEC}
     * uses without {@code --driver}: the driver of the {@code WdfInterruptTryToAcquireLock} page on
     * the simulated UART, the spin-lock DPC driver on the simulated timer, and the Linux samples on
     * timerfd (spin lock and DPC) and eventfd (passive, work item), the edu driver on the simulated
     * edu device, and the quadrature encoder on GPIO lines (two: A and B). UIO and VFIO devices
     * are any PCI device, so they take a named driver.
     */
    static final Map<String, String> SAMPLES = Map.of(
            "uart", "io.github.irq4j.samples.SequentialUartDriver",
            "timer", "io.github.irq4j.samples.SpinLockTimerDriver",
            "timerfd", "io.github.irq4j.samples.TimerFdDpcDriver",
            "eventfd", "io.github.irq4j.samples.EventFdWorkItemDriver",
            "edu", "io.github.irq4j.samples.EduDriver",
            "gpio", "io.github.irq4j.samples.QuadratureEncoderDriver");

    private Drivers() {
    }

    /**
     * The sample for the device spec's scheme.
     *
     * @throws CliException a usage error if no sample is made for that kind, or it is not on the class path
     */
    static String sampleFor(String deviceSpec, UserClassPath classPath) {
        String scheme = Devices.scheme(deviceSpec);
        String name = SAMPLES.get(scheme);
        if (name == null) {
            throw CliException.usage("no sample driver for device kind '" + scheme + "' (samples exist for "
                    + String.join(", ", new TreeMap<>(SAMPLES).keySet()) + "); name yours with --driver CLASS");
        }
        try {
            Class.forName(name, false, classPath.loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw CliException.usage("the sample driver for '" + scheme + "' devices, " + name + ", is not on the class path"
                    + " (searched " + classPath.searched() + "); name a driver with --driver CLASS");
        }
        return name;
    }

    /** Loads the class from irq4j's own class path. */
    static Driver instantiate(String className) {
        return instantiate(className, UserClassPath.none());
    }

    /**
     * Loads the class with {@code classPath}'s loader and creates an instance.
     *
     * @throws CliException a usage error naming the class, what was searched and what to do, when it
     *         is not found or is not a usable driver class; a failure when its constructor threw
     */
    static Driver instantiate(String className, UserClassPath classPath) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classPath.loader());
        } catch (ClassNotFoundException e) {
            throw CliException.usage("driver class '" + className + "' not found; searched " + classPath.searched()
                    + "; give the folder or jar that holds it with --classpath PATH[" + java.io.File.pathSeparator + "PATH...]"
                    + " (such as --classpath target/classes) and its fully qualified name (such as io.github.irq4j.samples.SequentialUartDriver)");
        } catch (LinkageError e) {
            throw CliException.usage("driver class '" + className + "' was found but cannot be loaded: " + e
                    + " (a class it needs is missing or was compiled for a newer Java; add the jar it needs to --classpath)", e);
        }
        if (!Driver.class.isAssignableFrom(type)) {
            throw CliException.usage("driver class '" + className + "' does not implement io.github.irq4j.Driver");
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw CliException.usage("driver class '" + className + "' must be public and concrete");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw CliException.usage("driver class '" + className + "' has no public no-argument constructor");
        }
        try {
            return (Driver) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new CliException("driver class '" + className + "': constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new CliException("driver class '" + className + "' cannot be instantiated: " + e, e);
        }
    }
}
