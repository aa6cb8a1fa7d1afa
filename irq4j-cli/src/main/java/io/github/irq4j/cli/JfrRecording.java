package io.github.irq4j.cli;

import io.github.irq4j.cli.spi.OutputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code --jfr FILE} of {@code demo} and {@code run}: a JFR recording ({@link Recording}) of the
 * whole command with the JDK's {@code default} settings plus every irq4j event (SPEC 4.5), dumped
 * to FILE when the command ends: normally, by a failure, or by Ctrl-C/SIGTERM (which end the run
 * with its report, see {@link StopSignals}). Only a second signal, which halts the JVM without the
 * report, loses it.
 *
 * <p>The irq4j events are recorded with no duration threshold, so a short demo's fast ISRs are
 * there too, but throttled (1,000 per second per event type, JFR's sampling of {@code @Throttle}),
 * so a storm of interrupts does not flood the file.
 */
final class JfrRecording implements AutoCloseable {

    /** The irq4j events the recording enables. */
    static final List<String> EVENTS = List.of("irq4j.Isr", "irq4j.Dpc", "irq4j.WorkItem", "irq4j.LockHold",
            "irq4j.Violation", "irq4j.Fault", "irq4j.NobodyCared", "irq4j.Storm");

    private final Recording recording;
    private final Path file;
    private final PrintWriter note;

    private JfrRecording(Recording recording, Path file, PrintWriter note) {
        this.recording = recording;
        this.file = file;
        this.note = note;
    }

    /**
     * Starts a recording that {@link #close()} dumps to {@code file}; null for a null file.
     *
     * @param note where the closing line naming the file goes
     * @throws CliException a usage error when the file cannot be written, before anything runs
     */
    static JfrRecording start(Path file, PrintWriter note) {
        if (file == null) {
            return null;
        }
        checkWritable(file);
        Map<String, String> settings;
        try {
            settings = new HashMap<>(Configuration.getConfiguration("default").getSettings());
        } catch (IOException | ParseException e) {
            throw new CliException("--jfr: the JDK's 'default' JFR configuration could not be read: " + e.getMessage(), e);
        }
        settings.putAll(irq4jSettings());
        Recording r = new Recording(settings);
        r.setName("irq4j");
        r.setToDisk(true);
        r.start();
        return new JfrRecording(r, file, note);
    }

    /** Fails before the run, naming the option, when {@code file} cannot be written. */
    private static void checkWritable(Path file) {
        try {
            OutputFiles.probeWritable(file);
        } catch (IOException e) {
            throw CliException.usage("cannot write the JFR recording " + file + ": " + IoErrors.reason(e)
                    + "; give --jfr FILE a path in a folder you can write", e);
        }
    }

    /** Every irq4j event on, with no threshold and 1,000 events per second per type. */
    static Map<String, String> irq4jSettings() {
        Map<String, String> s = new HashMap<>();
        for (String e : EVENTS) {
            s.put(e + "#enabled", "true");
            s.put(e + "#threshold", "0 ns");
            s.put(e + "#throttle", "1000/s");
        }
        return s;
    }

    /** Stops the recording and writes it to the file. */
    @Override
    public void close() {
        try (Recording r = recording) {
            r.stop();
            r.dump(file);
            note.println("JFR recording written to " + file + " (open it in JDK Mission Control, or: jfr print --events irq4j.Isr "
                    + file + ")");
        } catch (IOException e) {
            note.println("irq4j: the JFR recording could not be written to " + file + ": " + IoErrors.reason(e));
        }
        note.flush();
    }
}
