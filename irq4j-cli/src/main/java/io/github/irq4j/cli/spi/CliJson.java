package io.github.irq4j.cli.spi;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;

/**
 * The one gson configuration of the command line's JSON reports (its own and those of commands
 * such as {@code bench}): compact, nulls written (a missing value is {@code null}, not an absent
 * field, so a script sees every field), no HTML escaping (the reports go to terminals and files,
 * not into web pages), and a non-finite double written as {@code null} (JSON has no NaN or
 * infinity, and gson would throw).
 */
public final class CliJson {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private CliJson() {
    }

    /** The element as one line of JSON. */
    public static String of(JsonElement element) {
        return GSON.toJson(element);
    }

    /** {@code v} as a JSON number, or {@code null} when it is NaN or infinite. */
    public static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }
}
