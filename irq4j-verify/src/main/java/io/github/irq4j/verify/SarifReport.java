package io.github.irq4j.verify;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@link VerificationResult} as SARIF 2.1.0: one run whose {@code tool.driver.rules}
 * lists every rule, one result per finding with {@code ruleId}, the source file and line, the
 * {@code logicalLocations[].fullyQualifiedName} {@code package.Class.method}, and the trace as a
 * code flow; input errors become {@code toolExecutionNotifications}.
 */
public final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String VERSION = "2.1.0";
    static final String TOOL = "irq4j-verify";
    static final String INFO_URI = "https://github.com/irq4j/irq4j";

    /** The report as a JSON tree. */
    public JsonObject toJson(VerificationResult result) {
        JsonObject rootObject = new JsonObject();
        rootObject.addProperty("$schema", SCHEMA);
        rootObject.addProperty("version", VERSION);
        JsonObject run = new JsonObject();
        JsonObject driver = new JsonObject();
        driver.addProperty("name", TOOL);
        driver.addProperty("informationUri", INFO_URI);
        String version = SarifReport.class.getPackage().getImplementationVersion();
        driver.addProperty("version", version == null ? "0.1.0-SNAPSHOT" : version);
        JsonArray rules = new JsonArray();
        for (StaticRule r : StaticRule.values()) {
            JsonObject rule = new JsonObject();
            rule.addProperty("id", r.id());
            rule.add("shortDescription", text(r.shortDescription()));
            rule.add("fullDescription", text(r.fullDescription()));
            JsonObject config = new JsonObject();
            config.addProperty("level", r.level().sarif());
            rule.add("defaultConfiguration", config);
            rules.add(rule);
        }
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        run.add("tool", tool);
        JsonArray results = new JsonArray();
        for (Finding f : result.findings()) {
            results.add(result(f));
        }
        run.add("results", results);
        JsonObject invocation = new JsonObject();
        invocation.addProperty("executionSuccessful", result.classesRead() > 0);
        JsonArray notes = new JsonArray();
        for (InputError e : result.errors()) {
            JsonObject n = new JsonObject();
            n.addProperty("level", "error");
            n.add("message", text(e.location() + ": " + e.message()));
            notes.add(n);
        }
        for (Truncation t : result.truncatedMethods()) {
            JsonObject n = new JsonObject();
            n.addProperty("level", "warning");
            n.add("message", text(t.message()));
            JsonObject desc = new JsonObject();
            desc.addProperty("id", "truncated");
            n.add("descriptor", desc);
            notes.add(n);
        }
        invocation.add("toolExecutionNotifications", notes);
        JsonArray invocations = new JsonArray();
        invocations.add(invocation);
        run.add("invocations", invocations);
        JsonArray runs = new JsonArray();
        runs.add(run);
        rootObject.add("runs", runs);
        return rootObject;
    }

    private static JsonObject result(Finding f) {
        JsonObject r = new JsonObject();
        r.addProperty("ruleId", f.rule().id());
        r.addProperty("ruleIndex", f.rule().ordinal());
        r.addProperty("level", f.rule().level().sarif());
        r.add("message", text(f.message()));
        JsonArray locations = new JsonArray();
        locations.add(location(f, f.line(), true));
        r.add("locations", locations);
        if (!f.trace().isEmpty()) {
            JsonArray steps = new JsonArray();
            for (int line : f.trace()) {
                JsonObject step = new JsonObject();
                step.add("location", location(f, line, false));
                steps.add(step);
            }
            JsonObject threadFlow = new JsonObject();
            threadFlow.add("locations", steps);
            JsonArray threadFlows = new JsonArray();
            threadFlows.add(threadFlow);
            JsonObject codeFlow = new JsonObject();
            codeFlow.add("threadFlows", threadFlows);
            JsonArray codeFlows = new JsonArray();
            codeFlows.add(codeFlow);
            r.add("codeFlows", codeFlows);
        }
        return r;
    }

    private static JsonObject location(Finding f, int line, boolean logical) {
        JsonObject artifact = new JsonObject();
        artifact.addProperty("uri", f.sourcePath());
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifact);
        if (line > 0) {
            JsonObject region = new JsonObject();
            region.addProperty("startLine", line);
            physical.add("region", region);
        }
        JsonObject loc = new JsonObject();
        loc.add("physicalLocation", physical);
        if (logical) {
            JsonObject l = new JsonObject();
            l.addProperty("name", f.methodName());
            l.addProperty("fullyQualifiedName", f.fullyQualifiedName());
            l.addProperty("kind", "function");
            JsonArray ls = new JsonArray();
            ls.add(l);
            loc.add("logicalLocations", ls);
        }
        return loc;
    }

    private static JsonObject text(String s) {
        JsonObject o = new JsonObject();
        o.addProperty("text", s);
        return o;
    }

    /** Writes the report, pretty-printed, to {@code out}. */
    public void write(VerificationResult result, Appendable out) {
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        try {
            gson.toJson(toJson(result), out);
            out.append('\n');
        } catch (com.google.gson.JsonIOException | IOException e) {
            throw new UncheckedIOException("cannot write the SARIF report: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
