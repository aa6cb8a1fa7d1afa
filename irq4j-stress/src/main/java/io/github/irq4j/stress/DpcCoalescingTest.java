package io.github.irq4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.VerifierMode;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * SPEC 2.5 coalescing of {@code queueDpcForIsr()} for the DPC of a spin-lock interrupt (one DPC thread): two actors request a run at once.
 * Results: r1 = how many calls returned {@code true}, r2 = how many callback runs they caused,
 * r3 = 1 if a run started after each request (every request served) and all runs ended in time.
 * See {@link CoalescingArena} for how runs are counted per state.
 */
@JCStressTest
@Description("queueDpcForIsr(): concurrent requests coalesce into one run or cause exactly one more; none is lost")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "both requests came before the run started: the second returned false and one run served both")
@Outcome(id = "2, 2, 1", expect = ACCEPTABLE_INTERESTING, desc = "the queued flag was cleared (run started) between the requests: the second queued exactly one more run")
@Outcome(id = "2, 1, .*", expect = FORBIDDEN, desc = "a run that was queued never ran")
@Outcome(id = "1, 2, .*", expect = FORBIDDEN, desc = "a run without a request")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "both requests returned false though nothing was queued")
@Outcome(id = ".*, 0", expect = FORBIDDEN, desc = "a request was not served by a run that started after it (or runs did not end within the timeout)")
@Outcome(expect = FORBIDDEN, desc = "any other count")
@State
public class DpcCoalescingTest {

    private static final CoalescingArena ARENA = new CoalescingArena();
    private static final Interrupt INTERRUPT = Fixture.start("coalesce-dpc", VerifierMode.THROW,
            InterruptConfig.builder((i, m) -> true).dpc((i, o) -> ARENA.onRun())).interrupt;

    private final CoalescingProbe probe = new CoalescingProbe();

    @Actor
    public void requester1() {
        ARENA.request(probe, 0, INTERRUPT, false);
    }

    @Actor
    public void requester2() {
        ARENA.request(probe, 1, INTERRUPT, false);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        probe.record(r);
    }
}
