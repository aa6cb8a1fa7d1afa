#!/usr/bin/env bash
# Fetches the verifier's evaluation corpus (ten lock-heavy jars from Maven Central) into a cache
# directory outside the repository, then runs irq4j-verify and SpotBugs FindUnreleasedLock on the
# same jars in one JVM (io.github.irq4j.bench.verify.VerifierBenchmark), alternating the two tools on
# each jar in each run, and prints each run's times, per jar the findings of both tools (every
# SpotBugs warning with its type and line), and, last, the per-tool medians (wall and CPU time) and
# the ratios. The full output is also written to CACHE_DIR/verify-corpus.log.
#
#   tools/verify-corpus.sh [CACHE_DIR] [warmups] [runs]     (default ~/.cache/irq4j/verify-corpus, 1, 5)
#   tools/verify-corpus.sh --fetch-only [CACHE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
fetch_only=false
if [[ "${1:-}" == "--fetch-only" ]]; then fetch_only=true; shift; fi
cache="${1:-$HOME/.cache/irq4j/verify-corpus}"
warmups="${2:-1}"
runs="${3:-5}"
ARTIFACTS=(
  com.google.guava:guava:33.5.0-jre
  org.eclipse.jetty:jetty-util:12.0.16
  com.github.ben-manes.caffeine:caffeine:3.2.0
  org.apache.kafka:kafka-clients:3.9.0
  org.apache.commons:commons-pool2:2.12.0
  org.apache.logging.log4j:log4j-core:2.24.3
  org.ehcache:ehcache:3.10.8
  io.netty:netty-common:4.1.115.Final
  com.zaxxer:HikariCP:6.2.1
  org.jctools:jctools-core:4.0.5
)
mkdir -p "$cache"
for a in "${ARTIFACTS[@]}"; do
  IFS=: read -r g id v <<<"$a"
  if [[ ! -f "$cache/$id-$v.jar" ]]; then
    echo "fetching $a" >&2
    mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="$a" -DoutputDirectory="$cache" \
      -Dmdep.overWriteIfNewer=true >&2
  fi
done
if $fetch_only; then ls "$cache"/*.jar; exit 0; fi
mvn -B -q -ntp -pl irq4j-bench -am install -DskipTests >&2
mvn -B -q -ntp -pl irq4j-bench dependency:build-classpath -Dmdep.outputFile="$cache/bench.classpath" >&2
jars=()
for a in "${ARTIFACTS[@]}"; do IFS=: read -r g id v <<<"$a"; jars+=("$cache/$id-$v.jar"); done
log="$cache/verify-corpus.log"
java -cp "irq4j-bench/target/classes:$(cat "$cache/bench.classpath")" io.github.irq4j.bench.verify.VerifierBenchmark \
  --warmups "$warmups" --runs "$runs" "${jars[@]}" | tee "$log"
echo "--- summary (full output in $log)"
grep -E '^(input:|run [0-9]+:|irq4j-verify: |SpotBugs FindUnreleasedLock: |ratio )' "$log"
