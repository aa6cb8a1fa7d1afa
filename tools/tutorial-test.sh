#!/usr/bin/env bash
# Runs the tutorial docs/writing-a-driver.md as a user would: installs the irq4j artifacts into the
# local Maven repository, builds the tutorial's project (docs/writing-a-driver/tick-driver) in a
# temporary copy against them, runs its simulator test, then runs its driver on a real timerfd and
# checks the counters it prints, then runs it through the launcher (`./irq4j run --classpath`).
# Exits non-zero after the checks if one failed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
mvn_() { MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -B -ntp -q "$@"; }

echo "tutorial test (docs/writing-a-driver.md):"
mvn_ install -DskipTests -Dirq4j.skipChecks=true -pl irq4j-core,irq4j-sim,irq4j-linux -am -f "$root/pom.xml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/docs/writing-a-driver/tick-driver" "$work/"
cd "$work/tick-driver"

# The commands of the tutorial, as written there.
mvn_ verify
echo "  ok   mvn verify: TickDriverTest passed on the simulator"
mvn_ dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt
out=$("$java" --enable-native-access=ALL-UNNAMED -cp "target/classes:$(cat target/classpath.txt)" com.example.tick.RunOnTimerFd)
echo "  run  $out"

field() { printf '%s\n' "$out" | grep -o "$1=[0-9]*" | cut -d= -f2; }
ticks=$(field ticks) isr=$(field isrCalls) claimed=$(field claimed) dpc=$(field dpcRuns)
fails=0
expect() { if eval "$2"; then echo "  ok   $1"; else echo "  FAIL $1 ($out)" >&2; fails=$((fails + 1)); fi; }
expect "the timerfd ticked for a second (ISR calls + overruns >= 900 at 1 ms)" '[ $(( ${isr:-0} + $(field overruns) )) -ge 900 ]'
expect "one tick per ISR call, every call claimed" '[ "$ticks" = "$isr" ] && [ "$claimed" = "$isr" ]'
expect "the DPC ran, at most once per tick" '[ "${dpc:-0}" -ge 1 ] && [ "$dpc" -le "$isr" ]'
expect "no violation, no fault" 'printf "%s" "$out" | grep -q "violations=0 faults=0"'

# "From the command line": the same driver through the launcher, with --classpath, as the tutorial shows.
cli=$("$root/irq4j" run --classpath target/classes --driver com.example.tick.TickDriver --device timerfd:1ms --duration 1s --json 2>/dev/null) \
  && cli_rc=0 || cli_rc=$?
out=$cli   # what a failed check prints
cli_isr=$(printf '%s' "$cli" | grep -o '"isrCalls":[0-9]*' | head -n1 | cut -d: -f2)
expect "./irq4j run --classpath target/classes --driver com.example.tick.TickDriver: exit 0, clean, ISR calls" \
  '[ "$cli_rc" = 0 ] && printf "%s" "$cli" | grep -q "\"clean\":true" && [ "${cli_isr:-0}" -ge 1 ]'
[ "$fails" -eq 0 ] || { echo "tutorial test FAILED: $fails check(s)" >&2; exit 1; }
echo "tutorial test: OK"
