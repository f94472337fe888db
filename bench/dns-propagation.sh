#!/usr/bin/env bash
# A propagation check over several DNS servers should cost about the slowest server's time, not the sum.
# Builds the test classes and runs io.mailferry.dns.PropagationBench, which prints its figures and the ratios
# against references measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.mailferry.dns.PropagationBench
