package io.github.irq4j.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs example test classes through the Jupiter engine, as an IDE or Surefire would, and reads their results. */
final class Kits {

    private Kits() {
    }

    /** Runs {@code className}, with optional configuration parameters (key, value, key, value...). */
    static EngineExecutionResults run(String className, String... config) {
        EngineTestKit.Builder b = EngineTestKit.engine("junit-jupiter").selectors(selectClass(className));
        for (int i = 0; i + 1 < config.length; i += 2) {
            b.configurationParameter(config[i], config[i + 1]);
        }
        return b.execute();
    }

    /** The failures of the run's tests, in order. */
    static List<Throwable> failures(EngineExecutionResults r) {
        return r.testEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
    }

    /** The display names of the tests that ran, in order. */
    static List<String> names(EngineExecutionResults r) {
        return r.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    /** The schedule fingerprints each test published, in order. */
    static List<String> fingerprints(EngineExecutionResults r) {
        return r.allEvents().stream().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(Kits::entry).filter(m -> m.containsKey("irq4j.schedule"))
                .map(m -> m.get("irq4j.seed") + ": " + m.get("irq4j.schedule")).toList();
    }

    private static Map<String, String> entry(Event e) {
        return e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs();
    }
}
