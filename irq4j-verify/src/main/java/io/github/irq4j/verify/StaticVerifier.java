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
 * {@code WdfInterruptLock} (seed 002), done on bytecode.
 * <pre>{@code
 * VerificationResult result = new StaticVerifier().verify(List.of(Path.of("target/classes")));
 * new TextReport().write(result, System.out);
 * System.exit(result.exitCode());
 * }</pre>
 * Not thread-safe; each call to {@link #verify} is independent.
 */
public final class StaticVerifier {

    private final ClassLoader loader;
    private final ThrowModel throwModel = ThrowModel.defaults();

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
        this.loader = Objects.requireNonNull(loader, "loader");
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
            ClassAnalyzer a = lookup[0].apply(name);
            a.analyse();
            methods += a.analysedMethods();
            truncated.addAll(a.truncated());
            errors.addAll(a.errors());
        }
        for (ClassAnalyzer a : analyzers.values()) {
            findings.addAll(a.findings()); // includes findings met while computing other classes' summaries
        }
        findings.sort(Comparator.comparing(Finding::className).thenComparingInt(Finding::line)
                .thenComparing(f -> f.rule().id()).thenComparing(Finding::methodName));
        return new VerificationResult(findings, errors, input.classes.size(), methods, truncated);
    }
}
