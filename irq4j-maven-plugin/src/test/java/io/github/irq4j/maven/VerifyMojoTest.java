package io.github.irq4j.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mojo's logic, run directly on freshly compiled classes. */
class VerifyMojoTest {

    @TempDir
    Path tmp;

    /** A log that keeps what the mojo writes. */
    static final class CapturingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void error(CharSequence content) {
            lines.add("ERROR " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("WARN " + content);
        }

        @Override
        public void info(CharSequence content) {
            lines.add("INFO " + content);
        }
    }

    private Path compile(String name, String source) throws IOException {
        Path src = Files.createDirectories(tmp.resolve(name + "-src"));
        Path file = Files.writeString(src.resolve(name + ".java"), source);
        Path classes = Files.createDirectories(tmp.resolve(name + "-classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-g", "-d", classes.toString(), file.toString());
        assertThat(rc).as("javac exit code").isZero();
        return classes;
    }

    private static VerifyMojo mojo(Path classes, CapturingLog log) {
        VerifyMojo m = new VerifyMojo();
        m.classesDirectory = classes.toFile();
        m.classpathElements = List.of();
        m.failOnFindings = true;
        m.setLog(log);
        return m;
    }

    private Path leaky() throws IOException {
        return compile("Leaky", """
                public class Leaky {
                    private final java.util.concurrent.locks.Lock lock = new java.util.concurrent.locks.ReentrantLock();
                    void inc() {
                        lock.lock();
                    }
                }
                """);
    }

    @Test
    void findingsFailTheBuildWithTheReportInTheLog() throws IOException {
        CapturingLog log = new CapturingLog();
        VerifyMojo m = mojo(leaky(), log);
        m.sarifFile = tmp.resolve("out/irq4j.sarif").toFile();
        assertThatThrownBy(m::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("irq4j verify: 1 finding");
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR Leaky.java:5: LockRelease in Leaky.inc"));
        assertThat(log.lines).anyMatch(l -> l.startsWith("ERROR     path: 4 -> 5"));
        assertThat(JsonParser.parseString(Files.readString(m.sarifFile.toPath())).getAsJsonObject()
                .getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results")).hasSize(1);
    }

    @Test
    void cleanClassesPass() throws Exception {
        CapturingLog log = new CapturingLog();
        mojo(compile("Tidy", """
                public class Tidy {
                    private final java.util.concurrent.locks.Lock lock = new java.util.concurrent.locks.ReentrantLock();
                    int n;
                    void inc() {
                        lock.lock();
                        try { n++; } finally { lock.unlock(); }
                    }
                }
                """), log).execute();
        assertThat(log.lines).containsExactly("INFO irq4j verify: 0 findings in 1 class (1 methods with locks), 0 input errors");
    }

    @Test
    void skipReadsNothing() throws Exception {
        CapturingLog log = new CapturingLog();
        VerifyMojo m = mojo(leaky(), log);
        m.skip = true;
        m.execute();
        assertThat(log.lines).containsExactly("INFO irq4j verify: skipped (irq4j.verify.skip=true)");
    }

    @Test
    void findingsOnlyWarnWhenNotFailing() throws Exception {
        CapturingLog log = new CapturingLog();
        VerifyMojo m = mojo(leaky(), log);
        m.failOnFindings = false;
        m.execute();
        assertThat(log.lines).anyMatch(l -> l.startsWith("WARN Leaky.java:5: LockRelease"));
    }

    @Test
    void missingClassesDirectoryIsNotAnError() throws Exception {
        CapturingLog log = new CapturingLog();
        mojo(tmp.resolve("nothing"), log).execute();
        assertThat(log.lines).singleElement().asString().contains("no classes to verify");
    }

    @Test
    void corruptClassIsWarnedAndTheRestVerified() throws Exception {
        Path classes = leaky();
        Files.writeString(classes.resolve("Broken.class"), "garbage, not bytecode");
        CapturingLog log = new CapturingLog();
        VerifyMojo m = mojo(classes, log);
        assertThatThrownBy(m::execute).isInstanceOf(MojoFailureException.class);
        assertThat(log.lines).anyMatch(l -> l.startsWith("WARN irq4j verify: ") && l.contains(File.separator + "Broken.class")
                && l.contains("not a class file"));
    }

    @Test
    void baselineWrittenThenAcceptedAndBadRuleRejected() throws Exception {
        Path classes = leaky();
        VerifyMojo write = mojo(classes, new CapturingLog());
        write.writeBaseline = tmp.resolve("baseline.txt").toFile();
        assertThatThrownBy(write::execute).isInstanceOf(MojoFailureException.class);
        assertThat(Files.readString(tmp.resolve("baseline.txt"))).contains("LockRelease Leaky.inc");
        CapturingLog log = new CapturingLog();
        VerifyMojo accept = mojo(classes, log);
        accept.baseline = tmp.resolve("baseline.txt").toFile();
        accept.execute();
        assertThat(log.lines).contains("INFO irq4j verify: 1 findings suppressed (@SuppressLockFinding or baseline)");
        VerifyMojo bad = mojo(classes, new CapturingLog());
        bad.disabledRules = List.of("LockLeak");
        assertThatThrownBy(bad::execute).isInstanceOf(org.apache.maven.plugin.MojoExecutionException.class)
                .hasMessageContaining("unknown rule id 'LockLeak'");
    }
}
