package io.github.irq4j.verify;

import io.github.irq4j.verify.fixtures.WdfInterruptLockFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the compiled fixtures and their sources are, and what each source expects. */
final class Fixtures {
    static final String PACKAGE_DIR = "io/github/irq4j/verify/fixtures";
    private static final Pattern EXPECT = Pattern.compile("// expect: (\\w+)");

    private Fixtures() {
    }

    /** The test-classes directory holding the compiled fixtures. */
    static Path classesRoot() {
        try {
            return Path.of(WdfInterruptLockFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes: " + e.getMessage(), e);
        }
    }

    /** The compiled fixture classes. */
    static Path classesDir() {
        return classesRoot().resolve(PACKAGE_DIR);
    }

    static Path sourceDir() {
        return Path.of("src/test/java").resolve(PACKAGE_DIR);
    }

    /** The class file of one fixture class. */
    static Path classFile(String simpleName) {
        return classesDir().resolve(simpleName + ".class");
    }

    /** {@code Rule@line} for each "// expect: Rule" comment in a fixture source. */
    static Set<String> expected(String sourceFile) {
        try {
            List<String> lines = Files.readAllLines(sourceDir().resolve(sourceFile));
            Set<String> out = new LinkedHashSet<>();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = EXPECT.matcher(lines.get(i));
                while (m.find()) {
                    out.add(m.group(1) + "@" + (i + 1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
