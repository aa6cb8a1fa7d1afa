package io.github.irq4j.bench.scale;

import io.github.irq4j.bench.latency.CBaseline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C baseline of {@link ScaleBenchmark}: {@code epoll_scale.c} (a resource beside
 * {@link CBaseline}, from {@code src/main/c}), compiled with {@code gcc -O2 -pthread} into a
 * temporary directory and run once, in the same run as the Java side, with the same number of
 * sources, dispatch threads, window and windows. It does what the group does with none of irq4j:
 * epoll sets, eventfds, one {@code read(2)} per ready event, a round trip signalled by
 * {@code write(2)}; so its in-turn/one ratio is the kernel's (and the caches') share of the cost of
 * many sources. See the program's header comment.
 */
final class EpollScaleBaseline {

    private static final String SOURCE = "epoll_scale.c";
    private static final long TIMEOUT_S = 600;

    /** Mean ns per round trip, per window: 1 source; N, the same one; N, each in turn. */
    record Windows(double[] one, double[] same, double[] turn) {
    }

    private EpollScaleBaseline() {
    }

    /**
     * Compiles and runs the program, its handlers waiting as {@code mode} says ({@code blocking} or
     * {@code hybrid}); the compiler is gcc unless $IRQ4J_CC names another.
     */
    static Windows run(int n, int lanes, int window, int windows, String mode) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("irq4j-epoll-scale");
        Path src = dir.resolve(SOURCE);
        Path bin = dir.resolve("epoll_scale");
        try (InputStream in = CBaseline.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is missing from the class path beside " + CBaseline.class.getName()
                        + "; rebuild irq4j-bench");
            }
            Files.copy(in, src);
        }
        String cc = System.getenv().getOrDefault("IRQ4J_CC", "gcc");
        List<String> compile = new ArrayList<>(List.of(cc));
        compile.addAll(CBaseline.FLAGS);
        compile.addAll(List.of("-o", bin.toString(), src.toString()));
        String out = exec(compile);
        String result = exec(List.of(bin.toString(), Integer.toString(n), Integer.toString(lanes), Integer.toString(window),
                Integer.toString(windows), mode));
        if (!result.strip().endsWith("end")) {
            throw new IOException("epoll_scale did not finish: " + result + out);
        }
        double[] one = new double[windows];
        double[] same = new double[windows];
        double[] turn = new double[windows];
        int[] at = new int[3];
        for (String line : result.lines().toList()) {
            String[] kv = line.split(" ");
            if (kv.length != 2) {
                continue;
            }
            double v = Double.parseDouble(kv[1]);
            switch (kv[0]) {
                case "one" -> one[at[0]++] = v;
                case "same" -> same[at[1]++] = v;
                case "turn" -> turn[at[2]++] = v;
                default -> throw new IOException("epoll_scale printed an unknown line: " + line);
            }
        }
        return new Windows(one, same, turn);
    }

    private static String exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("'" + String.join(" ", cmd) + "' did not finish within " + TIMEOUT_S + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", cmd) + "' failed (exit " + p.exitValue() + "): " + out.strip());
        }
        return out;
    }
}
