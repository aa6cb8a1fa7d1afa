package io.github.irq4j.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text and SARIF 2.1.0 reports. */
class ReportsTest {

    private static VerificationResult jucFixture() {
        return new StaticVerifier().verify(List.of(Fixtures.classFile("JucLockFixture"), Fixtures.classesRoot().resolve("nope")));
    }

    @Test
    void sarifHasTheRequiredStructure() {
        VerificationResult r = jucFixture();
        StringBuilder out = new StringBuilder();
        new SarifReport().write(r, out);
        JsonObject root = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertThat(root.get("version").getAsString()).isEqualTo("2.1.0");
        assertThat(root.get("$schema").getAsString()).contains("sarif-2.1.0");
        JsonObject run = root.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonObject driver = run.getAsJsonObject("tool").getAsJsonObject("driver");
        assertThat(driver.get("name").getAsString()).isEqualTo("irq4j-verify");
        List<String> ruleIds = new ArrayList<>();
        for (JsonElement e : driver.getAsJsonArray("rules")) {
            ruleIds.add(e.getAsJsonObject().get("id").getAsString());
            assertThat(e.getAsJsonObject().getAsJsonObject("shortDescription").get("text").getAsString()).isNotBlank();
        }
        assertThat(ruleIds).containsExactly("WdfInterruptLock", "WdfInterruptLockRelease", "InterruptLockArbitraryThread",
                "InterruptTryLockPassiveOnly", "InterruptSpinLockPassive", "LockRelease", "UnlockNotHeld");

        JsonArray results = run.getAsJsonArray("results");
        assertThat(results).hasSize(r.findings().size());
        JsonObject never = null;
        for (JsonElement e : results) {
            JsonObject res = e.getAsJsonObject();
            assertThat(res.get("ruleId").getAsString()).isEqualTo("LockRelease");
            assertThat(ruleIds.get(res.get("ruleIndex").getAsInt())).isEqualTo("LockRelease");
            JsonObject loc = res.getAsJsonArray("locations").get(0).getAsJsonObject();
            if (loc.getAsJsonArray("logicalLocations").get(0).getAsJsonObject().get("fullyQualifiedName").getAsString()
                    .equals("io.github.irq4j.verify.fixtures.JucLockFixture.badNeverUnlocks")) {
                never = res;
            }
        }
        assertThat(never).as("result for badNeverUnlocks").isNotNull();
        Finding f = r.findings().stream().filter(x -> x.methodName().equals("badNeverUnlocks")).findFirst().orElseThrow();
        JsonObject physical = never.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
        assertThat(physical.getAsJsonObject("artifactLocation").get("uri").getAsString())
                .isEqualTo("io/github/irq4j/verify/fixtures/JucLockFixture.java");
        assertThat(physical.getAsJsonObject("region").get("startLine").getAsInt()).isEqualTo(f.line());
        assertThat(never.getAsJsonObject("message").get("text").getAsString()).isEqualTo(f.message());
        JsonArray flow = never.getAsJsonArray("codeFlows").get(0).getAsJsonObject().getAsJsonArray("threadFlows")
                .get(0).getAsJsonObject().getAsJsonArray("locations");
        assertThat(flow).hasSize(f.trace().size());

        JsonArray notes = run.getAsJsonArray("invocations").get(0).getAsJsonObject().getAsJsonArray("toolExecutionNotifications");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).getAsJsonObject().getAsJsonObject("message").get("text").getAsString()).contains("nope");
    }

    @Test
    void textShowsRuleLocationMessageAndPath() {
        VerificationResult r = jucFixture();
        String text = new TextReport().toString(r);
        Finding f = r.findings().getFirst();
        assertThat(text).contains(f.sourcePath() + ":" + f.line() + ": LockRelease in " + f.fullyQualifiedName());
        assertThat(text).contains("    path: ");
        assertThat(text).contains("error: ").contains("nope");
        assertThat(text.strip()).endsWith(TextReport.summaryLine(r));
        assertThat(TextReport.summaryLine(r)).startsWith("irq4j verify: " + r.findings().size() + " findings in 1 class");
    }
}
