package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bad inputs the command line handles: exit code and one stderr line saying what was wrong (and no stack trace). */
class BadInputE2ETest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            run --device timer:0ms                       | 2 | irq4j run: bad device timer:0ms: '0ms' is zero (expected: a positive duration, such as 1ms)
            run --device uart:speed=9                    | 2 | irq4j run: bad device uart:speed=9: unknown option 'speed'
            run --device nope                            | 2 | irq4j run: unknown device 'nope': no provider for scheme 'nope' (known: edu, eventfd,
            run --device uio:/dev/uio97                  | 1 | irq4j run: cannot open device 'uio:/dev/uio97': open /dev/uio97: ENOENT
            run --device timer --duration soon           | 2 | irq4j run: Invalid value for option '--duration': TIME: 'soon' is not a duration
            run --device timer --driver com.x.Nope       | 2 | irq4j run: driver class 'com.x.Nope' not found; searched irq4j's own class path
            run --device timer -cp /no/such/dir          | 2 | irq4j run: --classpath entry '/no/such/dir' does not exist
            run --device timerfd                         | 2 | irq4j run: bad device timerfd: no period (expected: timerfd:PERIOD
            run --device timer --bogus                   | 2 | irq4j run: Unknown option: '--bogus' (see 'irq4j run --help')
            bench --mode fast                            | 2 | irq4j bench: --mode 'fast' (expected: one of blocking, busy-poll, hybrid, busy-poll-uring, several separated by commas, or all)
            stat --file /no/such.stats                   | 1 | irq4j stat: no stats file at /no/such.stats
            stat --file /bin/ls                          | 1 | irq4j stat: /bin/ls: not an irq4j stats file (expected first line '# irq4j-stats 1', found binary data)
            verify /no/such/classes                      | 2 |
            nosuchcommand                                | 2 | irq4j: Unmatched argument at index 0: 'nosuchcommand'
            """)
    void badInput(String command, int exitCode, String firstLine) throws Exception {
        Launcher.Result r = Launcher.run(command.trim().split("\\s+"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        if (firstLine != null) {
            assertThat(r.errLines().get(0)).as(r.toString()).contains(firstLine.trim());
        }
        if (!command.startsWith("verify")) {
            assertThat(r.errLines()).as("one line: " + r).hasSize(1);
        }
    }

    @Test
    void statsFileOnAnUnwritablePathSaysWhyAndWhatToDo(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        Launcher.Result r = Launcher.run("run", "--device", "timer", "--duration", "200ms", "--stats-file", plain.resolve("r.stats").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("irq4j run: cannot write the stats file " + plain.resolve("r.stats"))
                .contains("a file is in the way").contains("--stats-file FILE");
    }
}
