#!/usr/bin/env bash
# Performance benchmark: the packaged harvester (java -jar, default JVM options) against loopback stubs
# with injected latency. Prints medians per scenario; see README.md, "Performance".
#
#   bench/run.sh                       # 5,000 datasets: default concurrency, re-harvest, concurrency 1, old pattern
#   bench/run.sh --big                 # and a 50,000-dataset harvest with -Xmx256m (about 3 more minutes)
#   bench/run.sh --runs=5 --size=5000 --scenarios=default,reharvest --thread-cpu
#
# Options are described in src/test/java/org/odsharvester/bench/Benchmark.java. Set MVNW_OPTS=-o to build
# offline.
set -euo pipefail
cd "$(dirname "$0")/.."

# the jar under test, and the benchmark's classpath (test scope: the stubs live in the test sources)
./mvnw -q ${MVNW_OPTS:-} -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test

# The stubs stand for servers on other machines: C1 only keeps their CPU use small on a small machine.
# The harvester itself is launched as a user would, with the JVM's defaults (add --jvm-options=... to vary).
exec java -Xmx3g -XX:TieredStopAtLevel=1 \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    org.odsharvester.bench.Benchmark "$@"
