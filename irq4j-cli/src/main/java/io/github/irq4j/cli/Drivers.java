package io.github.irq4j.cli;

import io.github.irq4j.Driver;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/** Loads {@code --driver CLASS}: a public class implementing {@link Driver} with a public no-arg constructor. */
final class Drivers {

    private Drivers() {
    }

    /** @throws CliException naming the class and what was wrong with it */
    static Driver instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Drivers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CliException("unknown driver class '" + className + "': not found on the class path"
                    + " (expected: a fully qualified name such as io.github.irq4j.samples.SequentialUartDriver; put its jar in irq4j-cli/target/lib)");
        }
        if (!Driver.class.isAssignableFrom(type)) {
            throw new CliException("driver class '" + className + "' does not implement io.github.irq4j.Driver");
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new CliException("driver class '" + className + "' must be public and concrete");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new CliException("driver class '" + className + "' has no public no-argument constructor");
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
