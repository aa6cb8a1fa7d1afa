package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash has its own exit code and one line; an output file appears whole or not at all. */
class CrashAndOutputTest {

    @Test
    void anUnexpectedThrowableIsACrashNotAFinding() {
        StringWriter err = new StringWriter();
        int code = Irq4j.ErrorHandler.report(new NoClassDefFoundError("com/google/gson/JsonElement"), new PrintWriter(err), "verify", false);
        assertThat(code).isEqualTo(ExitCode.CRASH).isNotEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).isEqualTo("irq4j verify: internal error: NoClassDefFoundError: com/google/gson/JsonElement"
                + " (a bug in irq4j; rerun with --verbose for the stack trace and report it)" + System.lineSeparator());
    }

    @Test
    void verboseAddsTheTraceOfACrash() {
        StringWriter err = new StringWriter();
        int code = Irq4j.ErrorHandler.report(new IllegalStateException("boom"), new PrintWriter(err), "run", true);
        assertThat(code).isEqualTo(ExitCode.CRASH);
        assertThat(err.toString()).startsWith("irq4j run: internal error: IllegalStateException: boom").contains("\tat ");
    }

    @Test
    void aCliExceptionKeepsItsCode() {
        StringWriter err = new StringWriter();
        assertThat(Irq4j.ErrorHandler.report(CliException.usage("bad"), new PrintWriter(err), "run", false)).isEqualTo(ExitCode.USAGE);
        assertThat(Irq4j.ErrorHandler.report(new CliException("failed"), new PrintWriter(err), "run", false)).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporary(@TempDir Path dir) throws Exception {
        Path out = Files.writeString(dir.resolve("report.sarif"), "previous");
        assertThatThrownBy(() -> AtomicOutput.write(out, w -> {
            w.write("half a rep");
            throw new NoClassDefFoundError("com/google/gson/JsonElement");
        })).isInstanceOf(NoClassDefFoundError.class);
        assertThat(Files.readString(out)).isEqualTo("previous");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aFailedFirstWriteLeavesNoFile(@TempDir Path dir) {
        Path out = dir.resolve("new.sarif");
        assertThatThrownBy(() -> AtomicOutput.write(out, w -> {
            throw new IllegalStateException("serializer broke");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aWriteThatSucceedsReplacesTheFile(@TempDir Path dir) throws Exception {
        Path out = Files.writeString(dir.resolve("r.txt"), "old");
        AtomicOutput.write(out, w -> w.write("new"));
        assertThat(Files.readString(out)).isEqualTo("new");
    }

    @Test
    void aWrittenFileGetsThePermissionsOfAPlainWriteNotThoseOfATemporaryFile(@TempDir Path dir) throws Exception {
        // a SARIF report or a plot is read by others (CI uploaders, a web server): a temporary file's 0600 was kept before
        Path reference = Files.createFile(dir.resolve("reference"));   // 0666 less the umask, as any program writes
        Path out = dir.resolve("report.sarif");
        AtomicOutput.write(out, w -> w.write("{}"));
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(reference));
        // an existing file keeps its own
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        AtomicOutput.write(out, new byte[] {1, 2});
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(reference, out);
        }
    }

    @Test
    void anUnwritableOutputSaysWhy(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> AtomicOutput.write(file.resolve("r.sarif"), w -> w.write("x")))
                .isInstanceOf(CliException.class).hasMessageContaining("cannot write").hasMessageContaining("a file is in the way");
    }
}
