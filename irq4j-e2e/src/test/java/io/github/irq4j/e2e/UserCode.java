package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Code a user writes, compiled by the test with javax.tools against the shipped irq4j-core jar. */
final class UserCode {

    /** Claims every interrupt and counts in a DPC: runs on any device with an interrupt (timerfd, eventfd, timer, uart). */
    static final String COUNTING_DRIVER = "com.example.user.CountingDriver";

    /** Takes an interrupt lock and never releases it: the static verifier's WdfInterruptLock rule. */
    static final String LEAKY_LOCK = "com.example.user.LeakyLock";

    /** A device provider whose open() throws an unexpected exception: a crash, not a finding. */
    static final String CRASHING_PROVIDER = "com.example.user.CrashingProvider";

    /**
     * Writes core's thread state from its constructor, as the example does
     * ({@code ThreadState.current().irql = 0}): on the module path core does not export
     * {@code io.github.irq4j.internal}, so this must fail. Reflection rather than a compiled
     * reference, so that it compiles whatever the state's fields become.
     */
    static final String INTERNAL_TOUCHER = "com.example.user.InternalToucher";

    private static final Map<String, String> SOURCES = Map.of(
            INTERNAL_TOUCHER, """
                    package com.example.user;

                    import io.github.irq4j.Device;
                    import io.github.irq4j.Driver;

                    public final class InternalToucher implements Driver {
                        public InternalToucher() throws ReflectiveOperationException {
                            Class<?> state = Class.forName("io.github.irq4j.internal.ThreadState");
                            Object current = state.getMethod("current").invoke(null);
                            state.getField("irql").setInt(current, 0);
                        }

                        @Override
                        public void onDeviceAdd(Device device) {
                        }
                    }
                    """,
            COUNTING_DRIVER, """
                    package com.example.user;

                    import io.github.irq4j.Device;
                    import io.github.irq4j.Driver;
                    import io.github.irq4j.InterruptConfig;

                    public final class CountingDriver implements Driver {
                        @Override
                        public void onDeviceAdd(Device device) {
                            device.createInterrupt(InterruptConfig.builder((i, m) -> {
                                i.queueDpcForIsr();
                                return true;
                            }).name(device.name() + ".irq").dpc((i, o) -> { }).build());
                        }
                    }
                    """,
            LEAKY_LOCK, """
                    package com.example.user;

                    import io.github.irq4j.Interrupt;

                    public final class LeakyLock {
                        public static void touch(Interrupt interrupt) {
                            interrupt.acquireLock();
                        }
                    }
                    """,
            CRASHING_PROVIDER, """
                    package com.example.user;

                    import io.github.irq4j.spi.DeviceProvider;
                    import io.github.irq4j.spi.ProvidedDevice;

                    public final class CrashingProvider implements DeviceProvider {
                        public String scheme() { return "crashy"; }
                        public String usage() { return "crashy  a provider with a bug"; }
                        public ProvidedDevice open(String argument) {
                            throw new IllegalStateException("provider bug");
                        }
                    }
                    """);

    private UserCode() {
    }

    /** Compiles the classes into {@code dir} (a class folder); with the provider, registers it as a service. */
    static Path compile(Path dir, String... classNames) throws IOException {
        Files.createDirectories(dir);
        Path src = Files.createTempDirectory("irq4j-e2e-src");
        String[] args = new String[classNames.length + 4];
        args[0] = "-d";
        args[1] = dir.toString();
        args[2] = "-cp";
        args[3] = Launcher.coreJar().toString();
        for (int i = 0; i < classNames.length; i++) {
            Path f = src.resolve(classNames[i].replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, SOURCES.get(classNames[i]));
            args[i + 4] = f.toString();
            if (classNames[i].equals(CRASHING_PROVIDER)) {
                Path services = dir.resolve("META-INF/services/io.github.irq4j.spi.DeviceProvider");
                Files.createDirectories(services.getParent());
                Files.writeString(services, CRASHING_PROVIDER + "\n");
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        int rc = javac.getTask(diagnostics, null, null, java.util.List.of(args).subList(0, 4),
                null, javac.getStandardFileManager(null, null, null)
                        .getJavaFileObjects(java.util.Arrays.copyOfRange(args, 4, args.length))).call() ? 0 : 1;
        assertThat(rc).as("javac: " + diagnostics).isZero();
        return dir;
    }

    /** Puts a class folder's files into a jar. */
    static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }
}
