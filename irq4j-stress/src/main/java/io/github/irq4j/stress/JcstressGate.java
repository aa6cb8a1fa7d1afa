package io.github.irq4j.stress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs jcstress and turns its verdict into an exit code, for the build. jcstress 0.16's {@code Main}
 * ends by throwing an {@link AssertionError} that lists the failed tests when a test saw a
 * FORBIDDEN outcome or failed with an error, which makes {@code java -jar jcstress.jar} exit with 1.
 * It exits with 0, though, when the test selector matched nothing. This gate runs
 * {@code org.openjdk.jcstress.Main} with the given arguments in this VM, copies everything it
 * prints to the console while reading it, and exits with
 * <ul>
 * <li>0 if jcstress did not report failures, the last progress line reads {@code (Results: N planned;
 *     N passed, 0 failed, 0 soft errs, 0 hard errs)} with {@code N > 0}, and the summary lists no
 *     failed and no error tests;</li>
 * <li>1 otherwise: a FORBIDDEN outcome, a test error or crash, a hang (STALE where it is forbidden,
 *     or a VM that did not finish), or no test run at all. The reason is printed as one line.</li>
 * </ul>
 * <pre>{@code
 * java -cp target/jcstress.jar io.github.irq4j.stress.JcstressGate -m quick -t 'io\.github\.irq4j\.stress\..*' -r target/jcstress-results
 * }</pre>
 */
public final class JcstressGate {

    /** jcstress's progress line; the last one holds the totals. */
    static final Pattern RESULTS = Pattern.compile(
            "\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)");
    static final String NO_FAILED = "Failed tests: No matches.";
    static final String NO_ERRORS = "Error tests: No matches.";

    private JcstressGate() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream console = System.out;
        // jcstress may replace System.err while it runs: keep the real one for the verdict.
        PrintStream errors = System.err;
        Summary summary = new Summary();
        System.setOut(new PrintStream(new Tee(console, summary), true, StandardCharsets.UTF_8));
        AssertionError reported = null;
        try {
            org.openjdk.jcstress.Main.main(args);
        } catch (AssertionError e) {
            reported = e; // jcstress's list of failed tests
        } finally {
            System.out.flush();
            System.setOut(console);
        }
        String verdict = summary.verdict();
        if (reported != null) {
            errors.println(reported.getMessage());
            if (verdict == null) {
                verdict = "jcstress reported test failures (listed above)";
            }
        }
        if (verdict == null) {
            console.println("irq4j-stress: jcstress passed: " + summary.last);
            console.flush();
            System.exit(0);
        }
        errors.println("irq4j-stress: jcstress FAILED: " + verdict + "; see the report named above (index.html)");
        errors.flush();
        System.exit(1);
    }

    /** What the gate read from jcstress's console output. */
    static final class Summary {
        String last;
        int planned = -1;
        int passed;
        int failed;
        int softErrors;
        int hardErrors;
        boolean noFailedTests;
        boolean noErrorTests;

        void line(String line) {
            Matcher m = RESULTS.matcher(line);
            if (m.find()) {
                last = m.group();
                planned = Integer.parseInt(m.group(1));
                passed = Integer.parseInt(m.group(2));
                failed = Integer.parseInt(m.group(3));
                softErrors = Integer.parseInt(m.group(4));
                hardErrors = Integer.parseInt(m.group(5));
            }
            if (line.contains(NO_FAILED)) {
                noFailedTests = true;
            }
            if (line.contains(NO_ERRORS)) {
                noErrorTests = true;
            }
        }

        /** Null if the run passed, else why not. */
        String verdict() {
            if (planned < 0) {
                return "no \"(Results: ...)\" line was printed (expected: jcstress 0.16 progress output)";
            }
            if (planned == 0) {
                return "no test matched: " + last + " (expected: at least one planned test; check -t)";
            }
            if (failed > 0 || softErrors > 0 || hardErrors > 0 || passed != planned) {
                return last + " (expected: every planned result passed, 0 failed, 0 errors)";
            }
            if (!noFailedTests || !noErrorTests) {
                return "the summary lists failed or error tests (expected: \"" + NO_FAILED + "\" and \"" + NO_ERRORS + "\")";
            }
            return null;
        }
    }

    /** Copies bytes to the console and hands each complete line to the summary. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final Summary summary;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Tee(OutputStream console, Summary summary) {
            this.console = console;
            this.summary = summary;
        }

        @Override
        public synchronized void write(int b) {
            try {
                console.write(b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            take(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            console.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                take(b[i]);
            }
        }

        private void take(int b) {
            if (b == '\n' || b == '\r') {
                if (line.size() > 0) {
                    summary.line(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() throws java.io.IOException {
            console.flush();
        }
    }
}
