package io.github.irq4j.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class path {@code --classpath PATH[:PATH...]} adds to irq4j's own: class folders and jars,
 * loaded by a {@link URLClassLoader} whose parent is irq4j's loader, so a driver sees the irq4j API
 * the command line uses (one {@code io.github.irq4j.Driver}, not two). Device providers in those
 * jars are found too. Closed after the run, when no thread of the driver runs any more.
 */
final class UserClassPath implements AutoCloseable {

    private final List<Path> entries;
    private final ClassLoader loader;

    private UserClassPath(List<Path> entries, ClassLoader loader) {
        this.entries = entries;
        this.loader = loader;
    }

    /** No entries: irq4j's own class path only. */
    static UserClassPath none() {
        return new UserClassPath(List.of(), UserClassPath.class.getClassLoader());
    }

    /**
     * Parses the option's value: entries separated by the platform's path separator ({@code :} on
     * Linux), each an existing folder or jar (or zip) file; empty entries are skipped.
     *
     * @param value the option's value, or {@code null} for {@link #none()}
     * @throws CliException a usage error naming the entry that does not exist or is not a folder or jar
     */
    static UserClassPath parse(String value) {
        if (value == null || value.isBlank()) {
            return none();
        }
        List<Path> entries = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        for (String part : value.split(File.pathSeparator)) {
            if (part.isBlank()) {
                continue;
            }
            Path p = Path.of(part).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw CliException.usage("--classpath entry '" + part + "' does not exist (expected: class folders and jars separated by '"
                        + File.pathSeparator + "', such as target/classes" + File.pathSeparator + "lib/my-driver.jar)");
            }
            String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!Files.isDirectory(p) && !name.endsWith(".jar") && !name.endsWith(".zip")) {
                throw CliException.usage("--classpath entry '" + part + "' is neither a folder nor a jar (expected: the folder that holds"
                        + " the package folders, such as target/classes, or a .jar file)");
            }
            if (!Files.isReadable(p)) {
                throw CliException.usage("--classpath entry '" + part + "' cannot be read (check its permissions)");
            }
            entries.add(p);
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw CliException.usage("--classpath entry '" + part + "' is not a usable path: " + e.getMessage(), e);
            }
        }
        if (entries.isEmpty()) {
            return none();
        }
        ClassLoader loader = new URLClassLoader("irq4j-user", urls.toArray(URL[]::new), UserClassPath.class.getClassLoader());
        return new UserClassPath(List.copyOf(entries), loader);
    }

    /** The loader for driver classes and device providers. */
    ClassLoader loader() {
        return loader;
    }

    /** The entries, absolute. */
    List<Path> entries() {
        return entries;
    }

    /**
     * What a class was looked up in, for an error message: the {@code --classpath} entries and
     * irq4j's own class path, with a folder of jars (the launcher's {@code lib/*}) shown once.
     */
    String searched() {
        String own = "irq4j's own class path (" + ownClassPath() + ")";
        return entries.isEmpty() ? own + " (no --classpath given)"
                : "--classpath " + entries.stream().map(Path::toString).toList() + " and " + own;
    }

    /**
     * irq4j's own module path and class path ({@code jdk.module.path}, then {@code java.class.path})
     * in short: single entries by name, a folder with several jars as {@code DIR/*.jar (N jars)}. A
     * folder on the module path (the launcher's {@code target/lib}) stands for the jars in it.
     */
    static String ownClassPath() {
        Map<Path, List<Path>> byFolder = new LinkedHashMap<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            for (String part : System.getProperty(property, "").split(File.pathSeparator)) {
                if (part.isBlank()) {
                    continue;
                }
                Path p = Path.of(part).toAbsolutePath().normalize();
                List<Path> files = property.equals("jdk.module.path") && Files.isDirectory(p) ? jarsIn(p) : List.of(p);
                for (Path f : files) {
                    byFolder.computeIfAbsent(f.getParent() == null ? f : f.getParent(), k -> new ArrayList<>()).add(f);
                }
            }
        }
        List<String> shown = new ArrayList<>();
        byFolder.forEach((folder, files) -> {
            if (files.size() > 2) {
                shown.add(folder + "/*.jar (" + files.size() + " jars)");
            } else {
                files.forEach(f -> shown.add(f.toString()));
            }
        });
        return shown.isEmpty() ? "empty" : String.join(", ", shown);
    }

    /** The jars in a module-path folder, sorted; the folder itself if it holds none (an exploded module). */
    private static List<Path> jarsIn(Path folder) {
        try (var files = Files.list(folder)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            return jars.isEmpty() ? List.of(folder) : jars;
        } catch (IOException e) {
            return List.of(folder);
        }
    }

    @Override
    public void close() {
        if (loader instanceof URLClassLoader u) {
            try {
                u.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing the --classpath loader failed: " + e.getMessage(), e);
            }
        }
    }
}
