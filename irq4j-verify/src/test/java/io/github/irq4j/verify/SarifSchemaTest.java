package io.github.irq4j.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF output validates against the SARIF 2.1.0 JSON schema (OASIS, shipped in test
 * resources: nothing is fetched), and carries what code scanning needs: fingerprints,
 * suppressions, rule help, and URIs relative to the project with {@code originalUriBaseIds}.
 */
class SarifSchemaTest {

    @TempDir
    Path tmp;

    private static JsonSchema schema() throws Exception {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            assertThat(in).as("schema in test resources").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    private static String sarif(SarifReport report, VerificationResult r) {
        StringBuilder out = new StringBuilder();
        report.write(r, out);
        return out.toString();
    }

    private static VerificationResult everything() {
        Set<String> baseline = Set.of(new StaticVerifier().verify(List.of(Fixtures.classFile("JucLockFixture"))).findings()
                .getFirst().fingerprint());
        return new StaticVerifier(StaticVerifier.class.getClassLoader(), VerifierOptions.defaults().baseline(baseline))
                .verify(List.of(Fixtures.classesDir(), Fixtures.classesRoot().resolve("missing")));
    }

    @Test
    void validatesAgainstTheSarif210Schema() throws Exception {
        VerificationResult r = everything();
        assertThat(r.suppressed()).isNotEmpty();
        for (SarifReport report : List.of(new SarifReport(), new SarifReport(List.of(Path.of("src/test/java")), Path.of("")))) {
            JsonNode doc = new ObjectMapper().readTree(sarif(report, r));
            Set<ValidationMessage> errors = schema().validate(doc);
            assertThat(errors).as("schema violations").isEmpty();
        }
    }

    @Test
    void schemaRejectsABrokenDocument() throws Exception {
        JsonNode broken = new ObjectMapper().readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}");
        assertThat(schema().validate(broken)).as("a run without tool must be rejected").isNotEmpty();
    }

    @Test
    void codeScanningFields() {
        VerificationResult r = everything();
        JsonObject run = JsonParser.parseString(sarif(new SarifReport(List.of(tmp.resolve("none"), Path.of("src/test/java")),
                Path.of("")), r)).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
        assertThat(run.getAsJsonObject("originalUriBaseIds").getAsJsonObject("SRCROOT").get("uri").getAsString())
                .startsWith("file:").endsWith("/");
        int suppressed = 0;
        for (JsonElement e : run.getAsJsonArray("results")) {
            JsonObject res = e.getAsJsonObject();
            assertThat(res.getAsJsonObject("partialFingerprints").get("irq4jFingerprint/v1").getAsString()).hasSize(32);
            JsonObject artifact = res.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation")
                    .getAsJsonObject("artifactLocation");
            assertThat(artifact.get("uriBaseId").getAsString()).isEqualTo("SRCROOT");
            assertThat(artifact.get("uri").getAsString()).startsWith("src/test/java/io/github/irq4j/verify/fixtures/");
            assertThat(Files.isRegularFile(Path.of(artifact.get("uri").getAsString()))).isTrue();
            if (res.has("suppressions")) {
                suppressed++;
                JsonObject s = res.getAsJsonArray("suppressions").get(0).getAsJsonObject();
                assertThat(s.get("kind").getAsString()).isIn("inSource", "external");
                assertThat(s.get("justification").getAsString()).isNotBlank();
            }
        }
        assertThat(suppressed).isEqualTo(r.suppressed().size());
        JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        for (JsonElement e : rules) {
            JsonObject rule = e.getAsJsonObject();
            assertThat(rule.get("helpUri").getAsString()).contains("irq4j-verify/README.md#rule-");
            assertThat(rule.getAsJsonObject("help").get("text").getAsString()).isNotBlank();
        }
        assertThat(rules.get(StaticRule.UNLOCK_NOT_HELD.ordinal()).getAsJsonObject().getAsJsonObject("defaultConfiguration")
                .get("level").getAsString()).isEqualTo("warning");
    }
}
