#!/usr/bin/env bash
# Prints the part of a guest job (tools/guest/run.sh's job.sh) that runs the gpio device suite:
# GpioDeviceSuite (irq4j-samples' test classes) in its own JVM, on gpio-sim, which the guest loads
# (tools/guest/gpio-sim-module.sh) and configures through configfs. Its own JVM because the
# suite measures allocation per event in steady state, which needs C2 (no -XX:TieredStopAtLevel=1).
# -Dirq4j.launcher names the checkout's ./irq4j, for the test that runs the encoder driver with
# ./irq4j run (IRQ4J_NO_BUILD=1: the guest's root is read-only).
# The suite's output goes to /tmp/work/gpio.out; its last lines are "SUITE gpio N M" and
# "gpio: N passed, M failed".
# Usage: tools/guest/gpio-job.sh ROOT JAVA_HOME  (ROOT = the checkout, built with mvn install -DskipTests)
set -euo pipefail
ROOT=$1 JDK=$2
CP=
for d in irq4j-core/target/classes irq4j-sim/target/classes irq4j-linux/target/classes \
         irq4j-samples/target/classes irq4j-samples/target/test-classes; do
  [ -d "$ROOT/$d" ] || { echo "gpio: $ROOT/$d is missing (run mvn install -DskipTests first)" >&2; exit 2; }
  CP=${CP:+$CP:}$ROOT/$d
done
[ -f "$ROOT/irq4j-samples/target/test-classes/io/github/irq4j/samples/GpioDeviceSuite.class" ] \
  || { echo "gpio: GpioDeviceSuite is not compiled (mvn install -DskipTests compiles test classes; -Dmaven.test.skip does not)" >&2; exit 2; }
# The suite also runs the encoder sample through the launcher (./irq4j run), which needs the CLI jar.
ls "$ROOT"/irq4j-cli/target/irq4j-cli-*.jar >/dev/null 2>&1 && [ -d "$ROOT/irq4j-cli/target/lib" ] \
  || { echo "gpio: the command line is not built ($ROOT/irq4j-cli/target; run mvn install -DskipTests first)" >&2; exit 2; }
cat <<JOB
"$JDK/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -Dirq4j.launcher="$ROOT/irq4j" -cp "$CP" \\
  io.github.irq4j.samples.GpioDeviceSuite > /tmp/work/gpio.out 2>&1 || echo "gpio suite exit status \$?" >> /tmp/work/gpio.out
JOB
