package io.github.irq4j.devicetest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The device test program: EduDriver on QEMU's edu devices, run inside the test guest (in one JVM,
 * every suite). Arguments: {@code --uio /dev/uioN} and {@code --vfio GROUP/DDDD:BB:DD.F} (INTx) and
 * {@code --vfio-msi GROUP/DDDD:BB:DD.F}. Prints a {@code CHECK} line per check, {@code LATENCY} and
 * {@code INFO} lines, then {@code SUITE name passed failed} per suite; exits 1 if any check failed,
 * 2 on bad arguments.
 */
public final class DeviceTests {

    private DeviceTests() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        String uio = null;
        List<String[]> vfio = new ArrayList<>();
        for (int k = 0; k < args.length; k++) {
            String a = args[k];
            if (k + 1 >= args.length) {
                usage("missing the value of " + a);
            }
            String v = args[++k];
            switch (a) {
                case "--uio" -> uio = v;
                case "--vfio" -> vfio.add(new String[] {v, "intx"});
                case "--vfio-msi" -> vfio.add(new String[] {v, "msi"});
                default -> usage("unknown option " + a);
            }
        }
        if (uio == null && vfio.isEmpty()) {
            usage("no device given");
        }
        List<Suite> suites = new ArrayList<>();
        if (uio != null) {
            Suite s = new Suite("uio", out);
            suites.add(s);
            String dev = uio;
            runTarget(s, "open " + dev, () -> EduTarget.uio(Path.of(dev)), out);
        }
        if (!vfio.isEmpty()) {
            Suite s = new Suite("vfio", out);
            suites.add(s);
            for (String[] v : vfio) {
                runTarget(s, "open " + v[0] + " " + v[1], () -> EduTarget.vfio(v[0], v[1].equals("msi")), out);
            }
        }
        int failed = 0;
        for (Suite s : suites) {
            out.printf("SUITE %s %d %d%n", s.name(), s.passed(), s.failed());
            failed += s.failed();
        }
        out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Opens a target; every failure to open it is a failed check, never a skip. */
    @FunctionalInterface
    private interface Opener {
        EduTarget open() throws Exception;
    }

    private static void runTarget(Suite suite, String what, Opener opener, PrintStream out) {
        EduTarget[] target = new EduTarget[1];
        if (!suite.check(what, "open the device (transport set up)", () -> target[0] = opener.open())) {
            return;
        }
        try (EduTarget t = target[0]) {
            new EduChecks(suite, t, out).run();
        } catch (Exception e) {
            suite.check(what, "close the device", () -> {
                throw e;
            });
        }
    }

    private static void usage(String problem) {
        System.err.println("device tests: " + problem
                + " (expected: [--uio /dev/uioN] [--vfio GROUP/DDDD:BB:DD.F] [--vfio-msi GROUP/DDDD:BB:DD.F])");
        System.exit(2);
    }
}
