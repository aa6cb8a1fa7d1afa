#!/usr/bin/env bash
# The documentation check, run by `./irq4j test`: fails, naming file and line, on a WDF reference
# page cited by number instead of by name, on a "SPEC x.y" citation with no heading in
# docs/SPEC.md, on a relative Markdown link to a missing file, and on a tutorial code block that
# differs from the file it shows (see tools/CheckDocs.java). With --tutorial it then builds and
# runs the tutorial's project as a user would (tools/tutorial-test.sh), and the testing guide's
# project as a new Maven project (tools/testing-guide-test.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
case "${1:-}" in
  ""|--tutorial) ;;
  *) echo "usage: tools/check-docs.sh [--tutorial]" >&2; exit 2 ;;
esac
"$java" "$root/tools/CheckDocs.java" --self-test
"$java" "$root/tools/CheckDocs.java" "$root"
if [ "${1:-}" = "--tutorial" ]; then
  "$root/tools/tutorial-test.sh"
  "$root/tools/testing-guide-test.sh"
fi
