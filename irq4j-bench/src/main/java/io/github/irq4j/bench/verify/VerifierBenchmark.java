package io.github.irq4j.bench.verify;

import edu.umd.cs.findbugs.BugCollectionBugReporter;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.DetectorFactory;
import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.Project;
import edu.umd.cs.findbugs.config.UserPreferences;
import io.github.irq4j.verify.Finding;
import io.github.irq4j.verify.StaticVerifier;
import io.github.irq4j.verify.VerificationResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Classes per second of the irq4j static verifier and of SpotBugs with only its
 * {@code FindUnreleasedLock} detector, on the same large real jar (guava from Maven Central), side
 * by side in one run: warm-up runs of each, then measured runs alternating between the two.
 * <pre>
 * java -cp ... io.github.irq4j.bench.verify.VerifierBenchmark [JAR] [warmups] [runs]
 * java -cp ... io.github.irq4j.bench.verify.VerifierBenchmark [--warmups N] [--runs N] JAR...
 * </pre>
 * With several jars (the evaluation corpus of {@code tools/verify-corpus.sh}), each run analyses
 * every jar with both tools, alternating (irq4j then SpotBugs on each jar), and the times are summed
 * per run; findings are printed per jar and rule, and each SpotBugs warning with its bug type,
 * priority, class, method and line (so they can be classified by hand).
 * <p>Each run's wall time and process CPU time (all threads, JIT and GC included, from
 * {@code OperatingSystemMXBean.getProcessCpuTime}) are printed, then the medians and the ratios.
 * On a shared machine the wall time of both tools grows with the load, not always equally; the CPU
 * time is less sensitive to it.
 * Without {@code JAR}, the guava jar is found on the class path, else in {@code ~/.m2}.
 */
public final class VerifierBenchmark {

    /** Default number of unmeasured runs of each tool. */
    public static final int DEFAULT_WARMUPS = 2;
    /** Default number of measured runs of each tool. */
    public static final int DEFAULT_RUNS = 5;

    private VerifierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmups = DEFAULT_WARMUPS;
        int runs = DEFAULT_RUNS;
        List<Path> jars = new java.util.ArrayList<>();
        List<String> positional = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() >= 1 && !positional.get(0).isEmpty()) {
            jars.add(Path.of(positional.get(0)));
        }
        boolean legacy = positional.size() > 1 && positional.get(1).matches("\\d+");
        if (legacy) {
            // JAR warmups runs, the original argument form
            warmups = Integer.parseInt(positional.get(1));
            runs = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : runs;
        } else {
            for (int i = 1; i < positional.size(); i++) {
                jars.add(Path.of(positional.get(i)));
            }
        }
        if (jars.isEmpty()) {
            jars.add(findGuava());
        }
        int classes = 0;
        for (Path jar : jars) {
            classes += countClasses(jar);
        }
        System.out.printf(Locale.ROOT, "input: %d jar(s), %d classes; %d warm-up and %d measured runs each; JDK %s, %d CPUs%n",
                jars.size(), classes, warmups, runs, Runtime.version(), Runtime.getRuntime().availableProcessors());

        for (int i = 0; i < warmups; i++) {
            for (Path jar : jars) {
                runIrq4j(jar);
                runSpotBugs(jar);
            }
        }
        long[] irq4jNs = new long[runs];
        long[] spotbugsNs = new long[runs];
        long[] irq4jCpu = new long[runs];
        long[] spotbugsCpu = new long[runs];
        java.util.Map<Path, VerificationResult> last = new java.util.LinkedHashMap<>();
        java.util.Map<Path, List<String>> spotbugsFindings = new java.util.LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (Path jar : jars) {
                long c0 = processCpuNs();
                long t0 = System.nanoTime();
                last.put(jar, runIrq4j(jar));
                irq4jNs[i] += System.nanoTime() - t0;
                long c1 = processCpuNs();
                irq4jCpu[i] += c1 - c0;
                t0 = System.nanoTime();
                spotbugsFindings.put(jar, runSpotBugs(jar));
                spotbugsNs[i] += System.nanoTime() - t0;
                spotbugsCpu[i] += processCpuNs() - c1;
            }
            System.out.printf(Locale.ROOT, "run %d: irq4j-verify %.3f s (CPU %.3f s), SpotBugs %.3f s (CPU %.3f s), ratio %.1fx%n", i + 1,
                    seconds(irq4jNs[i]), seconds(irq4jCpu[i]), seconds(spotbugsNs[i]), seconds(spotbugsCpu[i]),
                    (double) spotbugsNs[i] / Math.max(1, irq4jNs[i]));
        }
        double irq4jRate = classes / seconds(median(irq4jNs));
        double spotbugsRate = classes / seconds(median(spotbugsNs));
        int irq4jTotal = last.values().stream().mapToInt(r -> r.findings().size()).sum();
        int spotbugsTotal = spotbugsFindings.values().stream().mapToInt(List::size).sum();
        System.out.printf(Locale.ROOT, "irq4j-verify:                 median %8.3f s  %10.0f classes/s  CPU median %8.3f s  (%d findings)%n",
                seconds(median(irq4jNs)), irq4jRate, seconds(median(irq4jCpu)), irq4jTotal);
        System.out.printf(Locale.ROOT, "SpotBugs FindUnreleasedLock:  median %8.3f s  %10.0f classes/s  CPU median %8.3f s  (%d findings)%n",
                seconds(median(spotbugsNs)), spotbugsRate, seconds(median(spotbugsCpu)), spotbugsTotal);
        System.out.printf(Locale.ROOT, "ratio irq4j/SpotBugs: %.1fx (wall-time medians, classes/s); CPU-time medians: %.1fx%n",
                irq4jRate / spotbugsRate, (double) median(spotbugsCpu) / Math.max(1, median(irq4jCpu)));
        // The two tools of one run ran back to back under about the same load; the medians above
        // pair one tool's median run with the other's, which a load that drifts between runs skews.
        double[] perRun = new double[runs];
        for (int i = 0; i < runs; i++) {
            perRun[i] = (double) spotbugsNs[i] / Math.max(1, irq4jNs[i]);
        }
        Arrays.sort(perRun);
        System.out.printf(Locale.ROOT, "ratio per run (wall time): median %.1fx, range %.1fx to %.1fx%n", perRun[runs / 2], perRun[0],
                perRun[runs - 1]);
        for (java.util.Map.Entry<Path, VerificationResult> e : last.entrySet()) {
            VerificationResult r = e.getValue();
            java.util.Map<String, Long> byRule = new java.util.TreeMap<>();
            r.findings().forEach(f -> byRule.merge(f.rule().id(), 1L, Long::sum));
            List<String> warnings = spotbugsFindings.get(e.getKey());
            System.out.printf(Locale.ROOT, "%s: %d classes, irq4j %s, truncated %d, errors %d; SpotBugs %d%n",
                    e.getKey().getFileName(), r.classesRead(), byRule.isEmpty() ? "no findings" : byRule, r.truncatedMethods().size(),
                    r.errors().size(), warnings.size());
            for (Finding f : r.findings()) {
                System.out.println("  irq4j: " + f.rule().id() + " " + f.sourcePath() + ":" + f.line() + " " + f.fullyQualifiedName());
            }
            for (String w : warnings) {
                System.out.println("  SpotBugs: " + w);
            }
        }
    }

    static VerificationResult runIrq4j(Path jar) {
        return new StaticVerifier().verify(List.of(jar));
    }

    /**
     * Runs SpotBugs with only FindUnreleasedLock enabled; returns its warnings, each as
     * {@code TYPE priority class.method line}, sorted.
     */
    static List<String> runSpotBugs(Path jar) throws IOException, InterruptedException {
        try (Project project = new Project(); FindBugs2 engine = new FindBugs2()) {
            project.addFile(jar.toString());
            DetectorFactoryCollection detectors = DetectorFactoryCollection.instance();
            UserPreferences prefs = UserPreferences.createDefaultUserPreferences();
            boolean found = false;
            for (java.util.Iterator<DetectorFactory> it = detectors.factoryIterator(); it.hasNext();) {
                DetectorFactory f = it.next();
                boolean on = f.getShortName().equals("FindUnreleasedLock");
                found |= on;
                prefs.enableDetector(f, on);
            }
            if (!found) {
                throw new IllegalStateException("SpotBugs has no FindUnreleasedLock detector (expected in spotbugs 4.x)");
            }
            BugCollectionBugReporter reporter = new BugCollectionBugReporter(project);
            reporter.setPriorityThreshold(Priorities.LOW_PRIORITY);
            engine.setProject(project);
            engine.setDetectorFactoryCollection(detectors);
            engine.setUserPreferences(prefs);
            engine.setBugReporter(reporter);
            engine.setNoClassOk(true);
            engine.execute();
            List<String> out = new java.util.ArrayList<>();
            for (BugInstance b : reporter.getBugCollection()) {
                edu.umd.cs.findbugs.MethodAnnotation m = b.getPrimaryMethod();
                edu.umd.cs.findbugs.SourceLineAnnotation line = b.getPrimarySourceLineAnnotation();
                out.add(b.getType() + " " + b.getPriorityString() + " " + b.getPrimaryClass().getClassName()
                        + (m == null ? "" : "." + m.getMethodName()) + " " + line.getSourceFile() + ":" + line.getStartLine());
            }
            out.sort(null);
            return out;
        }
    }

    /** CPU time of this JVM, all threads. */
    private static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double seconds(long ns) {
        return ns / 1e9;
    }

    static int countClasses(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return (int) zip.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")
                    && !e.getName().endsWith("module-info.class")).count();
        }
    }

    /** The guava jar: from the class path, else the newest in the local Maven repository. */
    static Path findGuava() throws IOException {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("guava-") && name.endsWith(".jar")) {
                return Path.of(entry);
            }
        }
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "google", "guava", "guava");
        if (Files.isDirectory(repo)) {
            try (Stream<Path> files = Files.walk(repo)) {
                Optional<Path> newest = files.filter(p -> p.getFileName().toString().matches("guava-[\\d.]+-jre\\.jar"))
                        .max(Comparator.comparing(Path::toString));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IllegalStateException("no guava jar on the class path nor under " + repo
                + "; run via Maven (mvn -pl irq4j-bench exec:java) or pass the jar path as the first argument");
    }
}
