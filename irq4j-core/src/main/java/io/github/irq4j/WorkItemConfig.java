package io.github.irq4j;

import java.util.Objects;

/**
 * The configuration of a work item. Mirrors {@code WDF_WORKITEM_CONFIG} plus the
 * {@code WDF_OBJECT_ATTRIBUTES} fields that matter: its parent object and name. Immutable.
 * <pre>{@code
 * WorkItem readWorkItem = device.createWorkItem(WorkItemConfig.builder(this::onReadWorkItem).build());
 * }</pre>
 */
public final class WorkItemConfig {

    private final WorkItemCallback callback;
    private final String name;
    private final WdfObject parentObject;
    private final boolean automaticSerialization;

    private WorkItemConfig(Builder b) {
        this.callback = b.callback;
        this.name = b.name;
        this.parentObject = b.parentObject;
        this.automaticSerialization = b.automaticSerialization;
    }

    /** Starts a configuration. Mirrors {@code WDF_WORKITEM_CONFIG_INIT}. */
    public static Builder builder(WorkItemCallback callback) {
        return new Builder(Objects.requireNonNull(callback, "callback"));
    }

    public WorkItemCallback callback() { return callback; }
    /** The name used in messages; {@code null} means the parent's name plus {@code .workItemN}. */
    public String name() { return name; }
    /** The parent ({@code ParentObject}): the device (when {@code null}) or one of its queues. */
    public WdfObject parentObject() { return parentObject; }
    /** {@code AutomaticSerialization}: run holding the parent's callback lock, which must be passive. */
    public boolean automaticSerialization() { return automaticSerialization; }

    /** Builds a {@link WorkItemConfig}. Not thread-safe. */
    public static final class Builder {
        private final WorkItemCallback callback;
        private String name;
        private WdfObject parentObject;
        private boolean automaticSerialization;

        private Builder(WorkItemCallback callback) {
            this.callback = callback;
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder parentObject(WdfObject parent) { this.parentObject = parent; return this; }
        public Builder automaticSerialization(boolean on) { this.automaticSerialization = on; return this; }

        public WorkItemConfig build() {
            return new WorkItemConfig(this);
        }
    }
}
