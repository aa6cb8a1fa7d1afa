#!/usr/bin/env bash
# ./irq4j device-test: builds (or reuses) the test guest, boots it once with three edu devices
# (one on uio_pci_generic, two on vfio-pci: INTx and MSI) and runs the device test program
# (irq4j-device-test, from this checkout's build) in one JVM inside it. Prints one line per suite,
# then "device tests: N passed, M failed"; exits non-zero on any failure, a missing package, or a
# guest that did not finish within the time limit (IRQ4J_GUEST_TIMEOUT seconds, default 1500: the uio, vfio and gpio suites; the gpio suite measures allocation until C2 has compiled the dispatch path, which takes minutes under TCG).
# Usage: tools/guest/device-test.sh ROOT JAVA_HOME
set -euo pipefail
ROOT=$1 JDK=$2
HERE="$ROOT/tools/guest"
say() { printf 'device-test: %s\n' "$*" >&2; }
JAR=$(ls "$ROOT"/irq4j-device-test/target/irq4j-device-test-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1 || true)
[ -n "$JAR" ] && [ -d "$ROOT/irq4j-device-test/target/lib" ] \
  || { say "irq4j-device-test is not built (run mvn install -DskipTests first)"; exit 2; }
# The gpio suite's part of the job (its own JVM; tools/guest/gpio-job.sh checks it is built).
GPIO_JOB=$("$HERE/gpio-job.sh" "$ROOT" "$JDK") || exit 2
started=$(date +%s)
GUEST=$("$HERE/build.sh")
built=$(date +%s)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/irq4j-device-test.XXXXXX")
keep=${IRQ4J_KEEP_GUEST_WORK:-}
trap '[ -n "$keep" ] || rm -rf "$WORK"' EXIT
# The guest mounts a tmpfs over /tmp (the host's root is shared read-only), which hides a checkout
# under /tmp, as a CI clone may be: then the build outputs the job needs are copied into the work
# folder, which the guest sees at /tmp/work, and the job uses them from there.
GROOT=$ROOT
case "$ROOT/" in
  /tmp/*)
    (cd "$ROOT" && for d in irq4j-*/target; do
       mkdir -p "$WORK/project/$d"
       for x in classes test-classes lib; do [ -d "$d/$x" ] && cp -a "$d/$x" "$WORK/project/$d/"; done
       for j in "$d"/*.jar; do [ -f "$j" ] && cp -a "$j" "$WORK/project/$d/"; done
     done
     cp -a irq4j "$WORK/project/")   # the launcher, which the gpio suite runs (./irq4j run)
    GROOT=/tmp/work/project
    JAR="$GROOT/${JAR#"$ROOT"/}"
    GPIO_JOB=${GPIO_JOB//"$ROOT/"/"$GROOT/"}
    ;;
esac
# The job runs inside the guest, chrooted into the host's root (read-only), with /tmp a tmpfs and
# the work folder at /tmp/work.
cat > "$WORK/job.sh" <<JOB
set -e
. /tmp/work/guest.env
args=""
[ -n "\${EDU_UIO:-}" ] && args="\$args --uio \$EDU_UIO"
[ -n "\${EDU_VFIO1:-}" ] && args="\$args --vfio \$EDU_VFIO1"
[ -n "\${EDU_VFIO2:-}" ] && args="\$args --vfio-msi \$EDU_VFIO2"
ulimit -l unlimited 2>/dev/null || true
edu_rc=0
"$JDK/bin/java" -Dirq4j.deviceTest.waitSeconds=${IRQ4J_DEVICE_TEST_WAIT:-60} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto --enable-native-access=ALL-UNNAMED \
  -cp "$JAR:$GROOT/irq4j-device-test/target/lib/*" io.github.irq4j.devicetest.DeviceTests \$args || edu_rc=\$?
$GPIO_JOB
exit \$edu_rc
JOB
rc=0
"$HERE/run.sh" "$GUEST" "$WORK" "${IRQ4J_GUEST_TIMEOUT:-1500}" 3 || rc=$?
ended=$(date +%s)
out="$WORK/job.out"
if [ -f "$out" ]; then
  grep -E '^(CHECK .* FAIL|    at |LATENCY|INFO|DIAG)' "$out" >&2 || true
fi
# The gpio suite (tools/guest/gpio-job.sh) writes its own file.
gpio_out="$WORK/gpio.out"
grep -E '^(FAIL|FIGURE|INFO)' "$gpio_out" >&2 2>/dev/null || true
passed=0 failed=0
for suite in uio vfio gpio; do
  line=$(cat "$out" "$gpio_out" 2>/dev/null | grep -E "^SUITE $suite " | tail -1 || true)
  if [ -z "$line" ]; then
    echo "$suite: 0 passed, 1 failed (the suite did not run; see below)"
    failed=$((failed + 1))
    continue
  fi
  set -- $line
  echo "$suite: $3 passed, $4 failed"
  passed=$((passed + $3)); failed=$((failed + $4))
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
if [ "$failed" -ne 0 ] || [ "$rc" -ne 0 ]; then
  say "guest exit status $rc; console and job output follow"
  tail -40 "$WORK/console.log" >&2 2>/dev/null || true
  [ -f "$out" ] && tail -60 "$out" >&2
  [ -f "$gpio_out" ] && grep -v '^\s*at ' "$gpio_out" | tail -40 >&2
fi
say "guest build/cache $((built - started)) s, boot + tests $((ended - built)) s"
echo "device tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
