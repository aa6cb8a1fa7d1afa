package io.github.irq4j.cli;

/**
 * The exit codes of every {@code irq4j} command, in one place so that scripts can rely on them.
 * <table>
 * <caption>exit codes</caption>
 * <tr><td>0</td><td>clean: the run had no findings, the verifier found nothing</td></tr>
 * <tr><td>1</td><td>findings or a failed run: the driver failed to start, broke a rule or faulted;
 *     the verifier found something; a device or file could not be opened or read</td></tr>
 * <tr><td>2</td><td>usage: the command line is wrong (an unknown option, a malformed value, a
 *     device spec, driver class or class-path entry that names nothing usable)</td></tr>
 * <tr><td>70</td><td>crash: an unexpected throwable, a bug in irq4j (sysexits' {@code EX_SOFTWARE})</td></tr>
 * <tr><td>130, 143</td><td>ended early by SIGINT (Ctrl-C) or SIGTERM, after the report (128 + signal number)</td></tr>
 * </table>
 */
final class ExitCode {

    static final int CLEAN = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int CRASH = 70;
    static final int SIGINT = 130;
    static final int SIGTERM = 143;

    private ExitCode() {
    }
}
