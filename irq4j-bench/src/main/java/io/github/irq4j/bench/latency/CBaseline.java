package io.github.irq4j.bench.latency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The C baseline: {@code eventfd_latency.c} (shipped in this jar beside this class, from
 * {@code src/main/c}), compiled with {@code -O2 -pthread} into a directory of the caller's, and run
 * once per round and mode. See the program's header comment for what it measures and prints.
 */
public final class CBaseline {

    /** The program's source, a resource beside this class. */
    public static final String SOURCE = "eventfd_latency.c";
    /** The flags it is compiled with. */
    public static final List<String> FLAGS = List.of("-O2", "-pthread");
    /** How long the compiler may take. */
    private static final long COMPILE_TIMEOUT_S = 120;
    /** The first line of the program's output. */
    private static final String HEADER = "eventfd_latency 1";

    private final Path binary;
    private final String compilerVersion;

    private CBaseline(Path binary, String compilerVersion) {
        this.binary = binary;
        this.compilerVersion = compilerVersion;
    }

    /**
     * Writes the source into {@code dir} and compiles it with {@code compiler}.
     *
     * @throws BaselineException if the compiler cannot be run (not installed, not executable) or
     *         the compile fails; the message quotes the compiler's first error line
     */
    public static CBaseline build(String compiler, Path dir) throws BaselineException {
        String version = firstLine(exec(compiler, List.of(compiler, "--version"), dir), compiler);
        Path source = dir.resolve(SOURCE);
        Path binary = dir.resolve("eventfd_latency");
        try (InputStream in = CBaseline.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new BaselineException("the C baseline's source " + SOURCE + " is missing from the class path beside "
                        + CBaseline.class.getName() + "; rebuild irq4j-bench (mvn -pl irq4j-bench install)");
            }
            Files.copy(in, source);
        } catch (BaselineException e) {
            throw e;
        } catch (IOException e) {
            throw new BaselineException("cannot write " + source + ": " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(compiler);
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-o", binary.toString(), source.toString()));
        exec(compiler, cmd, dir);
        return new CBaseline(binary, version);
    }

    /** Runs the compiler; returns its output, or throws with its first error line. */
    private static String exec(String compiler, List<String> cmd, Path dir) throws BaselineException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BaselineException("cannot run the C compiler '" + compiler + "' (" + e.getMessage()
                    + "); install gcc (apt-get install gcc, listed in tools/debian-packages.txt) or name another compiler (--cc PATH, or IRQ4J_CC)", e);
        }
        try {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(COMPILE_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BaselineException("'" + String.join(" ", cmd) + "' did not finish within " + COMPILE_TIMEOUT_S + " s");
            }
            if (p.exitValue() != 0) {
                throw new BaselineException("'" + String.join(" ", cmd) + "' failed (exit " + p.exitValue() + "): "
                        + firstLine(out, "no output") + "; check that gcc and libc6-dev are installed");
            }
            return out;
        } catch (BaselineException e) {
            throw e;
        } catch (IOException e) {
            p.destroyForcibly();
            throw new BaselineException("reading the output of '" + String.join(" ", cmd) + "' failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BaselineException("interrupted while waiting for '" + String.join(" ", cmd) + "'", e);
        }
    }

    private static String firstLine(String text, String ifNone) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().map(String::strip).orElse(ifNone);
    }

    /** The compiler's {@code --version} line, for the report. */
    public String compilerVersion() {
        return compilerVersion;
    }

    /** The compiled program. */
    public Path binary() {
        return binary;
    }

    /**
     * Runs the program once and reads its result.
     *
     * @throws BaselineException if it cannot start, exits with an error (exit 3: an interrupt was not
     *         handled within 5 s) or prints something this class does not understand
     */
    public RunResult run(LatencyMode mode, int round, LatencyConfig config) throws BaselineException {
        List<String> cmd = List.of(binary.toString(), mode.label(), Long.toString(config.interrupts()),
                Long.toString(config.warmup()), Long.toString(config.periodNs()), Long.toString(config.hybridSpinNs()));
        Path errFile;
        Process p;
        try {
            errFile = Files.createTempFile(binary.getParent(), "stderr", ".txt");
            p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
        } catch (IOException e) {
            throw new BaselineException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        Histogram latencies = Irq4jExperiment.newHistogram();
        Map<String, Long> fields = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII), 1 << 16)) {
            p.getOutputStream().close();
            parse(r, fields, latencies);
            // Generous: every interrupt may take its period plus 1 ms, plus a minute for the start.
            long limitMs = 60_000 + (config.warmup() + config.interrupts()) * (config.periodNs() + 1_000_000) / 1_000_000;
            if (!p.waitFor(limitMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new BaselineException(binary.getFileName() + " " + mode.label() + " did not finish within " + limitMs + " ms");
            }
            if (p.exitValue() != 0) {
                throw new BaselineException(binary.getFileName() + " " + mode.label() + " failed (exit " + p.exitValue() + "): "
                        + firstLine(Files.readString(errFile), "no message"));
            }
        } catch (BaselineException e) {
            p.destroyForcibly();
            String err = readQuietly(errFile);
            if (!err.isEmpty() && !e.getMessage().contains(err)) {
                throw new BaselineException(e.getMessage() + " (" + err + ")", e);
            }
            throw e;
        } catch (IOException e) {
            p.destroyForcibly();
            throw new BaselineException("reading the output of " + binary.getFileName() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BaselineException("interrupted while waiting for " + binary.getFileName(), e);
        } finally {
            try {
                Files.deleteIfExists(errFile);
            } catch (IOException ignored) {
                // A leftover file in the caller's temporary directory, deleted with it.
            }
        }
        return new RunResult(RunResult.C, mode, round, field(fields, "sent"), field(fields, "handled"),
                field(fields, "reads"), field(fields, "coalesced"), field(fields, "elapsed_ns"), Percentiles.of(latencies), null,
                latencies, null, field(fields, "signal_call_p50_ns"), field(fields, "handler_reads"));
    }

    private static String readQuietly(Path file) {
        try {
            return firstLine(Files.readString(file), "");
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads the "key value" lines, then the latencies into {@code latencies}, up to "end". */
    private void parse(BufferedReader r, Map<String, Long> fields, Histogram latencies) throws IOException {
        String line = r.readLine();
        if (line == null) {
            throw new BaselineException(binary.getFileName() + " printed nothing");
        }
        if (!line.equals(HEADER)) {
            throw new BaselineException(binary.getFileName() + ": unexpected first line '" + line + "' (expected: '" + HEADER + "')");
        }
        while ((line = r.readLine()) != null && !line.equals("latencies_ns")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                String key = line.substring(0, sp);
                String value = line.substring(sp + 1);
                if (!key.equals("mode")) {
                    fields.put(key, parseLong(value, line));
                }
            }
        }
        while ((line = r.readLine()) != null && !line.equals("end")) {
            Irq4jExperiment.record(latencies, parseLong(line, line));
        }
        if (line == null) {
            throw new BaselineException(binary.getFileName() + ": output ended before its 'end' line");
        }
    }

    private long parseLong(String value, String line) throws BaselineException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BaselineException(binary.getFileName() + ": unexpected output line '" + line + "' (expected: a whole number)", e);
        }
    }

    private long field(Map<String, Long> fields, String key) throws BaselineException {
        Long v = fields.get(key);
        if (v == null) {
            throw new BaselineException(binary.getFileName() + ": no '" + key + "' line in its output");
        }
        return v;
    }
}
