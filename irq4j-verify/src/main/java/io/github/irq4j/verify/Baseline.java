package io.github.irq4j.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A baseline: the findings a project accepts for now, so that only new ones fail the build. One
 * finding per line, keyed by {@link Finding#fingerprint()} (not by line number, so edits elsewhere
 * in the file keep it), followed by the rule and method for people reading the file:
 * <pre>
 * # irq4j verify baseline: fingerprint rule method
 * 3f1c0e9a2b7d4c55e8a1f0b2c3d4e5f6 LockRelease com.example.Pool.enter
 * </pre>
 */
public final class Baseline {
    private static final String HEADER = "# irq4j verify baseline: fingerprint rule method";

    private Baseline() {
    }

    /**
     * Reads the fingerprints of a baseline file.
     *
     * @throws IllegalArgumentException if the file is missing or a line is not {@code fingerprint rule method}
     */
    public static Set<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("baseline file " + file + " does not exist; create it with --write-baseline " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the baseline file " + file + ": " + e.getMessage(), e);
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String fp = l.split("\\s+", 2)[0];
            if (!fp.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("baseline file " + file + " line " + (i + 1) + ": '" + l + "' does not start with "
                        + "a 32-digit hex fingerprint; rewrite the file with --write-baseline");
            }
            out.add(fp);
        }
        return out;
    }

    /** Writes the fingerprints of {@code findings} (the ones that count) to {@code file}. */
    public static void write(Path file, List<Finding> findings) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Finding f : findings) {
            lines.add(f.fingerprint() + " " + f.rule().id() + " " + f.fullyQualifiedName());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the baseline file " + file + ": " + e.getMessage(), e);
        }
    }
}
