package io.github.irq4j.cli;

/** A minimal JSON writer for the reports: objects, arrays, strings, numbers, booleans. */
final class Json {

    private final StringBuilder sb = new StringBuilder(1024);
    /** Whether the next value in the current container needs a comma before it. */
    private boolean comma;

    Json beginObject() {
        sep();
        sb.append('{');
        comma = false;
        return this;
    }

    Json endObject() {
        sb.append('}');
        comma = true;
        return this;
    }

    Json beginArray() {
        sep();
        sb.append('[');
        comma = false;
        return this;
    }

    Json endArray() {
        sb.append(']');
        comma = true;
        return this;
    }

    Json name(String name) {
        sep();
        string(name);
        sb.append(':');
        comma = false;
        return this;
    }

    Json value(String s) {
        sep();
        if (s == null) {
            sb.append("null");
        } else {
            string(s);
        }
        comma = true;
        return this;
    }

    Json value(long v) {
        sep();
        sb.append(v);
        comma = true;
        return this;
    }

    Json value(double v) {
        sep();
        sb.append(Double.isFinite(v) ? Double.toString(v) : "null");
        comma = true;
        return this;
    }

    Json value(boolean v) {
        sep();
        sb.append(v);
        comma = true;
        return this;
    }

    Json field(String name, String v) {
        return name(name).value(v);
    }

    Json field(String name, long v) {
        return name(name).value(v);
    }

    Json field(String name, double v) {
        return name(name).value(v);
    }

    Json field(String name, boolean v) {
        return name(name).value(v);
    }

    private void sep() {
        if (comma) {
            sb.append(',');
        }
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
