package io.github.irq4j.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.objectweb.asm.tree.ClassNode;

/**
 * The static verifier: reads compiled classes and reports, per method, the paths on which the
 * interrupt-lock rules of SPEC section 6 and the {@code java.util.concurrent.locks.Lock} rule
 * {@code LockRelease} are broken. It is what Static Driver Verifier does for rule
 * {@code WdfInterruptLock} (the SDV rule WdfInterruptLock), done on bytecode.
 * <pre>{@code
 * VerificationResult result = new StaticVerifier().verify(List.of(Path.of("target/classes")));
 * new TextReport().write(result, System.out);
 * System.exit(result.exitCode());
 * }</pre>
 * Not thread-safe; each call to {@link #verify} is independent.
 */
public final class StaticVerifier {

    private final ClassLoader loader;
    private final ThrowModel throwModel;
    private final VerifierOptions options;

    /** A verifier that resolves library types (is this class a {@code Lock}?) with its own class loader. */
    public StaticVerifier() {
        this(StaticVerifier.class.getClassLoader());
    }

    /**
     * @param loader the class loader used to look up classes that are not in the input, to tell
     *        whether they implement {@code java.util.concurrent.locks.Lock} or an I/O queue
     *        callback interface; classes are looked up without being initialized
     */
    public StaticVerifier(ClassLoader loader) {
        this(loader, VerifierOptions.defaults());
    }

    /**
     * A verifier with options: rules, class includes/excludes, calls that cannot throw, baseline.
     *
     * @param loader as for {@link #StaticVerifier(ClassLoader)}
     */
    public StaticVerifier(ClassLoader loader, VerifierOptions options) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.options = Objects.requireNonNull(options, "options");
        this.throwModel = ThrowModel.defaults().with(options.nonThrowing());
    }

    /**
     * Verifies class directories, jars and class files.
     *
     * @param paths the inputs; each is a directory searched for {@code .class} files, a
     *        {@code .jar}, or one {@code .class} file
     * @return the findings and the inputs that could not be read
     */
    public VerificationResult verify(List<Path> paths) {
        Objects.requireNonNull(paths, "paths");
        ClassInput input = new ClassInput();
        if (paths.isEmpty()) {
            input.errors.add(new InputError("(no input)", "no paths given (expected at least one class directory, jar or "
                    + ".class file)"));
        }
        for (Path p : paths) {
            input.add(p);
        }
        return analyse(input);
    }

    /**
     * Verifies classes given as class-file bytes.
     *
     * @param classFiles origin (used in messages) -> class file contents
     */
    public VerificationResult verifyBytes(Map<String, byte[]> classFiles) {
        ClassInput input = new ClassInput();
        classFiles.forEach((origin, bytes) -> input.parse(bytes, origin));
        return analyse(input);
    }

    @SuppressWarnings("unchecked")
    private VerificationResult analyse(ClassInput input) {
        input.parseRelevant();
        List<ClassNode> nodes = new ArrayList<>();
        for (ClassInput.Read r : input.classes) {
            nodes.add(r.node());
        }
        ClassIndex index = new ClassIndex(nodes, loader);
        Map<String, ClassAnalyzer> analyzers = new HashMap<>();
        for (ClassInput.Read r : input.classes) {
            analyzers.putIfAbsent(r.node().name, null);
        }
        Map<String, String> origins = new HashMap<>();
        input.classes.forEach(r -> origins.putIfAbsent(r.node().name, r.origin()));
        java.util.function.Function<String, ClassAnalyzer>[] lookup = new java.util.function.Function[1];
        lookup[0] = name -> {
            if (!analyzers.containsKey(name)) {
                return null;
            }
            ClassAnalyzer a = analyzers.get(name);
            if (a == null) {
                a = new ClassAnalyzer(index.get(name), origins.get(name), index, throwModel, lookup[0]);
                analyzers.put(name, a);
            }
            return a;
        };
        List<Finding> findings = new ArrayList<>();
        List<InputError> errors = new ArrayList<>(input.errors);
        List<Truncation> truncated = new ArrayList<>();
        int methods = 0;
        for (String name : origins.keySet().stream().sorted().toList()) {
            if (!options.reports(name.replace('/', '.'))) {
                continue; // still read: its methods' summaries serve the classes that are reported
            }
            ClassAnalyzer a = lookup[0].apply(name);
            a.analyse();
            methods += a.analysedMethods();
            truncated.addAll(a.truncated());
        }
        for (ClassAnalyzer a : analyzers.values()) {
            if (a == null) {
                continue;
            }
            errors.addAll(a.errors());
            for (Finding f : a.findings()) { // includes findings met while computing other classes' summaries
                if (options.rules().contains(f.rule()) && options.reports(f.className())) {
                    findings.add(f);
                }
            }
        }
        findings.sort(Comparator.comparing(Finding::className).thenComparingInt(Finding::line)
                .thenComparing(f -> f.rule().id()).thenComparing(Finding::methodName));
        List<Finding> counted = new ArrayList<>();
        List<Finding> suppressed = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Finding f : findings) {
            Finding first = f.withOccurrence(0);
            int n = seen.merge(first.fingerprint(), 1, Integer::sum) - 1;
            Finding g = n == 0 ? first : f.withOccurrence(n);
            if (g.suppression() == null && options.baseline().contains(g.fingerprint())) {
                g = g.withSuppression(new Suppression(Suppression.Kind.BASELINE, "accepted in the baseline"));
            }
            (g.suppression() == null ? counted : suppressed).add(g);
        }
        return new VerificationResult(counted, errors.stream().distinct().toList(), input.classes.size(), methods, truncated, suppressed);
    }
}
