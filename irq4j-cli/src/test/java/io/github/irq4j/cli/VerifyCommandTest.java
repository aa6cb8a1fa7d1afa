package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code irq4j verify} on freshly compiled good and bad classes. */
class VerifyCommandTest {

    @TempDir
    Path tmp;
    private Path badClasses;
    private Path goodClasses;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void compile() throws IOException {
        badClasses = compile("bad", """
                import java.util.concurrent.locks.ReentrantLock;
                public class Leaky {
                    private final ReentrantLock lock = new ReentrantLock();
                    int n;
                    void inc() {
                        lock.lock();
                        n++;
                    }
                }
                """);
        goodClasses = compile("good", """
                import java.util.concurrent.locks.ReentrantLock;
                public class Tidy {
                    private final ReentrantLock lock = new ReentrantLock();
                    int n;
                    void inc() {
                        lock.lock();
                        try {
                            n++;
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
    }

    private Path compile(String dir, String source) throws IOException {
        Path src = Files.createDirectories(tmp.resolve(dir + "-src"));
        String name = source.substring(source.indexOf("public class ") + 13, source.indexOf(" {"));
        Path file = Files.writeString(src.resolve(name + ".java"), source);
        Path classes = Files.createDirectories(tmp.resolve(dir));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-g", "-d", classes.toString(), file.toString());
        assertThat(rc).as("javac exit code").isZero();
        return classes;
    }

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new VerifyCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void findingsExitOneWithTextReport() {
        int rc = run(badClasses.toString());
        assertThat(rc).isEqualTo(1);
        assertThat(out.toString())
                .contains("Leaky.java:8: LockRelease in Leaky.inc")
                .contains("method returns at line 8 holding lock this.lock")
                .contains("lock() at line 6")
                .contains("path: 6 -> 7 -> 8")
                .contains("irq4j verify: 1 finding in 1 class");
    }

    @Test
    void cleanExitsZero() {
        assertThat(run(goodClasses.toString())).isZero();
        assertThat(out.toString()).contains("irq4j verify: 0 findings in 1 class");
    }

    @Test
    void nothingReadableExitsTwo() {
        int rc = run(tmp.resolve("missing").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(out.toString()).contains("error: ").contains("no such file or directory");
    }

    @Test
    void sarifToFile() throws IOException {
        Path report = tmp.resolve("reports/verify.sarif");
        int rc = run("--format", "sarif", "--output", report.toString(), badClasses.toString(), goodClasses.toString());
        assertThat(rc).isEqualTo(1);
        assertThat(out.toString()).contains("report written to " + report);
        JsonObject sarif = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        JsonObject result = sarif.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results").get(0).getAsJsonObject();
        assertThat(result.get("ruleId").getAsString()).isEqualTo("LockRelease");
        JsonObject location = result.getAsJsonArray("locations").get(0).getAsJsonObject();
        assertThat(location.getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation").get("uri").getAsString())
                .isEqualTo("Leaky.java");
        assertThat(location.getAsJsonArray("logicalLocations").get(0).getAsJsonObject().get("fullyQualifiedName").getAsString())
                .isEqualTo("Leaky.inc");
    }

    @Test
    void badFormatIsAUsageError() {
        assertThat(run("--format", "xml", goodClasses.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--format").contains("xml");
    }

    @Test
    void baselineWrittenThenAcceptsTheFindings() throws IOException {
        Path baseline = tmp.resolve("conf/baseline.txt");
        assertThat(run("--write-baseline", baseline.toString(), badClasses.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("baseline of 1 findings written to " + baseline);
        assertThat(Files.readString(baseline)).contains("LockRelease Leaky.inc");
        out.getBuffer().setLength(0);
        assertThat(run("--baseline", baseline.toString(), badClasses.toString())).isZero();
        assertThat(out.toString()).contains("irq4j verify: 0 findings in 1 class").contains("1 suppressed");
    }

    @Test
    void missingBaselineIsAUsageErrorThatSaysWhatToDo() {
        assertThat(run("--baseline", tmp.resolve("nope.txt").toString(), badClasses.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("does not exist").contains("--write-baseline");
    }

    @Test
    void disabledRuleAndExcludedClassAreNotReported() {
        assertThat(run("--disable-rule", "LockRelease", badClasses.toString())).isZero();
        assertThat(run("--exclude", "Leak*", badClasses.toString())).isZero();
        assertThat(run("--include", "Leaky", badClasses.toString())).isEqualTo(1);
        assertThat(run("--disable-rule", "NoSuchRule", badClasses.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown rule id 'NoSuchRule'").contains("LockRelease");
    }

    @Test
    void sarifWithSourceRootHasProjectRelativeUris() throws IOException {
        Path report = tmp.resolve("rel.sarif");
        Path srcRoot = tmp.resolve("bad-src");
        assertThat(run("--format", "sarif", "--output", report.toString(), "--source-root", srcRoot.toString(),
                badClasses.toString())).isEqualTo(1);
        JsonObject run = JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject();
        JsonObject artifact = run.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("locations").get(0)
                .getAsJsonObject().getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation");
        // the source root is outside the current directory here, so the URI is absolute; inside it is
        // relative with uriBaseId SRCROOT (SarifSchemaTest in irq4j-verify)
        assertThat(artifact.has("uriBaseId")).isFalse();
        assertThat(Path.of(java.net.URI.create(artifact.get("uri").getAsString()))).isEqualTo(srcRoot.resolve("Leaky.java"));
        assertThat(run.getAsJsonObject("originalUriBaseIds").getAsJsonObject("SRCROOT").get("uri").getAsString()).startsWith("file:");
    }
}
