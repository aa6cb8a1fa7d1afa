package io.github.irq4j.verify;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link VerificationResult} as SARIF 2.1.0 for code scanning (GitHub, IDEs): one run
 * whose {@code tool.driver.rules} lists every rule with its help text and a help URI into the
 * documentation; one result per finding with {@code ruleId}, level, message, the source file
 * and line, {@code logicalLocations[].fullyQualifiedName} {@code package.Class.method},
 * {@code partialFingerprints} (stable across edits elsewhere), the path as a code flow whose
 * steps say what happened, and {@code suppressions} for findings suppressed in the code or by
 * the baseline. Input errors and truncated methods become {@code toolExecutionNotifications}.
 *
 * <p>With source roots ({@code src/main/java}), each file's URI is relative to the base
 * directory (the repository or project root) under {@code uriBaseId} {@code SRCROOT}, and
 * {@code originalUriBaseIds} says where {@code SRCROOT} is, so that code scanning resolves
 * {@code src/main/java/com/example/Uart.java}. Without, URIs are package-relative.
 */
public final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String VERSION = "2.1.0";
    static final String TOOL = "irq4j-verify";
    static final String INFO_URI = "https://github.com/irq4j/irq4j";
    /** Where each rule is documented: the verifier README's rule table, one anchor per rule. */
    static final String HELP_URI = INFO_URI + "/blob/main/irq4j-verify/README.md#rule-";
    static final String BASE_ID = "SRCROOT";
    static final String FINGERPRINT = "irq4jFingerprint/v1";

    private final List<Path> sourceRoots;
    private final Path baseDir;

    /** A report with package-relative URIs. */
    public SarifReport() {
        this(List.of(), null);
    }

    /**
     * A report whose URIs are relative to {@code baseDir}.
     *
     * @param sourceRoots the directories holding the sources ({@code src/main/java}), searched in order
     * @param baseDir the directory URIs are relative to (the project or repository root)
     */
    public SarifReport(List<Path> sourceRoots, Path baseDir) {
        this.sourceRoots = List.copyOf(sourceRoots);
        this.baseDir = baseDir == null ? null : baseDir.toAbsolutePath().normalize();
    }

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
            rules.add(rule(r));
        }
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        run.add("tool", tool);
        if (baseDir != null) {
            JsonObject base = new JsonObject();
            JsonObject srcroot = new JsonObject();
            srcroot.addProperty("uri", baseDir.toUri().toString());
            base.add(BASE_ID, srcroot);
            run.add("originalUriBaseIds", base);
        }
        JsonArray results = new JsonArray();
        List<Finding> all = new ArrayList<>(result.findings());
        all.addAll(result.suppressed());
        for (Finding f : all) {
            results.add(result(f));
        }
        run.add("results", results);
        run.add("invocations", invocations(result));
        JsonArray runs = new JsonArray();
        runs.add(run);
        rootObject.add("runs", runs);
        return rootObject;
    }

    private static JsonObject rule(StaticRule r) {
        JsonObject rule = new JsonObject();
        rule.addProperty("id", r.id());
        rule.addProperty("name", r.name().charAt(0) + r.name().substring(1).toLowerCase(Locale.ROOT).replace("_", ""));
        rule.add("shortDescription", text(r.shortDescription()));
        rule.add("fullDescription", text(r.fullDescription()));
        JsonObject help = text(r.fullDescription() + " See " + HELP_URI + r.id().toLowerCase(Locale.ROOT));
        help.addProperty("markdown", r.fullDescription() + "\n\n[Rule documentation](" + HELP_URI + r.id().toLowerCase(Locale.ROOT) + ")");
        rule.add("help", help);
        rule.addProperty("helpUri", HELP_URI + r.id().toLowerCase(Locale.ROOT));
        JsonObject config = new JsonObject();
        config.addProperty("level", r.level().sarif());
        rule.add("defaultConfiguration", config);
        JsonObject props = new JsonObject();
        JsonArray tags = new JsonArray();
        tags.add("concurrency");
        tags.add(r == StaticRule.LOCK_RELEASE || r == StaticRule.UNLOCK_NOT_HELD ? "java.util.concurrent" : "interrupt-lock");
        props.add("tags", tags);
        props.addProperty("precision", "high");
        rule.add("properties", props);
        return rule;
    }

    private static JsonArray invocations(VerificationResult result) {
        JsonObject invocation = new JsonObject();
        invocation.addProperty("executionSuccessful", result.classesRead() > 0);
        JsonArray notes = new JsonArray();
        for (InputError e : result.errors()) {
            notes.add(notification("error", "input-error", e.location() + ": " + e.message()));
        }
        for (Truncation t : result.truncatedMethods()) {
            notes.add(notification("warning", "truncated", t.message()));
        }
        invocation.add("toolExecutionNotifications", notes);
        JsonArray invocations = new JsonArray();
        invocations.add(invocation);
        return invocations;
    }

    private static JsonObject notification(String level, String id, String message) {
        JsonObject n = new JsonObject();
        n.addProperty("level", level);
        n.add("message", text(message));
        JsonObject desc = new JsonObject();
        desc.addProperty("id", id);
        n.add("descriptor", desc);
        return n;
    }

    private JsonObject result(Finding f) {
        JsonObject r = new JsonObject();
        r.addProperty("ruleId", f.rule().id());
        r.addProperty("ruleIndex", f.rule().ordinal());
        r.addProperty("level", f.rule().level().sarif());
        r.add("message", text(f.message()));
        JsonArray locations = new JsonArray();
        locations.add(location(f, f.line(), true, null));
        r.add("locations", locations);
        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty(FINGERPRINT, f.fingerprint());
        r.add("partialFingerprints", fingerprints);
        if (!f.steps().isEmpty()) {
            JsonArray steps = new JsonArray();
            for (TraceStep step : f.steps()) {
                JsonObject s = new JsonObject();
                s.add("location", location(f, step.line(), false, step.what().isEmpty() ? null : step.what()));
                steps.add(s);
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
        if (f.suppression() != null) {
            JsonObject s = new JsonObject();
            s.addProperty("kind", f.suppression().kind().sarif());
            s.addProperty("justification", f.suppression().justification());
            JsonArray suppressions = new JsonArray();
            suppressions.add(s);
            r.add("suppressions", suppressions);
        }
        return r;
    }

    private JsonObject location(Finding f, int line, boolean logical, String message) {
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifact(f.sourcePath()));
        if (line > 0) {
            JsonObject region = new JsonObject();
            region.addProperty("startLine", line);
            physical.add("region", region);
        }
        JsonObject loc = new JsonObject();
        loc.add("physicalLocation", physical);
        if (message != null) {
            loc.add("message", text(message));
        }
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

    /** The artifact location of a package-relative source path. */
    private JsonObject artifact(String sourcePath) {
        JsonObject artifact = new JsonObject();
        if (baseDir == null) {
            artifact.addProperty("uri", sourcePath);
            return artifact;
        }
        Path found = null;
        for (Path root : sourceRoots) {
            Path candidate = root.toAbsolutePath().normalize().resolve(sourcePath);
            if (Files.isRegularFile(candidate)) {
                found = candidate;
                break;
            }
        }
        if (found == null && !sourceRoots.isEmpty()) {
            found = sourceRoots.getFirst().toAbsolutePath().normalize().resolve(sourcePath);
        }
        if (found != null && !found.startsWith(baseDir)) {
            artifact.addProperty("uri", found.toUri().toString()); // a source root outside the base: absolute
            return artifact;
        }
        String uri = found != null ? baseDir.relativize(found).toString().replace('\\', '/') : sourcePath;
        artifact.addProperty("uri", uri);
        artifact.addProperty("uriBaseId", BASE_ID);
        return artifact;
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
