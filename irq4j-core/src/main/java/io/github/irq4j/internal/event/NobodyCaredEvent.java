package io.github.irq4j.internal.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Throttle;

/**
 * JFR event {@code irq4j.NobodyCared}: a line was masked because its ISRs claimed almost none of its interrupts.
 * See {@link FrameEvents} for how it is emitted and what it costs.
 */
@Name("irq4j.NobodyCared")
@Label("Nobody Cared")
@Category({"irq4j"})
@Description("a line was masked because its ISRs claimed almost none of its interrupts.")
@Throttle("100/s")
@StackTrace(false)
public final class NobodyCaredEvent extends jdk.jfr.Event {
    @Label("Line")
    String line;
    @Label("Interrupts")
    @Description("the interrupts on the line, comma-separated")
    String interrupts;
    @Label("Message Number")
    int message;
    @Label("Unclaimed")
    int unclaimed;
    @Label("Window")
    int window;
}
