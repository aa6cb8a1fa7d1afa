package io.github.irq4j.verify;

import java.util.regex.Pattern;

/**
 * A class name pattern for includes and excludes: a dotted class name in which {@code *} matches
 * within one package segment and {@code **} across segments ({@code com.example.**},
 * {@code com.example.*Driver}, {@code **.internal.**}). Nested classes match their own binary name
 * ({@code com.example.Uart$Queue}) and also the pattern of their top-level class.
 */
final class ClassPattern {
    private final String text;
    private final Pattern regex;

    private ClassPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /**
     * @throws IllegalArgumentException for an empty pattern or one with characters a class name cannot have
     */
    static ClassPattern parse(String text) {
        if (text == null || text.isBlank() || !text.matches("[\\w.$*]+")) {
            throw new IllegalArgumentException("not a class pattern: '" + text + "' (expected a dotted class name with * for "
                    + "any part of one package segment and ** for any packages, such as com.example.** or com.example.*Driver)");
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^.]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new ClassPattern(text, Pattern.compile(re.toString()));
    }

    /** Whether the dotted class name (or its top-level class) matches. */
    boolean matches(String dottedName) {
        if (regex.matcher(dottedName).matches()) {
            return true;
        }
        int dollar = dottedName.indexOf('$');
        return dollar > 0 && regex.matcher(dottedName.substring(0, dollar)).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
