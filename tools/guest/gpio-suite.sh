#!/usr/bin/env bash
# The gpio device suite on its own: builds (or reuses) the test guest, boots it, runs
# GpioDeviceSuite in it (tools/guest/gpio-job.sh) and prints "gpio: N passed, M failed".
# ./irq4j device-test runs the same job in its one boot with the other suites; this script is for
# running the gpio suite alone. Exits non-zero on any failure or a guest that did not finish
# within IRQ4J_GUEST_TIMEOUT seconds (default 1200).
# Usage: tools/guest/gpio-suite.sh ROOT JAVA_HOME
set -euo pipefail
ROOT=$1 JDK=$2
HERE="$ROOT/tools/guest"
say() { printf 'gpio: %s\n' "$*" >&2; }
started=$(date +%s)
GUEST=$("$HERE/build.sh")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/irq4j-gpio.XXXXXX")
trap '[ -n "${IRQ4J_KEEP_GUEST_WORK:-}" ] || rm -rf "$WORK"' EXIT
{ echo "set -e"; "$HERE/gpio-job.sh" "$ROOT" "$JDK"; } > "$WORK/job.sh"
rc=0
# One edu device: the guest's init binds edu devices and expects at least one.
"$HERE/run.sh" "$GUEST" "$WORK" "${IRQ4J_GUEST_TIMEOUT:-1200}" 1 || rc=$?
out="$WORK/gpio.out"
grep -E '^(PASS|FAIL|FIGURE|INFO)' "$out" >&2 2>/dev/null || true
line=$(grep -E '^gpio: [0-9]+ passed, [0-9]+ failed$' "$out" 2>/dev/null | tail -1 || true)
say "boot + suite $(( $(date +%s) - started )) s"
if [ -z "$line" ]; then
  say "the suite did not finish (guest status $rc); its output and the console follow"
  tail -40 "$out" >&2 2>/dev/null || true
  tail -20 "$WORK/console.log" >&2 2>/dev/null || true
  echo "gpio: 0 passed, 1 failed"
  exit 1
fi
echo "$line"
case "$line" in *" 0 failed") [ "$rc" -eq 0 ] ;; *) exit 1 ;; esac
