package io.github.irq4j.maven;

import io.github.irq4j.verify.Baseline;
import io.github.irq4j.verify.InputError;
import io.github.irq4j.verify.SarifReport;
import io.github.irq4j.verify.StaticVerifier;
import io.github.irq4j.verify.TextReport;
import io.github.irq4j.verify.Truncation;
import io.github.irq4j.verify.VerifierOptions;
import io.github.irq4j.verify.VerificationResult;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Goal {@code irq4j:verify}: runs the irq4j static verifier over the project's compiled classes in
 * the {@code verify} phase and fails the build when it finds a broken lock rule, printing the
 * text report (rule, file:line, message, path) to the build log. The Maven counterpart of running
 * Static Driver Verifier on a driver (the SDV rule WdfInterruptLock).
 * <pre>{@code
 * <plugin>
 *   <groupId>io.github.irq4j</groupId>
 *   <artifactId>irq4j-maven-plugin</artifactId>
 *   <version>${irq4j.version}</version>
 *   <executions><execution><goals><goal>verify</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class VerifyMojo extends AbstractMojo {

    /** The compiled classes to verify. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    File classesDirectory;

    /** The project's compile classpath, used to resolve supertypes of the verified classes. */
    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true)
    List<String> classpathElements;

    /** Skips the verification. */
    @Parameter(property = "irq4j.verify.skip", defaultValue = "false")
    boolean skip;

    /** Also write the findings as SARIF 2.1.0 to this file (for code-scanning tools). */
    @Parameter(property = "irq4j.verify.sarifFile")
    File sarifFile;

    /** Fail the build when there are findings; when false they are only logged as warnings. */
    @Parameter(property = "irq4j.verify.failOnFindings", defaultValue = "true")
    boolean failOnFindings;

    /** Findings whose fingerprints this file lists do not count (they appear as suppressed in SARIF). */
    @Parameter(property = "irq4j.verify.baseline")
    File baseline;

    /** Write the fingerprints of the findings that count to this file (to accept them as the baseline). */
    @Parameter(property = "irq4j.verify.writeBaseline")
    File writeBaseline;

    /** Rule ids not checked. */
    @Parameter(property = "irq4j.verify.disabledRules")
    List<String> disabledRules = List.of();

    /** If set, only these rule ids are checked. */
    @Parameter(property = "irq4j.verify.enabledRules")
    List<String> enabledRules = List.of();

    /** Only classes matching one of these patterns are reported ({@code com.example.**}). */
    @Parameter(property = "irq4j.verify.includes")
    List<String> includes = List.of();

    /** Classes matching one of these patterns are not reported. */
    @Parameter(property = "irq4j.verify.excludes")
    List<String> excludes = List.of();

    /** Calls that cannot throw ({@code com.example.Regs#read}, {@code com.example.Util#*}). */
    @Parameter(property = "irq4j.verify.nonThrowing")
    List<String> nonThrowing = List.of();

    /** The source roots, to make SARIF URIs relative to the project ({@code src/main/java/...}). */
    @Parameter(defaultValue = "${project.compileSourceRoots}", readonly = true)
    List<String> compileSourceRoots = List.of();

    /** The project directory SARIF URIs are relative to. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("irq4j verify: skipped (irq4j.verify.skip=true)");
            return;
        }
        if (!classesDirectory.isDirectory()) {
            getLog().info("irq4j verify: no classes to verify (" + classesDirectory + " does not exist)");
            return;
        }
        VerificationResult result;
        try (URLClassLoader loader = classpathLoader()) {
            result = new StaticVerifier(loader, options()).verify(List.of(classesDirectory.toPath()));
        } catch (IOException e) {
            throw new MojoExecutionException("irq4j verify: cannot close the classpath loader: " + e.getMessage(), e);
        }
        if (sarifFile != null) {
            writeSarif(result);
        }
        if (writeBaseline != null) {
            try {
                Baseline.write(writeBaseline.toPath(), result.findings());
            } catch (java.io.UncheckedIOException e) {
                throw new MojoExecutionException("irq4j verify: " + e.getMessage(), e);
            }
            getLog().info("irq4j verify: baseline of " + result.findings().size() + " findings written to " + writeBaseline);
        }
        if (!result.suppressed().isEmpty()) {
            getLog().info("irq4j verify: " + result.suppressed().size() + " findings suppressed (@SuppressLockFinding or baseline)");
        }
        for (InputError e : result.errors()) {
            getLog().warn("irq4j verify: " + e);
        }
        for (Truncation t : result.truncatedMethods()) {
            getLog().warn("irq4j verify: note: " + t.message());
        }
        if (result.findings().isEmpty()) {
            getLog().info(TextReport.summaryLine(result));
            return;
        }
        String report = new TextReport().toString(result);
        // input errors and notes were logged above as warnings; keep the report's own lines
        report = report.lines().filter(l -> !l.startsWith("error: ") && !l.startsWith("note: "))
                .collect(java.util.stream.Collectors.joining("\n"));
        for (String line : report.split("\n")) {
            if (failOnFindings) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        if (failOnFindings) {
            throw new MojoFailureException(TextReport.summaryLine(result)
                    + "; fix the paths listed above, annotate intentional lock hand-offs with @AcquiresLock / "
                    + "@AcquiresLockIfReturns / @ReleasesLock, suppress one with @SuppressLockFinding(rule, reason), accept the "
                    + "current ones with -Dirq4j.verify.writeBaseline=FILE and -Dirq4j.verify.baseline=FILE, or set irq4j.verify.skip=true");
        }
    }

    private VerifierOptions options() throws MojoExecutionException {
        try {
            VerifierOptions o = VerifierOptions.defaults();
            if (enabledRules != null && !enabledRules.isEmpty()) {
                o = o.only(enabledRules);
            }
            o = o.disable(orEmpty(disabledRules)).include(orEmpty(includes)).exclude(orEmpty(excludes))
                    .nonThrowing(orEmpty(nonThrowing));
            if (baseline != null) {
                o = o.baseline(Baseline.read(baseline.toPath()));
            }
            return o;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new MojoExecutionException("irq4j verify: bad configuration: " + e.getMessage(), e);
        }
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private URLClassLoader classpathLoader() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        if (classpathElements != null) {
            for (String element : classpathElements) {
                try {
                    urls.add(new File(element).toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new MojoExecutionException("irq4j verify: bad classpath element '" + element + "': " + e.getMessage(), e);
                }
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), VerifyMojo.class.getClassLoader());
    }

    private void writeSarif(VerificationResult result) throws MojoExecutionException {
        try {
            File parent = sarifFile.getAbsoluteFile().getParentFile();
            if (parent != null) {
                Files.createDirectories(parent.toPath());
            }
            try (Writer w = Files.newBufferedWriter(sarifFile.toPath(), StandardCharsets.UTF_8)) {
                List<java.nio.file.Path> roots = orEmpty(compileSourceRoots).stream().map(java.nio.file.Path::of).toList();
                new SarifReport(roots, basedir == null || roots.isEmpty() ? null : basedir.toPath()).write(result, w);
            }
            getLog().info("irq4j verify: SARIF report written to " + sarifFile);
        } catch (IOException e) {
            throw new MojoExecutionException("irq4j verify: cannot write the SARIF report to " + sarifFile + ": " + e.getMessage(), e);
        }
    }
}
