package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SPEC 2.3, 2.6, 2.7 and 3: the power sequence, enable/disable, shared lines, faults, nobody cared. */
class PowerAndDispatchTest {

    private static InterruptConfig recorded(List<String> log, String name, boolean failEnable) {
        return InterruptConfig.builder((x, m) -> true).name(name)
                .onEnable((x, d) -> {
                    log.add(name + ".onEnable@" + Irql.current());
                    if (failEnable) {
                        throw new IllegalStateException("device did not answer");
                    }
                })
                .onDisable((x, d) -> log.add(name + ".onDisable@" + Irql.current()))
                .build();
    }

    private static PnpPowerCallbacks recording(List<String> log) {
        return new PnpPowerCallbacks() {
            @Override public void onPrepareHardware(Device d, List<Resource> r) { log.add("onPrepareHardware"); }
            @Override public void onReleaseHardware(Device d) { log.add("onReleaseHardware"); }
            @Override public void onD0Entry(Device d, DevicePowerState s) { log.add("onD0Entry"); }
            @Override public void onD0EntryPostInterruptsEnabled(Device d, DevicePowerState s) { log.add("onD0EntryPostInterruptsEnabled"); }
            @Override public void onD0ExitPreInterruptsDisabled(Device d, DevicePowerState s) { log.add("onD0ExitPreInterruptsDisabled"); }
            @Override public void onD0Exit(Device d, DevicePowerState s) { log.add("onD0Exit"); }
        };
    }

    @Test
    void powerUpInCreationOrderAndDownInReverse() {
        try (Rig rig = new Rig()) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED)), d -> {
                d.setPnpPowerCallbacks(recording(log));
                d.createInterrupt(recorded(log, "a", false));
                d.createInterrupt(recorded(log, "b", false));
            });
            rig.host.start(rig.device);
            assertThat(rig.device.state()).isEqualTo(DeviceState.STARTED);
            rig.host.stop(rig.device);
            assertThat(rig.device.state()).isEqualTo(DeviceState.STOPPED);
            assertThat(log).containsExactly("onPrepareHardware", "onD0Entry", "a.onEnable@DIRQL(0)", "b.onEnable@DIRQL(1)",
                    "onD0EntryPostInterruptsEnabled", "onD0ExitPreInterruptsDisabled", "b.onDisable@DIRQL(1)",
                    "a.onDisable@DIRQL(0)", "onD0Exit", "onReleaseHardware");
            // Stopped devices start again.
            log.clear();
            rig.host.start(rig.device);
            assertThat(log).startsWith("onPrepareHardware", "onD0Entry");
        }
    }

    @Test
    void aFailingOnEnableStopsPowerUpLeavesItConnectedButNotEnabledAndPowersDownTheRest() {
        try (Rig rig = new Rig()) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            Interrupt[] made = new Interrupt[3];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED),
                    rig.line(2, InterruptMode.LATCHED)), d -> {
                d.setPnpPowerCallbacks(recording(log));
                made[0] = d.createInterrupt(recorded(log, "a", false));
                made[1] = d.createInterrupt(recorded(log, "b", true));
                made[2] = d.createInterrupt(recorded(log, "c", false));
            });
            DriverCallbackException e = catchThrowableOfType(DriverCallbackException.class, () -> rig.host.start(rig.device));
            assertThat(e.callback()).isEqualTo("onEnable of interrupt 'b'");
            assertThat(e.getCause()).hasMessage("device did not answer");
            assertThat(rig.device.state()).isEqualTo(DeviceState.FAILED);
            assertThat(log).containsExactly("onPrepareHardware", "onD0Entry", "a.onEnable@DIRQL(0)", "b.onEnable@DIRQL(1)",
                    "onD0ExitPreInterruptsDisabled", "a.onDisable@DIRQL(0)", "onD0Exit", "onReleaseHardware");
            assertThat(rig.host.faults()).anyMatch(f -> f.kind() == Fault.Kind.CALLBACK_EXCEPTION);
        }
    }

    @Test
    void powerDownErrorsAreReportedAndDoNotStopIt() {
        try (Rig rig = new Rig()) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED)), d -> {
                d.setPnpPowerCallbacks(new PnpPowerCallbacks() {
                    @Override public void onD0ExitPreInterruptsDisabled(Device x, DevicePowerState s) { throw new IllegalStateException("pre"); }
                    @Override public void onD0Exit(Device x, DevicePowerState s) { log.add("onD0Exit"); }
                });
                d.createInterrupt(InterruptConfig.builder((x, m) -> true).onDisable((x, dev) -> {
                    log.add("onDisable");
                    throw new IllegalStateException("stuck");
                }).build());
            });
            rig.host.start(rig.device);
            rig.host.stop(rig.device);
            assertThat(log).containsExactly("onDisable", "onD0Exit");
            assertThat(rig.device.state()).isEqualTo(DeviceState.STOPPED);
            assertThat(rig.host.faults()).hasSize(2);
        }
    }

    @Test
    void disableStopsTheIsrAndPowerUpDoesNotReconnectUntilEnable() {
        try (Rig rig = new Rig()) {
            AtomicInteger isr = new AtomicInteger();
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> {
                isr.incrementAndGet();
                return true;
            }));
            rig.source.fire(0);
            Rig.await("ISR ran", () -> isr.get() == 1);
            i.disable();
            rig.source.fire(0);
            rig.source.fire(0);
            // The edges reach the line but not the ISR.
            Rig.await("signals counted", () -> i.statistics().signals() + i.statistics().coalesced() >= 2);
            assertThat(isr.get()).isEqualTo(1);
            rig.host.stop(rig.device);
            rig.host.start(rig.device);
            rig.source.fire(0);
            assertThat(i.statistics().isrCalls()).isEqualTo(1);
            i.enable();
            rig.source.fire(0);
            // The edge fired before enable() waits at the source for the new connection, whose first
            // poll takes it either before onEnable (no ISR: counted lost) or, on a slow dispatch
            // thread, after it (the ISR runs): so 2 or 3 calls. Waiting for exactly 2 missed a quick
            // 1 -> 2 -> 3 in CI.
            Rig.await("ISR runs again", () -> isr.get() >= 2);
            assertThat(isr.get()).isBetween(2, 3);
        }
    }

    @Test
    void enableFailureKeepsTheInterruptConnectedButNotEnabled() {
        try (Rig rig = new Rig()) {
            boolean[] fail = {false};
            AtomicInteger isr = new AtomicInteger();
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> {
                isr.incrementAndGet();
                return true;
            }).onEnable((x, d) -> {
                if (fail[0]) {
                    throw new IllegalStateException("no");
                }
            }));
            i.disable();
            fail[0] = true;
            DriverCallbackException e = catchThrowableOfType(DriverCallbackException.class, i::enable);
            assertThat(e).hasMessageContaining("stays connected but not enabled");
            assertThatThrownBy(i::acquireLock).isInstanceOf(VerifierViolation.class);
            fail[0] = false;
            i.enable();
            rig.source.fire(0);
            Rig.await("ISR after enable", () -> isr.get() == 1);
        }
    }

    @Test
    void aLevelSharedLineStopsAtTheFirstClaim() {
        try (Rig rig = new Rig()) {
            List<String> calls = Collections.synchronizedList(new ArrayList<>());
            InterruptResource shared = rig.line(0, InterruptMode.LEVEL_SENSITIVE).withShareDisposition(ShareDisposition.SHARED);
            Device a = rig.host.addDevice("a", d -> d.createInterrupt(InterruptConfig.builder((x, m) -> {
                calls.add("a");
                return false;
            }).build()), List.of(shared));
            Device b = rig.host.addDevice("b", d -> d.createInterrupt(InterruptConfig.builder((x, m) -> {
                calls.add("b");
                rig.source.deassertLine(0); // b's device quiets the line
                return true;
            }).build()), List.of(shared));
            Device c = rig.host.addDevice("c", d -> d.createInterrupt(InterruptConfig.builder((x, m) -> {
                calls.add("c");
                return true;
            }).build()), List.of(shared));
            rig.host.start(a);
            rig.host.start(b);
            rig.host.start(c);
            rig.source.assertLine(0);
            Rig.await("line handled", () -> b.interrupts().get(0).statistics().claimed() == 1);
            assertThat(calls).containsExactly("a", "b");
        }
    }

    @Test
    void anEdgeSharedLineRepeatsUntilAPassWhereNobodyClaims() {
        try (Rig rig = new Rig()) {
            List<String> calls = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger aPending = new AtomicInteger(2);
            InterruptResource shared = rig.line(1, InterruptMode.LATCHED).withShareDisposition(ShareDisposition.SHARED);
            Device a = rig.host.addDevice("a", d -> d.createInterrupt(InterruptConfig.builder((x, m) -> {
                calls.add("a");
                return aPending.getAndUpdate(v -> Math.max(0, v - 1)) > 0;
            }).build()), List.of(shared));
            Device b = rig.host.addDevice("b", d -> d.createInterrupt(InterruptConfig.builder((x, m) -> {
                calls.add("b");
                return false;
            }).build()), List.of(shared));
            rig.host.start(a);
            rig.host.start(b);
            rig.source.fire(1);
            Rig.await("three passes", () -> calls.size() == 6);
            assertThat(calls).containsExactly("a", "b", "a", "b", "a", "b");
        }
    }

    /** An ISR that claims one signal per {@code pending.incrementAndGet()} and counts its calls. */
    private static InterruptConfig claimingOnce(AtomicInteger pending, AtomicInteger calls) {
        return InterruptConfig.builder((x, m) -> {
            calls.incrementAndGet();
            return pending.getAndUpdate(v -> Math.max(0, v - 1)) > 0;
        }).build();
    }

    @Test
    void aOneLineSourceDispatchesToWhicheverInterruptsAreConnectedAsDevicesComeAndGo() {
        // Dispatch takes a shortcut when one interrupt is connected and the source has one line;
        // every change of the connected set must reach it: one, two, the other one, none, a new one.
        try (Rig rig = new Rig(Host.builder(), 1)) {
            InterruptResource line = rig.line(0, InterruptMode.LATCHED).withShareDisposition(ShareDisposition.SHARED);
            AtomicInteger aPending = new AtomicInteger();
            AtomicInteger bPending = new AtomicInteger();
            AtomicInteger cPending = new AtomicInteger();
            AtomicInteger aCalls = new AtomicInteger();
            AtomicInteger bCalls = new AtomicInteger();
            AtomicInteger cCalls = new AtomicInteger();
            Device a = rig.host.addDevice("a", d -> d.createInterrupt(claimingOnce(aPending, aCalls)), List.of(line));
            Device b = rig.host.addDevice("b", d -> d.createInterrupt(claimingOnce(bPending, bCalls)), List.of(line));
            rig.host.start(a);
            aPending.incrementAndGet();
            rig.source.fire(0);
            Rig.await("a alone claimed", () -> a.interrupts().get(0).statistics().claimed() == 1);
            assertThat(bCalls).hasValue(0);

            rig.host.start(b);
            bPending.incrementAndGet();
            rig.source.fire(0);
            Rig.await("b claimed beside a", () -> b.interrupts().get(0).statistics().claimed() == 1);

            rig.host.stop(a);
            int aBefore = aCalls.get();
            bPending.incrementAndGet();
            rig.source.fire(0);
            Rig.await("b alone claimed", () -> b.interrupts().get(0).statistics().claimed() == 2);
            assertThat(aCalls).hasValue(aBefore);

            rig.host.stop(b);
            rig.host.remove(a);
            rig.host.remove(b);
            Device c = rig.host.addDevice("c", d -> d.createInterrupt(claimingOnce(cPending, cCalls)), List.of(line));
            rig.host.start(c);
            cPending.incrementAndGet();
            rig.source.fire(0);
            Rig.await("c, on the line made anew, claimed", () -> c.interrupts().get(0).statistics().claimed() == 1);
            assertThat(aCalls).hasValue(aBefore);
            assertThat(b.interrupts().get(0).statistics().claimed()).isEqualTo(2);
        }
    }

    @Test
    void aLineNobodyCaresAboutIsDisabledAndReported() {
        try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.OFF), 2)) {
            Interrupt[] made = new Interrupt[1];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LEVEL_SENSITIVE)), d ->
                    made[0] = d.createInterrupt(InterruptConfig.builder((x, m) -> false).name("stuck").build()));
            rig.host.start(rig.device);
            rig.source.assertLine(0); // a stuck level line nobody acknowledges
            Rig.await("nobody cared", () -> rig.host.faults().stream().anyMatch(f -> f.kind() == Fault.Kind.NOBODY_CARED));
            assertThat(rig.source.isMasked(0)).isTrue();
            assertThat(made[0].statistics().isrCalls()).isEqualTo(100_000);
            assertThat(rig.host.faults().get(0).message()).contains("nobody cared (100000 of 100000 interrupts unclaimed)");
        }
    }

    @Test
    void anIsrExceptionIsContainedReportedAndFailsTheDevice() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> {
                throw new IllegalStateException("bad register read");
            }).name("boom"));
            rig.source.fire(0);
            Rig.await("device failed", () -> rig.device.state() == DeviceState.FAILED);
            Fault f = rig.host.faults().get(0);
            assertThat(f.kind()).isEqualTo(Fault.Kind.CALLBACK_EXCEPTION);
            assertThat(f.where()).isEqualTo("boom ISR");
            assertThat(f.cause()).hasMessage("bad register read");
            assertThat(i.statistics().isrFaults()).isEqualTo(1);
            assertThat(i.statistics().claimed()).isZero();
        }
    }

    @Test
    void withoutFailOnFaultTheDispatchThreadGoesOn() {
        try (Rig rig = new Rig(Host.builder().restartPolicy(new RestartPolicy(false, 0)), 2)) {
            AtomicInteger calls = new AtomicInteger();
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("first one fails");
                }
                return true;
            }));
            rig.source.fire(0);
            Rig.await("first ISR", () -> calls.get() == 1);
            rig.source.fire(0);
            Rig.await("second ISR claimed", () -> i.statistics().claimed() == 1);
            assertThat(rig.device.state()).isEqualTo(DeviceState.STARTED);
        }
    }

    @Test
    void aBugCheckRestartsTheDriverWhenThePolicyAllows() {
        try (Rig rig = new Rig(Host.builder().restartPolicy(new RestartPolicy(true, 1)), 2)) {
            AtomicInteger d0 = new AtomicInteger();
            Interrupt[] made = new Interrupt[1];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED)), d -> {
                d.setPnpPowerCallbacks(new PnpPowerCallbacks() {
                    @Override public void onD0Entry(Device x, DevicePowerState s) { d0.incrementAndGet(); }
                });
                made[0] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).passiveHandling(true).build());
            });
            rig.host.start(rig.device);
            assertThatThrownBy(made[0]::acquireSpinLock).isInstanceOf(BugCheckException.class);
            Rig.await("restarted", () -> d0.get() == 2 && rig.device.state() == DeviceState.STARTED);
            assertThat(rig.host.faults()).extracting(Fault::kind).contains(Fault.Kind.BUG_CHECK, Fault.Kind.RESTART);
        }
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void everyDispatchModeDeliversEveryEdgeAndStopsPromptly(DispatchMode mode) {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).dispatchMode(mode).hybridSpinNs(10_000));
            for (int n = 0; n < 1000; n++) {
                rig.source.fire(0);
            }
            Rig.await("all edges", () -> i.statistics().signals() + i.statistics().coalesced() == 1000);
            rig.host.stop(rig.device); // joins the dispatch thread: blocked, spinning or hybrid
            assertThat(rig.device.state()).isEqualTo(DeviceState.STOPPED);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("irq4j-isr-test-src"));
        }
    }

    @Test
    void hostCallsCheckTheirArguments() {
        try (Rig rig = new Rig()) {
            rig.add("dev", List.of(), d -> { });
            assertThatThrownBy(() -> rig.host.addDevice("dev", d -> { }, List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name 'dev' is taken");
            DriverCallbackException e = catchThrowableOfType(DriverCallbackException.class,
                    () -> rig.host.addDevice("bad", d -> { throw new java.io.IOException("no firmware"); }, List.of()));
            assertThat(e.callback()).isEqualTo("onDeviceAdd");
            assertThat(rig.host.devices()).extracting(Device::name).containsExactly("dev");
            rig.host.start(rig.device);
            assertThatThrownBy(() -> rig.host.start(rig.device)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in state STARTED");
        }
    }
}
