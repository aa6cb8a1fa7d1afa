package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --classpath}: a driver compiled here, from a class folder and from a jar, and the entries that are not usable. */
class UserClassPathTest {

    static final String DRIVER = "com.example.user.CountingDriver";

    /** Compiles a driver that runs on any device into {@code dir/classes}. */
    static Path compileDriver(Path dir) throws Exception {
        Path src = dir.resolve("src/com/example/user/CountingDriver.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
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
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(rc).as("javac").isZero();
        return classes;
    }

    @Test
    void runsADriverFromAClassFolder(@TempDir Path dir) throws Exception {
        Path classes = compileDriver(dir);
        CommandLineTest.Result r = CommandLineTest.exec("run", "--classpath", classes.toString(), "--driver", DRIVER,
                "--device", "timer:1ms", "--duration", "300ms");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("== irq4j report: " + DRIVER + " on timer").contains("verifier: no violations, no faults");
    }

    @Test
    void runsADriverFromAJarWithTheShortOption(@TempDir Path dir) throws Exception {
        Path classes = compileDriver(dir);
        Path jar = dir.resolve("driver.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            String entry = DRIVER.replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
        CommandLineTest.Result r = CommandLineTest.exec("run", "-cp", dir.resolve("empty-is-skipped") + "-not" + File.pathSeparator + jar,
                "--driver", DRIVER, "--device", "timer:1ms", "--duration", "300ms");
        // a missing entry is a usage error naming it
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--classpath entry '" + dir.resolve("empty-is-skipped") + "-not' does not exist");
        CommandLineTest.Result ok = CommandLineTest.exec("run", "-cp", File.pathSeparator + jar, "--driver", DRIVER,
                "--device", "timer:1ms", "--duration", "300ms");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains(DRIVER + " on timer");
    }

    @Test
    void classNotFoundNamesTheEntriesSearched(@TempDir Path dir) throws Exception {
        Path classes = compileDriver(dir);
        CommandLineTest.Result r = CommandLineTest.exec("run", "--classpath", classes.toString(), "--driver", "com.example.user.Missing",
                "--device", "timer");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("driver class 'com.example.user.Missing' not found; searched --classpath [" + classes.toAbsolutePath() + "]"
                + " and irq4j's own class path (");
    }

    @Test
    void anEntryThatIsNeitherFolderNorJar(@TempDir Path dir) throws Exception {
        Path txt = Files.writeString(dir.resolve("notes.txt"), "x");
        CommandLineTest.Result r = CommandLineTest.exec("run", "--classpath", txt.toString(), "--device", "timer");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("is neither a folder nor a jar");
    }

    @Test
    void ownClassPathShowsAFolderOfJarsOnce() {
        String shown = UserClassPath.ownClassPath();
        assertThat(shown).isNotEmpty();
        List<String> parts = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        assertThat(shown.split(", ").length).isLessThanOrEqualTo(parts.size());
    }
}
