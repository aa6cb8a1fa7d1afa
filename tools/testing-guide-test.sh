#!/usr/bin/env bash
# Runs the guide docs/testing-drivers.md as a user would: installs the irq4j artifacts (irq4j-test
# and what it needs) into the local Maven repository, makes a new Maven project from the guide's
# pom.xml (cut from the guide itself) and the example's sources (irq4j-test/src/test/java/com/example/sensor,
# whose snippets TestingDriversGuideTest checks against the guide), runs `mvn test` there and checks
# what the guide promises: the broken driver fails at the seed the guide shows, its @Replay fails the
# same way, the fixed driver passes every seed. Exits non-zero if a check failed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mvn_() { MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -B -ntp "$@"; }
guide="$root/docs/testing-drivers.md"
seed=$(grep -o 'static final long GUIDE_SEED = [0-9]*' "$root/irq4j-test/src/test/java/io/github/irq4j/test/TestingDriversGuideTest.java" | grep -o '[0-9]*$')

echo "testing guide test (docs/testing-drivers.md):"
mvn_ -q install -DskipTests -Dirq4j.skipChecks=true -pl irq4j-test -am -f "$root/pom.xml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project="$work/sensor-driver"
mkdir -p "$project/src/test/java/com/example/sensor"
# the first xml block after "## 1. The project" is the project's pom.xml
awk '/^## 1\. The project/{f=1} f&&/^```xml/{g=1;next} g&&/^```/{exit} g' "$guide" > "$project/pom.xml"
[ -s "$project/pom.xml" ] || { echo "  FAIL no pom.xml block under '## 1. The project' in $guide" >&2; exit 1; }
cp "$root"/irq4j-test/src/test/java/com/example/sensor/*.java "$project/src/test/java/com/example/sensor/"
cd "$project"
# the broken driver's tests fail, by design: the build fails; the reports say how
mvn_ test > "$work/mvn.log" 2>&1 || true
reports="$project/target/surefire-reports"
fails=0
expect() { if eval "$2"; then echo "  ok   $1"; else echo "  FAIL $1 (see the log below)" >&2; fails=$((fails + 1)); fi; }
attr() { grep -o "$2=\"[0-9]*\"" "$reports/TEST-com.example.sensor.$1.xml" 2>/dev/null | head -n1 | grep -o '[0-9]*'; }
expect "FixedSensorDriverTest: every seed passes (200 tests, none failed)" \
  '[ "$(attr FixedSensorDriverTest tests)" = 200 ] && [ "$(attr FixedSensorDriverTest failures)" = 0 ] && [ "$(attr FixedSensorDriverTest errors)" = 0 ]'
expect "SensorDriverTest: seeds 1..$seed run, seed $seed fails with its replay hint" \
  '[ "$(attr SensorDriverTest tests)" = "$seed" ] && [ "$(attr SensorDriverTest failures)" = 1 ] && grep -q "seed $seed failed" "$reports/TEST-com.example.sensor.SensorDriverTest.xml" && grep -q "@Replay(seed = $seed)" "$reports/TEST-com.example.sensor.SensorDriverTest.xml"'
expect "SensorDriverReplayTest: @Replay(seed = $seed) fails the same way" \
  '[ "$(attr SensorDriverReplayTest tests)" = 1 ] && [ "$(attr SensorDriverReplayTest failures)" = 1 ] && grep -q "seed $seed failed" "$reports/TEST-com.example.sensor.SensorDriverReplayTest.xml"'
if [ "$fails" -ne 0 ]; then
  tail -n 60 "$work/mvn.log" >&2
  echo "testing guide test FAILED: $fails check(s)" >&2
  exit 1
fi
echo "testing guide test: OK"
