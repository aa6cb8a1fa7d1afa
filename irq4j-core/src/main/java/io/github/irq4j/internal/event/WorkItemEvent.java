package io.github.irq4j.internal.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Throttle;

/**
 * JFR event {@code irq4j.WorkItem}: one run of a work item (an interrupt's or a framework work item).
 * See {@link FrameEvents} for how it is emitted and what it costs.
 */
@Name("irq4j.WorkItem")
@Label("Work Item")
@Category({"irq4j"})
@Description("one run of a work item (an interrupt's or a framework work item).")
@Threshold("100 us")
@Throttle("1000/s")
@StackTrace(false)
public final class WorkItemEvent extends jdk.jfr.Event {
    @Label("Device")
    String device;
    @Label("Callback")
    @Description("the callback as faults name it, such as uart0 ISR")
    String callback;
    @Label("Interrupt")
    String interrupt;
    @Label("Message Number")
    int message;
    @Label("Level")
    @Description("the IRQL the callback ran at, such as DIRQL(0) or DISPATCH")
    String level;
    @Label("Faulted")
    @Description("whether the callback threw (the fault is contained and reported)")
    boolean faulted;
}
