package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The live view on a terminal (redrawn in place, a row per interrupt) and off one (plain lines).
 * No pseudo terminal exists in a test, so the terminal decision is injected into the runner.
 */
class LiveViewTest {

    private static final String UP_AND_CLEAR = "\\u001B\\[(\\d+)A\\u001B\\[J";

    private static String demo(boolean terminal) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Runner.Settings settings = new Runner.Settings(DemoCommand.DRIVER, DemoCommand.DEVICE, Duration.ofMillis(1600), 1, false,
                null, false, 4, 64, DemoCommand.COMPANION);
        int code = new Runner(settings, new PrintWriter(out, true), new PrintWriter(err, true)).terminal(() -> terminal).run();
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void onATerminalTheTableIsRedrawnInPlaceWithARowPerInterrupt() throws Exception {
        String out = demo(true);
        String view = out.substring(0, out.indexOf("== irq4j report"));
        assertThat(view).contains("INTERRUPT").contains("ISR/s").contains("p99 ISR");
        assertThat(view).containsPattern("(?m)^uart\\d+\\.irq +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ ");
        assertThat(view).containsPattern("(?m)^timer\\d+\\.irq +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ ");
        assertThat(view).containsPattern("(?m)^uart\\d+ +requests done/sent \\d+/\\d+ .*findings 0$");
        assertThat(view).doesNotContainPattern("(?m)^t= ");   // no plain lines
        // every redraw after the first moves up over exactly the block drawn before it
        String[] frames = view.split(UP_AND_CLEAR, -1);
        assertThat(frames.length).as("at least two frames in 1.6 s at one per 0.5 s").isGreaterThanOrEqualTo(2);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(UP_AND_CLEAR).matcher(view);
        int frame = 1;
        while (m.find()) {
            // the frame before it, less the run's one-line header printed before the first frame
            long linesBefore = frames[frame - 1].lines().filter(l -> !l.startsWith("irq4j: ")).count();
            assertThat(Integer.parseInt(m.group(1))).as("cursor-up count of redraw " + frame).isEqualTo(linesBefore);
            frame++;
        }
    }

    @Test
    void manyInterruptsShowTheFirstRowsAndTheRestSummedInOne() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int sources = LiveView.ROWS_PER_DEVICE + 16;
        Runner.Settings settings = new Runner.Settings(null, "eventfd:rate=400,sources=" + sources, Duration.ofMillis(1600), 1,
                false, null, false, 4, 64);
        int code = new Runner(settings, new PrintWriter(out, true), new PrintWriter(err, true)).terminal(() -> true)
                .dispatch(new DispatchOption(2)).run();
        assertThat(code).as(err.toString()).isZero();
        String view = out.toString().substring(0, out.toString().indexOf("== irq4j report"));
        String[] frames = view.split(UP_AND_CLEAR, -1);
        String last = frames[frames.length - 1];
        assertThat(last).containsPattern("(?m)^\\+16 more +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ *$");
        long rows = last.lines().filter(l -> l.matches("^\\S+\\.irq\\d* +\\d+ .*")).count();
        assertThat(rows).as(last).isEqualTo(LiveView.ROWS_PER_DEVICE);
    }

    @Test
    void offATerminalItStaysPlainLines() throws Exception {
        String out = demo(false);
        assertThat(out).doesNotContain("\u001B[").doesNotContain("INTERRUPT");
        assertThat(out).containsPattern("(?m)^t= +\\d+\\.\\ds +interrupts=\\d+ \\(\\d+/s\\) +claimed=\\d+ +deferred runs=\\d+");
    }

    @Test
    void theDefaultDecisionSaysNoTerminalWhenStdoutIsNotOne() {
        // in the test JVM stdout is not a terminal: the default decision must say so (the e2e tests rely on it too)
        assertThat(io.github.irq4j.cli.spi.Terminal.stdoutIsTerminal()).isFalse();
    }
}
