package io.github.irq4j.sim;

/**
 * A driver action scripted on a {@link DeterministicScheduler}: ready from virtual time
 * {@code dueNanos} on ({@link Long#MIN_VALUE}: at once). Compared by identity, so two actions with
 * the same name are two actions.
 */
final class ScriptedAction {
    final String name;
    final long dueNanos;
    final Runnable action;

    ScriptedAction(String name, long dueNanos, Runnable action) {
        this.name = name;
        this.dueNanos = dueNanos;
        this.action = action;
    }
}
