package io.github.irq4j.maven;

import io.github.irq4j.verify.InputError;
import io.github.irq4j.verify.SarifReport;
import io.github.irq4j.verify.StaticVerifier;
import io.github.irq4j.verify.TextReport;
import io.github.irq4j.verify.Truncation;
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
 * Static Driver Verifier on a driver (seed 002).
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
            result = new StaticVerifier(loader).verify(List.of(classesDirectory.toPath()));
        } catch (IOException e) {
            throw new MojoExecutionException("irq4j verify: cannot close the classpath loader: " + e.getMessage(), e);
        }
        if (sarifFile != null) {
            writeSarif(result);
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
                    + "; fix the paths listed above, annotate intentional lock hand-offs with @AcquiresInterruptLock / "
                    + "@ReleasesInterruptLock, or set irq4j.verify.skip=true");
        }
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
                new SarifReport().write(result, w);
            }
            getLog().info("irq4j verify: SARIF report written to " + sarifFile);
        } catch (IOException e) {
            throw new MojoExecutionException("irq4j verify: cannot write the SARIF report to " + sarifFile + ": " + e.getMessage(), e);
        }
    }
}
