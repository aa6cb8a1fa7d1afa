package io.github.irq4j.cli.spi;

/**
 * Whether the command line's standard output is a terminal that takes ANSI control sequences:
 * the live view and the progress line redraw in place only there, and print plain lines when
 * piped, redirected or on a {@code dumb} terminal.
 */
public final class Terminal {

    private Terminal() {
    }

    /** True if stdout is a terminal (JDK {@code Console.isTerminal}) and {@code TERM} names one that is not {@code dumb}. */
    public static boolean stdoutIsTerminal() {
        java.io.Console c = System.console();
        String term = System.getenv("TERM");
        return c != null && c.isTerminal() && term != null && !term.isEmpty() && !"dumb".equals(term);
    }
}
