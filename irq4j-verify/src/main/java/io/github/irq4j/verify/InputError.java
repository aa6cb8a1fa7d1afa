package io.github.irq4j.verify;

/**
 * An input that could not be read or analysed; the rest of the input still is.
 *
 * @param location the path, or the path and entry ({@code lib.jar!/a/B.class})
 * @param message what was wrong, the value found, what was expected, what to do
 */
public record InputError(String location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
