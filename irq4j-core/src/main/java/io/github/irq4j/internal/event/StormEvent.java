package io.github.irq4j.internal.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Throttle;

/**
 * JFR event {@code irq4j.Storm}: a line whose claimed interrupts stayed above the storm ceiling.
 * See {@link FrameEvents} for how it is emitted and what it costs.
 */
@Name("irq4j.Storm")
@Label("Interrupt Storm")
@Category({"irq4j"})
@Description("a line whose claimed interrupts stayed above the storm ceiling.")
@Throttle("100/s")
@StackTrace(false)
public final class StormEvent extends jdk.jfr.Event {
    @Label("Line")
    String line;
    @Label("Interrupts")
    String interrupts;
    @Label("Message Number")
    int message;
    @Label("Rate")
    @Description("claimed signals per second over the sustained period")
    long rate;
    @Label("Ceiling")
    long ceiling;
    @Label("Masked")
    boolean masked;
}
