package io.github.irq4j.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gets its own message, and the rest of the input is still analysed. */
class InputErrorsTest {

    @TempDir
    Path tmp;

    private static byte[] fixtureBytes(String simpleName) throws IOException {
        return Files.readAllBytes(Fixtures.classFile(simpleName));
    }

    /** A bad input next to a class with one finding: the error is reported and the finding too. */
    private VerificationResult withGoodInput(Path bad) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("good"));
        Files.write(dir.resolve("TryLockFixture.class"), fixtureBytes("TryLockFixture"));
        return new StaticVerifier().verify(List.of(bad, dir));
    }

    @Test
    void missingPath() throws IOException {
        Path missing = tmp.resolve("does/not/exist");
        VerificationResult r = withGoodInput(missing);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo(missing.toString());
            assertThat(e.message()).contains("no such file or directory").contains("check the path");
        });
        assertThat(r.findings()).isNotEmpty();
        assertThat(r.exitCode()).isEqualTo(VerificationResult.EXIT_FINDINGS);
        assertThat(new StaticVerifier().verify(List.of(missing)).exitCode()).isEqualTo(VerificationResult.EXIT_BAD_INPUT);
    }

    @Test
    void corruptClassFile() throws IOException {
        Path bad = tmp.resolve("Corrupt.class");
        Files.writeString(bad, "this is not bytecode at all");
        VerificationResult r = withGoodInput(bad);
        assertThat(r.errors()).singleElement().satisfies(e ->
                assertThat(e.message()).contains("not a class file").contains("magic number 0x74686973")
                        .contains("expected 0xCAFEBABE"));
        assertThat(r.classesRead()).isEqualTo(1);
        assertThat(r.findings()).isNotEmpty();
    }

    @Test
    void truncatedClassFile() throws IOException {
        byte[] full = fixtureBytes("JucLockFixture");
        Path bad = tmp.resolve("Truncated.class");
        Files.write(bad, Arrays.copyOf(full, full.length / 2));
        VerificationResult r = withGoodInput(bad);
        assertThat(r.errors()).singleElement().satisfies(e ->
                assertThat(e.message()).startsWith("truncated or corrupt class file").contains(full.length / 2 + " bytes"));
        assertThat(r.findings()).isNotEmpty();

        Path tiny = tmp.resolve("Tiny.class");
        Files.write(tiny, Arrays.copyOf(full, 6));
        assertThat(new StaticVerifier().verify(List.of(tiny)).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("truncated class file: 6 bytes"));
    }

    @Test
    void malformedConstantPool() throws IOException {
        byte[] bytes = fixtureBytes("JucLockFixture");
        bytes[10] = 99; // the first constant's tag: no such tag, ASM throws a bare IllegalArgumentException
        Path bad = tmp.resolve("BadPool.class");
        Files.write(bad, bytes);
        VerificationResult r = withGoodInput(bad);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).startsWith("corrupt class file: its constant pool or attributes are malformed")
                    .contains("recompile it");
            assertThat(e.message()).doesNotContain("java.lang.IllegalArgumentException");
        });
        assertThat(r.findings()).isNotEmpty();
    }

    @Test
    void unknownClassVersion() throws IOException {
        byte[] bytes = fixtureBytes("JucLockFixture");
        bytes[6] = 0;
        bytes[7] = 99; // major version 99: Java 55
        Path bad = tmp.resolve("Future.class");
        Files.write(bad, bytes);
        VerificationResult r = withGoodInput(bad);
        assertThat(r.errors()).singleElement().satisfies(e ->
                assertThat(e.message()).contains("unsupported class file version 99 (Java 55)")
                        .contains("up to " + ClassInput.MAX_MAJOR).contains("--release"));
        assertThat(r.findings()).isNotEmpty();
    }

    @Test
    void emptyJar() throws IOException {
        Path jar = tmp.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("no classes".getBytes());
            out.closeEntry();
        }
        VerificationResult r = withGoodInput(jar);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo(jar.toString());
            assertThat(e.message()).contains("the jar contains no .class files");
        });
        assertThat(r.findings()).isNotEmpty();
        assertThat(new StaticVerifier().verify(List.of(jar)).exitCode()).isEqualTo(VerificationResult.EXIT_BAD_INPUT);
    }

    @Test
    void fileNamedJarThatIsNotOne() throws IOException {
        Path jar = tmp.resolve("broken.jar");
        Files.writeString(jar, "not a zip");
        VerificationResult r = withGoodInput(jar);
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).startsWith("not a readable jar"));
        assertThat(r.findings()).isNotEmpty();
    }

    @Test
    void emptyDirectoryAndOtherFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        VerificationResult r = new StaticVerifier().verify(List.of(dir, text));
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0).message()).contains("the directory contains no .class files");
        assertThat(r.errors().get(1).message()).contains("not a class directory, .jar or .class file").contains("notes.txt");
        assertThat(r.exitCode()).isEqualTo(VerificationResult.EXIT_BAD_INPUT);
    }

    @Test
    void jarWithOneBadEntryStillAnalysesTheOthers() throws IOException {
        Path jar = tmp.resolve("mixed.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry("io/github/irq4j/verify/fixtures/JucLockFixture.class"));
            out.write(fixtureBytes("JucLockFixture"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("a/Bad.class"));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 65, 0, 99, 1});
            out.closeEntry();
        }
        VerificationResult r = new StaticVerifier().verify(List.of(jar));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo(jar + "!/a/Bad.class");
            assertThat(e.message()).contains("truncated or corrupt");
        });
        assertThat(r.classesRead()).isEqualTo(1);
        assertThat(r.findings()).extracting(f -> f.rule().id()).contains("LockRelease");
        assertThat(r.exitCode()).isEqualTo(VerificationResult.EXIT_FINDINGS);
    }

    @Test
    void cleanInputExitsZero() {
        VerificationResult r = new StaticVerifier().verify(List.of(Fixtures.classFile("SpinDriverFixture")));
        assertThat(r.errors()).isEmpty();
        assertThat(r.findings()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(VerificationResult.EXIT_CLEAN);
    }
}
