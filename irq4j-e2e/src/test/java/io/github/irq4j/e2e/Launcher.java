package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Runs the real {@code ./irq4j} launcher of the built tree as a subprocess, with
 * {@code IRQ4J_NO_BUILD=1} (Maven is building while these tests run). Output goes to files, not
 * pipes, so a chatty process never blocks on a full pipe; every wait is bounded.
 */
final class Launcher {

    /** The repository root: {@code -Dirq4j.root}, set by the module's pom. */
    static final Path ROOT = Path.of(System.getProperty("irq4j.root", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("irq4j");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** A finished launch. */
    record Result(int exitCode, String out, String err) {
        /** stderr's lines. */
        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** A launch still running. */
    record Running(Process process, Path out, Path err) {
        long pid() {
            return process.pid();
        }

        /** Sends a signal with kill(1): the launcher exec's java, so its pid is the JVM's. */
        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill -" + name).isTrue();
            assertThat(kill.exitValue()).as("kill -" + name + " exit code").isZero();
        }

        Result await(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("./irq4j did not end within " + timeout + "; stderr so far:\n" + read(err));
            }
            return new Result(process.exitValue(), read(out), read(err));
        }

        String stdoutSoFar() throws IOException {
            return read(out);
        }

        String stderrSoFar() throws IOException {
            return read(err);
        }
    }

    private Launcher() {
    }

    static Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        // A process started in the background by a shell without job control (a CI runner, `cmd &` in a
        // script) inherits SIGINT (and SIGQUIT) as ignored, and a program rightly keeps an inherited
        // SIG_IGN: the launcher would then never see the Ctrl-C these tests send. perl (part of every
        // Debian system) resets SIGINT and SIGTERM to their default and execs the launcher in the same
        // process, so the pid the tests signal is the launcher's, then the JVM's.
        command.addAll(List.of("perl", "-e", "$SIG{INT} = $SIG{TERM} = 'DEFAULT'; exec @ARGV or die \"exec $ARGV[0]: $!\\n\";"));
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("irq4j-e2e-", ".out");
        Path err = Files.createTempFile("irq4j-e2e-", ".err");
        out.toFile().deleteOnExit();
        err.toFile().deleteOnExit();
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("IRQ4J_NO_BUILD", "1");
        pb.environment().remove("TERM");   // plain live view, as in CI
        return new Running(pb.start(), out, err);
    }

    /** Runs to the end (at most {@link #DEFAULT_TIMEOUT}). */
    static Result run(String... args) throws IOException, InterruptedException {
        return start(args).await(DEFAULT_TIMEOUT);
    }

    /** Waits until the condition holds, polling every 20 ms, at most {@code timeout}. */
    static void awaitCondition(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(20);   // polling a condition with a bound, not a wait that hopes
        }
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** irq4j-core's jar as the launcher ships it (irq4j-cli/target/lib), for compiling drivers against. */
    static Path coreJar() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("irq4j-cli/target/lib"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("irq4j-core-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no irq4j-core jar in irq4j-cli/target/lib: is irq4j-cli packaged?"));
        }
    }
}
