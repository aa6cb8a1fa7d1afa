package io.github.irq4j.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

/**
 * Reads the verifier's input: class directories, jars and single class files. Each input that
 * cannot be read becomes an {@link InputError} with a specific message; the rest is still read.
 */
final class ClassInput {

    /** The newest class file major version this verifier reads: ASM 9.8's, Java 25. */
    static final int MAX_MAJOR = Opcodes.V25 & 0xFFFF;
    private static final int CAFEBABE = 0xCAFEBABE;

    /**
     * One class read: its tree and where it came from.
     *
     * @param node the tree; {@code null} until {@link #parseRelevant()} parses it
     * @param origin where it was read, for messages
     * @param bytes the class file, kept while the tree has no code
     * @param reader its reader until it is parsed (its constant-pool strings, decoded by the
     *        triage, serve the parse)
     * @param triage what its constant pool refers to
     * @param name its internal name, from the constant pool
     * @param errorsBefore how many input errors were recorded when it was read: an error its
     *        deferred parse finds goes there, so errors keep the order of the input
     */
    record Read(ClassNode node, String origin, byte[] bytes, ClassReader reader, ClassTriage triage, String name,
            int errorsBefore) {
        /** Whether the tree has the methods' code. */
        boolean full() {
            return bytes == null;
        }
    }

    final List<Read> classes = new ArrayList<>();
    final List<InputError> errors = new ArrayList<>();

    void add(Path path) {
        if (!Files.exists(path)) {
            errors.add(new InputError(path.toString(), "no such file or directory (expected a class directory, a .jar "
                    + "file or a .class file); check the path"));
        } else if (Files.isDirectory(path)) {
            addDirectory(path);
        } else {
            String name = path.getFileName().toString();
            if (name.endsWith(".class")) {
                try {
                    parse(Files.readAllBytes(path), path.toString());
                } catch (IOException e) {
                    errors.add(new InputError(path.toString(), "cannot read the class file: " + e + "; check its permissions"));
                }
            } else if (name.endsWith(".jar") || name.endsWith(".zip")) {
                addJar(path);
            } else {
                errors.add(new InputError(path.toString(), "not a class directory, .jar or .class file (found a file named '"
                        + name + "'); pass target/classes, a jar, or class files"));
            }
        }
    }

    private void addDirectory(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            errors.add(new InputError(dir.toString(), "cannot list the directory: " + e + "; check its permissions"));
            return;
        }
        if (files.isEmpty()) {
            errors.add(new InputError(dir.toString(), "the directory contains no .class files (found 0); compile the "
                    + "sources first, or pass the class output directory such as target/classes"));
            return;
        }
        for (Path f : files) {
            if (f.getFileName().toString().equals("module-info.class")) {
                continue;
            }
            try {
                parse(Files.readAllBytes(f), f.toString());
            } catch (IOException e) {
                errors.add(new InputError(f.toString(), "cannot read the class file: " + e + "; check its permissions"));
            }
        }
    }

    private void addJar(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            int count = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/")
                        || name.endsWith("module-info.class")) {
                    continue;
                }
                count++;
                String origin = jar + "!/" + name;
                try (InputStream in = zip.getInputStream(e)) {
                    long size = e.getSize();
                    parse(size >= 0 && size < Integer.MAX_VALUE ? in.readNBytes((int) size) : in.readAllBytes(), origin);
                } catch (IOException | RuntimeException ex) {
                    errors.add(new InputError(origin, "cannot read the jar entry: " + ex + "; the jar is damaged, rebuild it"));
                }
            }
            if (count == 0) {
                errors.add(new InputError(jar.toString(), "the jar contains no .class files (found " + zip.size()
                        + " entries, none a class outside META-INF); pass the jar that holds the compiled classes"));
            }
        } catch (ZipException e) {
            errors.add(new InputError(jar.toString(), "not a readable jar (" + e.getMessage() + "); pass a jar built by "
                    + "the jar tool or Maven, or a class directory"));
        } catch (IOException e) {
            errors.add(new InputError(jar.toString(), "cannot read the jar: " + e + "; check its permissions"));
        }
    }

    /**
     * Parses the classes read: with their code those that can have a lock effect (those that name
     * a lock operation or an irq4j type, and those that call a method of such a class,
     * transitively), the others without it. Before this, {@link #classes} holds only bytes.
     */
    void parseRelevant() {
        java.util.Map<String, List<Integer>> referrers = new java.util.HashMap<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        Set<String> relevant = new java.util.HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            Read r = classes.get(i);
            for (String ref : r.triage().references()) {
                referrers.computeIfAbsent(ref, k -> new ArrayList<>()).add(i);
            }
            if (r.triage().seed() && relevant.add(r.name())) {
                todo.add(r.name());
            }
        }
        while (!todo.isEmpty()) {
            for (int i : referrers.getOrDefault(todo.poll(), List.of())) {
                String name = classes.get(i).name();
                if (relevant.add(name)) {
                    todo.add(name);
                }
            }
        }
        // Each class is parsed once, now that its relevance is known: with its code (relevant) or
        // without (the others). A class whose structure cannot be read is dropped with the error
        // its reading gives, at its place among the errors; a class that calls into a relevant one
        // but whose code alone cannot be read is kept without code, with an error of its own.
        List<Read> parsed = new ArrayList<>(classes.size());
        List<InputError> codeErrors = new ArrayList<>();
        int inserted = 0;
        for (Read r : classes) {
            boolean withCode = relevant.contains(r.name());
            Read p;
            try {
                p = parsed(r, withCode);
            } catch (RuntimeException e) {
                if (!withCode || r.triage().seed()) {
                    errors.add(r.errorsBefore() + inserted++, corrupt(e, r.origin(), r.bytes().length));
                    continue;
                }
                try {
                    p = parsed(r, false); // read, but its code cannot be
                    codeErrors.add(new InputError(r.origin(), "truncated or corrupt class file: its code cannot be read (" + e
                            + "); recompile it"));
                } catch (RuntimeException e2) {
                    errors.add(r.errorsBefore() + inserted++, corrupt(e2, r.origin(), r.bytes().length));
                    continue;
                }
            }
            String malformed = Descriptors.check(p.node());
            if (malformed != null) {   // not analysed: ASM's Type would fail on it
                errors.add(r.errorsBefore() + inserted++, new InputError(r.origin(), "corrupt class file: " + malformed + "; recompile it"));
                continue;
            }
            parsed.add(p);
        }
        classes.clear();
        classes.addAll(parsed);
        errors.addAll(codeErrors);
    }

    private static Read parsed(Read r, boolean withCode) {
        ClassNode node = new ClassNode();
        r.reader().accept(node, withCode ? ClassReader.SKIP_FRAMES : ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
        return new Read(node, r.origin(), withCode ? null : r.bytes(), null, r.triage(), r.name(), r.errorsBefore());
    }

    /** The error for a class file whose structure cannot be read. */
    private static InputError corrupt(RuntimeException e, String origin, int length) {
        if (e instanceof ArrayIndexOutOfBoundsException || e instanceof StringIndexOutOfBoundsException) {
            return new InputError(origin, "truncated or corrupt class file: its structure ends early or points outside "
                    + "its " + length + " bytes (" + e.getMessage() + "); recompile it");
        }
        if (e instanceof IllegalArgumentException) {
            // ASM's ClassReader throws a bare IllegalArgumentException for an unknown constant-pool tag
            // or attribute layout: name what that means rather than the exception's class.
            return new InputError(origin, "corrupt class file: its constant pool or attributes are malformed"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + "; the file was damaged or"
                    + " is not compiled Java: recompile it");
        }
        return new InputError(origin, "corrupt class file: " + e + "; recompile it");
    }

    /** Parses one class file, or records why it cannot be. */
    void parse(byte[] bytes, String origin) {
        if (bytes.length < 10) {
            errors.add(new InputError(origin, "truncated class file: " + bytes.length
                    + " bytes, shorter than the 10-byte header (magic, version, constant pool count); recompile it"));
            return;
        }
        int magic = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        if (magic != CAFEBABE) {
            errors.add(new InputError(origin, String.format("not a class file: magic number 0x%08X (expected 0xCAFEBABE); "
                    + "the file is corrupt or is not compiled Java", magic)));
            return;
        }
        int major = ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
        if (major > MAX_MAJOR) {
            errors.add(new InputError(origin, "unsupported class file version " + major + " (Java " + (major - 44)
                    + "); this verifier reads versions up to " + MAX_MAJOR + " (Java " + (MAX_MAJOR - 44)
                    + "): compile with --release " + (MAX_MAJOR - 44) + " or lower"));
            return;
        }
        if (major < 45) {
            errors.add(new InputError(origin, "invalid class file version " + major + " (expected 45 to " + MAX_MAJOR
                    + "); the file is corrupt, recompile it"));
            return;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            String outOfBounds = ClassFileBounds.check(reader, bytes);
            if (outOfBounds != null) {   // before ASM allocates what a corrupt length says
                errors.add(new InputError(origin, "truncated or corrupt class file: " + outOfBounds + " (the file has "
                        + bytes.length + " bytes); recompile it"));
                return;
            }
            if (reader.getClassName() == null) {   // this_class 0: everything downstream is keyed by the name
                errors.add(new InputError(origin, "corrupt class file: malformed class name (none: this_class is 0); recompile it"));
                return;
            }
            ClassTriage triage = ClassTriage.of(reader, bytes);
            classes.add(new Read(null, origin, bytes, reader, triage, reader.getClassName(), errors.size()));
        } catch (RuntimeException e) {
            errors.add(corrupt(e, origin, bytes.length));
        }
    }
}
