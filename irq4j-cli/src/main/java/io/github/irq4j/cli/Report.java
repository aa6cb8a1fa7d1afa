package io.github.irq4j.cli;

import io.github.irq4j.Fault;
import io.github.irq4j.IoQueue;
import io.github.irq4j.IoQueueStatistics;
import io.github.irq4j.Violation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The final report of a run: text for people, JSON for scripts. */
final class Report {

    private final Runner.Settings settings;
    private final String deviceName;
    private final long elapsedMs;
    private final List<StatsFile.Row> rows;
    private final long[][] perCpu;
    private final int cpus;
    private final Histogram dispatch;
    private final Histogram isr;
    private final Histogram deferred;
    private final boolean probe;
    private final ReadClient client;
    private final List<QueueRow> queues;
    private final List<Violation> violations;
    private final List<Fault> faults;
    private final Map<String, Long> extras;
    /** The signal that ended the run early, such as "SIGINT", or null when it ran its duration. */
    private final String signal;

    record QueueRow(String name, String type, IoQueueStatistics stats) {
    }

    private Report(Runner.Settings settings, String deviceName, long elapsedMs, List<StatsFile.Row> rows, long[][] perCpu, int cpus,
                   Histogram dispatch, Histogram isr, Histogram deferred, boolean probe, ReadClient client, List<QueueRow> queues,
                   List<Violation> violations, List<Fault> faults, Map<String, Long> extras, String signal) {
        this.settings = settings;
        this.deviceName = deviceName;
        this.elapsedMs = elapsedMs;
        this.rows = rows;
        this.perCpu = perCpu;
        this.cpus = cpus;
        this.dispatch = dispatch;
        this.isr = isr;
        this.deferred = deferred;
        this.probe = probe;
        this.client = client;
        this.queues = queues;
        this.violations = violations;
        this.faults = faults;
        this.extras = extras;
        this.signal = signal;
    }

    static Report of(Runner.Settings settings, RunSession session, Monitor monitor, ReadClient client, boolean probe,
                     Map<String, Long> extras, String signal) {
        List<QueueRow> queues = session.device().queues().stream()
                .map((IoQueue q) -> new QueueRow(q.name(), q.dispatchType().name(), q.statistics())).toList();
        return new Report(settings, session.device().name(), session.elapsedNanos() / 1_000_000, session.rows(), monitor.perCpu(),
                monitor.cpus, monitor.dispatchLatency.copy(), monitor.isrDuration.copy(), monitor.deferred.copy(), probe, client,
                queues, session.violations(), session.faults(), extras, signal);
    }

    // ------------------------------------------------------------------ text

    void text(PrintWriter out) {
        out.println();
        out.println("== irq4j report: " + settings.driverName() + " on " + deviceName + " (" + settings.deviceSpec() + "), "
                + elapsedMs + " ms" + (signal == null ? "" : " (ended early by " + signal + " of " + settings.duration().toMillis() + " ms)")
                + ", seed " + settings.seed());
        out.println();
        out.println("interrupts per CPU (dispatch thread's CPU, sampled every " + Monitor.SAMPLE_MS + " ms):");
        StringBuilder head = new StringBuilder(String.format("%-16s", ""));
        for (int c = 0; c < cpus; c++) {
            head.append(String.format(" %10s", "CPU" + c));
        }
        head.append(String.format(" %10s %10s", "unknown", "total"));
        out.println(head);
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder line = new StringBuilder(String.format("%-16s", rows.get(i).interrupt()));
            long[] counts = i < perCpu.length ? perCpu[i] : new long[cpus + 1];
            for (int c = 0; c <= cpus; c++) {
                line.append(String.format(" %10d", counts[c]));
            }
            line.append(String.format(" %10d", rows.get(i).stats().isrCalls()));
            out.println(line);
        }
        out.println();
        out.println("counters:");
        TextReport.counters(out, rows);
        out.println();
        out.println("latency (microseconds):      count        p50        p90        p99      p99.9        max");
        latencyLine(out, "dispatch wake -> ISR start", dispatch);
        latencyLine(out, "ISR duration", isr);
        if (probe) {
            latencyLine(out, "ISR start -> DPC/work item", deferred);
        } else {
            out.println(String.format("  %-27s (the driver offers no setDeferredLatencyProbe(LongConsumer))", "ISR start -> DPC/work item"));
        }
        out.println();
        if (client != null) {
            out.println("requests: sent " + client.sent.get() + ", completed " + client.succeeded.get() + " (" + client.bytes.get()
                    + " bytes), failed or cancelled " + client.failed.get());
        } else {
            out.println("requests: none (the device has no default queue)");
        }
        for (QueueRow q : queues) {
            IoQueueStatistics s = q.stats();
            out.println(String.format("  queue %-22s %-10s submitted %d, forwarded in %d, delivered %d, completed %d, cancelled %d, queued %d, held by driver %d",
                    q.name(), q.type(), s.submitted(), s.forwardedIn(), s.delivered(), s.completed(), s.cancelled(), s.queued(), s.driverOwned()));
        }
        if (!extras.isEmpty()) {
            out.println();
            out.println("device and driver:");
            extras.forEach((k, v) -> out.println(String.format("  %-28s %d", k, v)));
        }
        out.println();
        TextReport.findings(out, violations, faults);
    }

    private static void latencyLine(PrintWriter out, String what, Histogram h) {
        if (h.getTotalCount() == 0) {
            out.println(String.format("  %-27s %6d          -", what, 0));
            return;
        }
        out.println(String.format("  %-27s %6d %10.1f %10.1f %10.1f %10.1f %10.1f", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0));
    }

    // ------------------------------------------------------------------ JSON

    String json() {
        Json j = new Json().beginObject();
        j.field("driver", settings.driverName()).field("device", deviceName).field("deviceSpec", settings.deviceSpec())
                .field("durationMs", elapsedMs).field("plannedDurationMs", settings.duration().toMillis())
                .field("endedBy", signal == null ? "duration" : signal).field("seed", settings.seed()).field("cpus", cpus);
        j.name("interrupts").beginArray();
        for (int i = 0; i < rows.size(); i++) {
            StatsFile.Row r = rows.get(i);
            j.beginObject().field("name", r.interrupt());
            j.name("perCpu").beginArray();
            long[] counts = i < perCpu.length ? perCpu[i] : new long[cpus + 1];
            for (int c = 0; c < cpus; c++) {
                j.value(counts[c]);
            }
            j.endArray().field("unknownCpu", counts[cpus]);
            j.name("statistics").beginObject();
            long[] v = StatsFile.values(r.stats());
            for (int k = 0; k < v.length; k++) {
                j.field(StatsFile.COLUMNS[k], v[k]);
            }
            j.endObject().endObject();
        }
        j.endArray();
        j.name("latencyNs").beginObject();
        histogram(j, "dispatchToIsr", dispatch);
        histogram(j, "isrDuration", isr);
        if (probe) {
            histogram(j, "isrToDeferred", deferred);
        }
        j.endObject();
        j.name("requests").beginObject();
        j.field("sent", client == null ? 0 : client.sent.get()).field("completed", client == null ? 0 : client.succeeded.get())
                .field("failedOrCancelled", client == null ? 0 : client.failed.get()).field("bytes", client == null ? 0 : client.bytes.get());
        j.endObject();
        j.name("queues").beginArray();
        for (QueueRow q : queues) {
            IoQueueStatistics s = q.stats();
            j.beginObject().field("name", q.name()).field("dispatchType", q.type()).field("submitted", s.submitted())
                    .field("forwardedIn", s.forwardedIn()).field("delivered", s.delivered()).field("completed", s.completed())
                    .field("cancelled", s.cancelled()).field("queued", s.queued()).field("driverOwned", s.driverOwned()).endObject();
        }
        j.endArray();
        j.name("extras").beginObject();
        extras.forEach(j::field);
        j.endObject();
        // identical findings grouped (see Findings), with exact totals
        Findings findings = Findings.of(violations, faults);
        j.field("violationCount", findings.violationCount());
        j.name("violations").beginArray();
        for (Findings.Group<Violation> g : findings.violations()) {
            Violation v = g.first();
            j.beginObject().field("rule", v.rule().id()).field("interrupt", v.interrupt()).field("thread", v.thread())
                    .field("message", v.message()).field("count", g.count()).endObject();
        }
        j.endArray();
        j.field("faultCount", findings.faultCount());
        j.name("faults").beginArray();
        for (Findings.Group<Fault> g : findings.faults()) {
            Fault f = g.first();
            j.beginObject().field("kind", f.kind().name()).field("device", f.device()).field("where", f.where())
                    .field("message", f.message()).field("count", g.count()).endObject();
        }
        j.endArray();
        j.field("clean", violations.isEmpty() && faults.isEmpty());
        return j.endObject().toString();
    }

    private static void histogram(Json j, String name, Histogram h) {
        j.name(name).beginObject().field("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            j.field("p50", h.getValueAtPercentile(50)).field("p90", h.getValueAtPercentile(90))
                    .field("p99", h.getValueAtPercentile(99)).field("p999", h.getValueAtPercentile(99.9)).field("max", h.getMaxValue());
        }
        j.endObject();
    }
}
