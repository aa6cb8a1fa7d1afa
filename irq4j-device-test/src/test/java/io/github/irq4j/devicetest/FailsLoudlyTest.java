package io.github.irq4j.devicetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the host, where there is no edu device: the device test program and the guest scripts fail
 * loudly, naming what is missing, and never report a pass.
 */
class FailsLoudlyTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process ended").isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Run deviceTests(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), DeviceTests.class.getName()));
        cmd.addAll(List.of(args));
        return run(Map.of(), cmd.toArray(String[]::new));
    }

    @Test
    void aMissingUioDeviceIsAFailedCheckNamingTheModuleToLoad() throws Exception {
        Run r = deviceTests("--uio", "/dev/uio97", "--vfio", "97/0000:00:1f.7");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("CHECK uio open /dev/uio97 FAIL").contains("uio_pci_generic")
                .contains("CHECK vfio open 97/0000:00:1f.7 intx FAIL")
                .contains("SUITE uio 0 1").contains("SUITE vfio 0 1");
    }

    @Test
    void noDeviceOrAnUnknownOptionIsAUsageError() throws Exception {
        Run none = deviceTests();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no device given").contains("--uio /dev/uioN");
        Run bad = deviceTests("--pci", "x");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown option --pci");
    }

    @Test
    void withoutQemuTheGuestDoesNotBootAndThePackageIsNamed(@TempDir Path work) throws Exception {
        Files.writeString(work.resolve("job.sh"), "true\n");
        Run r = run(Map.of("IRQ4J_QEMU", "qemu-system-nonexistent"), ROOT.resolve("tools/guest/run.sh").toString(),
                work.toString(), work.toString(), "10");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("missing qemu-system-nonexistent").contains("qemu-system-x86");
    }
}
