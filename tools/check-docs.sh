#!/usr/bin/env bash
# The documentation check, run by `./irq4j test`: fails, naming file and line, on a WDF reference
# page cited by number instead of by name, on a "SPEC x.y" citation with no heading in
# docs/SPEC.md, and on a relative Markdown link to a missing file. See tools/CheckDocs.java.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java" "$root/tools/CheckDocs.java" --self-test
"$java" "$root/tools/CheckDocs.java" "$root"
