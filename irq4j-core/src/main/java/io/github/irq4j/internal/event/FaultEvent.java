package io.github.irq4j.internal.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Throttle;

/**
 * JFR event {@code irq4j.Fault}: a fault the host contained and reported (callback exception, bug check, violation at exit, nobody cared, watchdog, storm, restart).
 * See {@link FrameEvents} for how it is emitted and what it costs.
 */
@Name("irq4j.Fault")
@Label("Fault")
@Category({"irq4j"})
@Description("a fault the host contained and reported (callback exception, bug check, violation at exit, nobody cared, watchdog, storm, restart).")
@Throttle("1000/s")
@StackTrace(false)
public final class FaultEvent extends jdk.jfr.Event {
    @Label("Kind")
    String kind;
    @Label("Device")
    String device;
    @Label("Where")
    String where;
    @Label("Message")
    String message;
}
