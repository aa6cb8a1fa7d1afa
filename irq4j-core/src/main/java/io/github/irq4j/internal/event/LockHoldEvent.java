package io.github.irq4j.internal.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Throttle;

/**
 * JFR event {@code irq4j.LockHold}: a callback held an interrupt or callback lock for longer than the threshold (the framework-held lock of an ISR, onEnable/onDisable or a serialized DPC or work item), or the watchdog saw a driver hold a spin lock at DIRQL past its threshold.
 * See {@link FrameEvents} for how it is emitted and what it costs.
 */
@Name("irq4j.LockHold")
@Label("Lock Hold")
@Category({"irq4j"})
@Description("a callback held an interrupt or callback lock for longer than the threshold (the framework-held lock of an ISR, onEnable/onDisable or a serialized DPC or work item), or the watchdog saw a driver hold a spin lock at DIRQL past its threshold.")
@Threshold("1 ms")
@Throttle("1000/s")
@StackTrace(false)
public final class LockHoldEvent extends jdk.jfr.Event {
    @Label("Device")
    String device;
    @Label("Lock")
    @Description("the lock: its interrupt's or lock object's name")
    String lock;
    @Label("Holder")
    @Description("the callback, or the site where the driver took the lock")
    String holder;
    @Label("Level")
    String level;
}
