#!/usr/bin/env bash
# Smoke test of the main job, run by `./irq4j test` after the Maven suite: `./irq4j demo
# --duration 2 --json`, then checks of its report. Exits non-zero on the first failed check.
set -euo pipefail
launcher=${1:?usage: demo-smoke.sh PATH_TO_IRQ4J}
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

if ! "$launcher" demo --duration 2 --json >"$out" 2>"$err"; then
  echo "demo smoke test FAILED: ./irq4j demo exited non-zero; its stderr:" >&2
  cat "$err" >&2
  exit 1
fi

json=$(cat "$out")
# The first number after "KEY": in the report (the demo has one interrupt and one queue).
num() { printf '%s' "$json" | grep -o "\"$1\":[0-9][0-9]*" | head -n1 | cut -d: -f2; }

fails=0
expect() { # description, condition
  if eval "$2"; then
    echo "  ok   $1"
  else
    echo "  FAIL $1" >&2
    fails=$((fails + 1))
  fi
}

echo "demo smoke test (./irq4j demo --duration 2 --json):"
isr=$(num isrCalls); claimed=$(num claimed); work=$(num workItemRuns); completed=$(num completed)
expect "the ISR ran (isrCalls=${isr:-none})" '[ "${isr:-0}" -gt 0 ]'
expect "every ISR call claimed its interrupt (claimed=${claimed:-none})" '[ "${claimed:-0}" -eq "${isr:-0}" ]'
expect "work items ran (workItemRuns=${work:-none})" '[ "${work:-0}" -gt 0 ]'
expect "read requests completed (completed=${completed:-none})" '[ "${completed:-0}" -gt 0 ]'
dpc=$(num driver.dpcRuns)
expect "the companion's DPCs ran (driver.dpcRuns=${dpc:-none})" '[ "${dpc:-0}" -gt 0 ]'
# The demo reports two drivers (the UART driver and its DPC companion); every report must be clean.
expect "no verifier violation in any report" '! printf "%s" "$json" | grep -q "\"violations\":\[{"'
expect "no fault in any report" '! printf "%s" "$json" | grep -q "\"faults\":\[{"'
expect "both reports say clean" '[ "$(printf "%s" "$json" | grep -o "\"clean\":true" | wc -l)" -eq 2 ] && ! printf "%s" "$json" | grep -q "\"clean\":false"'
if [ "$fails" -ne 0 ]; then
  echo "demo smoke test FAILED ($fails checks); the report was:" >&2
  printf '%s\n' "$json" >&2
  exit 1
fi
echo "demo smoke test OK"
