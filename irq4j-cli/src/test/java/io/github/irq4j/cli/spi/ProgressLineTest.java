package io.github.irq4j.cli.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bench's progress: a status line rewritten in place on a terminal, the plain round lines otherwise. */
class ProgressLineTest {

    private static final String CLEAR = "\r\u001B[K";

    @Test
    void onATerminalTheStatusLineStaysUnderTheRunsLinesAndGoesAtTheEnd() {
        StringWriter buf = new StringWriter();
        AtomicLong now = new AtomicLong(1_000);
        try (ProgressLine p = new ProgressLine(new PrintWriter(buf), true, "irq4j bench", 10_000_000_000L, now::get, false)) {
            p.status();
            assertThat(buf.toString()).isEqualTo(CLEAR + "irq4j bench: 0 s of about 10 s (0%)");
            now.addAndGet(5_000_000_000L);
            p.line("blocking round 1/1: ...");
            assertThat(buf.toString()).endsWith("(0%)" + CLEAR + "blocking round 1/1: ...\n" + CLEAR + "irq4j bench: 5 s of about 10 s (50%)");
            now.addAndGet(60_000_000_000L);
            p.status();
            assertThat(buf.toString()).as("never past 99% before it ends").endsWith("irq4j bench: 65 s of about 10 s (99%)");
        }
        assertThat(buf.toString()).as("the status line is cleared at the end").endsWith("(99%)" + CLEAR);
    }

    @Test
    void offATerminalOnlyTheRunsLinesAreWritten() {
        StringWriter buf = new StringWriter();
        try (ProgressLine p = new ProgressLine(new PrintWriter(buf), false, "irq4j bench", 10_000_000_000L)) {
            p.status();
            p.line("blocking round 1/1: ...");
        }
        assertThat(buf.toString()).isEqualTo("blocking round 1/1: ..." + System.lineSeparator());
    }

    @Test
    void anUnknownTotalShowsTheTimeSoFar() {
        ProgressLine p = new ProgressLine(new PrintWriter(new StringWriter()), true, "x", 0, () -> 0, false);
        assertThat(p.statusText(3_000_000_000L)).isEqualTo("x: 3 s so far");
        p.close();
    }
}
