package io.github.irq4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start of the repository's README, as written: the first {@code java} block of its
 * "Quick start" section is compiled with {@code javax.tools} against the built modules and run as
 * a program in a child JVM, and its output is checked.
 */
class QuickStartReadmeTest {

    private static final Pattern PUBLIC_CLASS = Pattern.compile("^public (?:final )?class (\\w+)", Pattern.MULTILINE);

    @TempDir
    static Path classes;

    private static String mainClass;

    /** The README of the repository: the first README.md above the working directory that has a quick start. */
    static Path readme() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path r = dir.resolve("README.md");
            if (Files.isRegularFile(r) && Files.readString(r).contains("\n## Quick start\n")) {
                return r;
            }
        }
        throw new AssertionError("no README.md with a '## Quick start' section above " + Path.of("").toAbsolutePath());
    }

    /** The first {@code ```java} block after the "Quick start" heading. */
    static String quickStart(String readme) {
        int section = readme.indexOf("\n## Quick start\n");
        int open = readme.indexOf("```java\n", section);
        int nextSection = readme.indexOf("\n## ", section + 1);
        assertThat(open).as("a java block in the Quick start section").isPositive();
        assertThat(nextSection < 0 || open < nextSection).as("the java block is inside the Quick start section").isTrue();
        int close = readme.indexOf("\n```\n", open);
        return readme.substring(open + "```java\n".length(), close + 1);
    }

    private static synchronized String compileOnce() throws IOException {
        if (mainClass != null) {
            return mainClass;
        }
        String code = quickStart(Files.readString(readme()));
        Matcher m = PUBLIC_CLASS.matcher(code);
        assertThat(m.find()).as("the quick start declares a public class").isTrue();
        String name = m.group(1);
        assertThat(code).as("the quick start is a complete program").contains("public static void main(String[] args)");
        Path source = classes.resolve(name + ".java");
        Files.writeString(source, code);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                    "-Xlint:all", "-Werror");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source.toFile())).call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                report.append(d.getKind()).append(" line ").append(d.getLineNumber()).append(": ")
                        .append(d.getMessage(Locale.ROOT)).append('\n');
            }
            assertThat(ok).as("the README quick start compiles without warnings:\n%s", report).isTrue();
        }
        mainClass = name;
        return name;
    }

    @Test
    void theQuickStartCompilesAsWritten() throws IOException {
        assertThat(Files.exists(classes.resolve(compileOnce() + ".class"))).isTrue();
    }

    /** Run a few times: the line it prints must not depend on how the dispatch thread was scheduled. */
    @RepeatedTest(3)
    void theQuickStartRunsAndPrintsOneIsrCallAndOneWorkItem() throws Exception {
        String name = compileOnce();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = classes + File.pathSeparator + System.getProperty("java.class.path");
        Process p = new ProcessBuilder(java.toString(), "-cp", classPath, name)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the program ended").isTrue();
        String stderr = new String(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code; stderr:\n%s", stderr).isZero();
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("ISR calls: 1, work items: 1, violations: 0\n");
        assertThat(stderr).as("stderr (no native-access warning for an in-process program)").isEmpty();
    }
}
