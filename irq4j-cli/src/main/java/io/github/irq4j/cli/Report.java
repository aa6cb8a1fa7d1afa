package io.github.irq4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.irq4j.Fault;
import io.github.irq4j.FindingCount;
import io.github.irq4j.cli.spi.CliJson;
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
    /** The host's exact counts of the findings above (the lists keep only the recent ones). */
    private final List<FindingCount> violationCounts;
    private final List<FindingCount> faultCounts;
    private final Map<String, Long> extras;
    /** The signal that ended the run early, such as "SIGINT", or null when it ran its duration. */
    private final String signal;

    record QueueRow(String name, String type, IoQueueStatistics stats) {
    }

    private Report(Runner.Settings settings, String deviceName, long elapsedMs, List<StatsFile.Row> rows, long[][] perCpu, int cpus,
                   Histogram dispatch, Histogram isr, Histogram deferred, boolean probe, ReadClient client, List<QueueRow> queues,
                   List<Violation> violations, List<Fault> faults, List<FindingCount> violationCounts,
                   List<FindingCount> faultCounts, Map<String, Long> extras, String signal) {
        this.violationCounts = violationCounts;
        this.faultCounts = faultCounts;
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
                queues, session.violations(), session.faults(), session.violationCounts(), session.faultCounts(), extras, signal);
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
        TextReport.findings(out, Findings.of(violations, faults, violationCounts, faultCounts));
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
        JsonObject j = new JsonObject();
        j.addProperty("driver", settings.driverName());
        j.addProperty("device", deviceName);
        j.addProperty("deviceSpec", settings.deviceSpec());
        j.addProperty("durationMs", elapsedMs);
        j.addProperty("plannedDurationMs", settings.duration().toMillis());
        j.addProperty("endedBy", signal == null ? "duration" : signal);
        j.addProperty("seed", settings.seed());
        j.addProperty("cpus", cpus);
        JsonArray interrupts = new JsonArray();
        for (int i = 0; i < rows.size(); i++) {
            StatsFile.Row r = rows.get(i);
            JsonObject row = new JsonObject();
            row.addProperty("name", r.interrupt());
            JsonArray cpuCounts = new JsonArray();
            long[] counts = i < perCpu.length ? perCpu[i] : new long[cpus + 1];
            for (int c = 0; c < cpus; c++) {
                cpuCounts.add(counts[c]);
            }
            row.add("perCpu", cpuCounts);
            row.addProperty("unknownCpu", counts[cpus]);
            JsonObject statistics = new JsonObject();
            long[] v = StatsFile.values(r.stats());
            for (int k = 0; k < v.length; k++) {
                statistics.addProperty(StatsFile.COLUMNS[k], v[k]);
            }
            row.add("statistics", statistics);
            interrupts.add(row);
        }
        j.add("interrupts", interrupts);
        JsonObject latency = new JsonObject();
        latency.add("dispatchToIsr", histogram(dispatch));
        latency.add("isrDuration", histogram(isr));
        if (probe) {
            latency.add("isrToDeferred", histogram(deferred));
        }
        j.add("latencyNs", latency);
        JsonObject requests = new JsonObject();
        requests.addProperty("sent", client == null ? 0 : client.sent.get());
        requests.addProperty("completed", client == null ? 0 : client.succeeded.get());
        requests.addProperty("failedOrCancelled", client == null ? 0 : client.failed.get());
        requests.addProperty("bytes", client == null ? 0 : client.bytes.get());
        j.add("requests", requests);
        JsonArray queueArray = new JsonArray();
        for (QueueRow q : queues) {
            IoQueueStatistics s = q.stats();
            JsonObject o = new JsonObject();
            o.addProperty("name", q.name());
            o.addProperty("dispatchType", q.type());
            o.addProperty("submitted", s.submitted());
            o.addProperty("forwardedIn", s.forwardedIn());
            o.addProperty("delivered", s.delivered());
            o.addProperty("completed", s.completed());
            o.addProperty("cancelled", s.cancelled());
            o.addProperty("queued", s.queued());
            o.addProperty("driverOwned", s.driverOwned());
            queueArray.add(o);
        }
        j.add("queues", queueArray);
        JsonObject extraObject = new JsonObject();
        extras.forEach(extraObject::addProperty);
        j.add("extras", extraObject);
        // identical findings grouped (see Findings), with exact totals
        Findings findings = Findings.of(violations, faults, violationCounts, faultCounts);
        j.addProperty("violationCount", findings.violationCount());
        JsonArray violationArray = new JsonArray();
        for (Findings.Group<Violation> g : findings.violations()) {
            Violation v = g.first();
            JsonObject o = new JsonObject();
            o.addProperty("rule", v.rule().id());
            o.addProperty("interrupt", v.interrupt());
            o.addProperty("thread", v.thread());
            o.addProperty("message", v.message());
            o.addProperty("count", g.count());
            violationArray.add(o);
        }
        j.add("violations", violationArray);
        j.addProperty("faultCount", findings.faultCount());
        JsonArray faultArray = new JsonArray();
        for (Findings.Group<Fault> g : findings.faults()) {
            Fault f = g.first();
            JsonObject o = new JsonObject();
            o.addProperty("kind", f.kind().name());
            o.addProperty("device", f.device());
            o.addProperty("where", f.where());
            o.addProperty("message", f.message());
            o.addProperty("count", g.count());
            faultArray.add(o);
        }
        j.add("faults", faultArray);
        j.addProperty("violationsUnlisted", findings.violationsUnlisted());
        j.addProperty("faultsUnlisted", findings.faultsUnlisted());
        j.addProperty("clean", violations.isEmpty() && faults.isEmpty());
        return CliJson.of(j);
    }

    private static JsonObject histogram(Histogram h) {
        JsonObject o = new JsonObject();
        o.addProperty("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            o.addProperty("p50", h.getValueAtPercentile(50));
            o.addProperty("p90", h.getValueAtPercentile(90));
            o.addProperty("p99", h.getValueAtPercentile(99));
            o.addProperty("p999", h.getValueAtPercentile(99.9));
            o.addProperty("max", h.getMaxValue());
        }
        return o;
    }
}
