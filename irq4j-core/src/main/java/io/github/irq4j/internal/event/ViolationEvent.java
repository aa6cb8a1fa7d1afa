package io.github.irq4j.internal.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Throttle;

/**
 * JFR event {@code irq4j.Violation}: a rule violation the runtime verifier reported.
 * See {@link FrameEvents} for how it is emitted and what it costs.
 */
@Name("irq4j.Violation")
@Label("Verifier Violation")
@Category({"irq4j"})
@Description("a rule violation the runtime verifier reported.")
@Throttle("1000/s")
@StackTrace(true)
public final class ViolationEvent extends jdk.jfr.Event {
    @Label("Rule")
    String rule;
    @Label("Object")
    String object;
    @Label("Level")
    String level;
    @Label("Allowed Level")
    String allowed;
    @Label("Acquire Site")
    String site;
    @Label("Message")
    String message;
}
