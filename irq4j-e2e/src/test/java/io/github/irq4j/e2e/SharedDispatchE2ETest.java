package io.github.irq4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --dispatch shared[:THREADS]} (SPEC 3.2): many eventfd sources on a few epoll threads, against a thread per source. */
class SharedDispatchE2ETest {

    private static final int SOURCES = 40;

    private static JsonObject report(Launcher.Result r) {
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    /** Checks every interrupt's counts; returns the report's extras. */
    private static JsonObject checkEveryInterruptRan(Launcher.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonObject report = report(r);
        assertThat(report.get("clean").getAsBoolean()).as(r.toString()).isTrue();
        JsonArray interrupts = report.getAsJsonArray("interrupts");
        assertThat(interrupts).hasSize(SOURCES);
        for (JsonElement e : interrupts) {
            JsonObject i = e.getAsJsonObject();
            JsonObject st = i.getAsJsonObject("statistics");
            String name = i.get("name").getAsString();
            assertThat(st.get("claimed").getAsLong()).as("claimed of %s", name).isPositive();
            assertThat(st.get("isrCalls").getAsLong()).as("isrCalls of %s", name).isEqualTo(st.get("claimed").getAsLong());
            assertThat(st.get("workItemRuns").getAsLong()).as("work items of %s", name).isPositive();
        }
        return report.getAsJsonObject("extras");
    }

    @Test
    void fortyEventFdSourcesRunOnTwoSharedThreadsAndOnAThreadEachWithout() throws Exception {
        // 2 s: the signaller thread takes a few hundred ms to get going on a loaded machine
        Launcher.Result shared = Launcher.run("run", "--device", "eventfd:rate=200,sources=" + SOURCES, "--dispatch", "shared:2",
                "--duration", "2s", "--json");
        JsonObject extras = checkEveryInterruptRan(shared);
        assertThat(extras.get("dispatch.sharedThreads").getAsLong()).isEqualTo(2);
        assertThat(extras.get("jvm.peakThreads").getAsLong()).as("JVM threads with 40 sources on 2 dispatch threads: " + extras)
                .isLessThan(SOURCES);

        Launcher.Result threaded = Launcher.run("run", "--device", "eventfd:rate=200,sources=" + SOURCES, "--dispatch", "thread",
                "--duration", "2s", "--json");
        JsonObject threadedExtras = checkEveryInterruptRan(threaded);
        assertThat(threadedExtras.get("dispatch.sharedThreads").getAsLong()).isZero();
        assertThat(threadedExtras.get("jvm.liveThreads").getAsLong()).as("a dispatch thread per source: " + threadedExtras)
                .isGreaterThan(SOURCES);
    }

    @Test
    void tenThousandEventFdSourcesRunOnTwoSharedThreads(@TempDir Path dir) throws Exception {
        // Once hung in createInterrupt (each one scanned every resource and every interrupt) and
        // would have needed 17 GB for the measuring histograms (1.7 MB a source).
        int sources = 10_000;
        Path hlog = dir.resolve("scale.hlog");
        Launcher.Result r = Launcher.run("run", "--device", "eventfd:rate=2,sources=" + sources, "--dispatch", "shared:2",
                "--duration", "2s", "--json", "--histogram", hlog.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonObject report = report(r);
        assertThat(report.get("clean").getAsBoolean()).as(r.toString()).isTrue();
        JsonArray interrupts = report.getAsJsonArray("interrupts");
        assertThat(interrupts).hasSize(sources);
        long ran = 0;
        for (JsonElement e : interrupts) {
            JsonObject st = e.getAsJsonObject().getAsJsonObject("statistics");
            assertThat(st.get("isrCalls").getAsLong()).as("isrCalls of %s", e.getAsJsonObject().get("name")).isPositive()
                    .isEqualTo(st.get("claimed").getAsLong());
            ran += st.get("isrCalls").getAsLong();
        }
        JsonObject extras = report.getAsJsonObject("extras");
        assertThat(extras.get("dispatch.sharedThreads").getAsLong()).isEqualTo(2);
        assertThat(extras.get("jvm.peakThreads").getAsLong()).as(extras.toString()).isLessThan(40);
        // 64 sources with their own histograms, the other 9,936 in one shared pair; every ISR in the log once
        String log = Files.readString(hlog);
        assertThat(log).contains("Tag=eventfd.irq0.isr,").contains("Tag=eventfd.irq63.isr,")
                .contains("Tag=eventfd.irq64+9935.isr,").doesNotContain("Tag=eventfd.irq65.isr,");
        assertThat(totalCount(hlog, ".isr")).isEqualTo(ran);
    }

    /** The values recorded in the log's histograms whose tag ends with {@code suffix}. */
    private static long totalCount(Path hlog, String suffix) throws Exception {
        long n = 0;
        try (var reader = new org.HdrHistogram.HistogramLogReader(hlog.toFile())) {
            for (var h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                if (h.getTag() != null && h.getTag().endsWith(suffix)) {
                    n += ((org.HdrHistogram.AbstractHistogram) h).getTotalCount();
                }
            }
        }
        return n;
    }

    @Test
    void aTimerFdOnOneSharedThreadRunsItsDpcs() throws Exception {
        Launcher.Result r = Launcher.run("run", "--device", "timerfd:1ms", "--dispatch", "shared:1", "--duration", "1s", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonObject report = report(r);
        assertThat(report.getAsJsonObject("extras").get("dispatch.sharedThreads").getAsLong()).isEqualTo(1);
        JsonObject st = report.getAsJsonArray("interrupts").get(0).getAsJsonObject().getAsJsonObject("statistics");
        assertThat(st.get("dpcRuns").getAsLong()).as(r.toString()).isPositive();
    }

    @Test
    void aBadDispatchIsAUsageErrorSayingWhatIsExpected() throws Exception {
        Launcher.Result zero = Launcher.run("run", "--device", "eventfd", "--dispatch", "shared:0", "--duration", "1s");
        assertThat(zero.exitCode()).as(zero.toString()).isEqualTo(2);
        assertThat(zero.err()).contains("Invalid value for option '--dispatch': 'shared:0': THREADS 0 is out of range"
                + " (expected: 1 <= THREADS <= 64, such as shared:2)").doesNotContain("Exception");
        Launcher.Result unknown = Launcher.run("run", "--device", "eventfd", "--dispatch", "pooled", "--duration", "1s");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("'pooled' is not a dispatch (expected: thread, shared or shared:THREADS");
        Launcher.Result sources = Launcher.run("run", "--device", "eventfd:rate=10,sources=0", "--dispatch", "shared", "--duration", "1s");
        assertThat(sources.exitCode()).as(sources.toString()).isEqualTo(2);
        assertThat(sources.err()).contains("eventfd: sources 0 is out of range (expected: 1 <= K <= 10000)");
    }
}
