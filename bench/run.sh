#!/usr/bin/env bash
# Performance benchmark: the packaged harvester (java -jar, default JVM options) against loopback stubs
# with injected latency, on a generated portal that looks like a real one. Prints the machine, then medians
# per scenario, with the requests sent to ODS and to udata; see README.md, "Benchmark".
#
#   bench/run.sh                       # 5,000 datasets, 5 runs: cpu, default, reharvest, internet, c1, legacy
#   bench/run.sh --big                 # and a 50,000-dataset harvest with -Xmx256m (about 3 more minutes)
#   bench/run.sh --runs=1 --size=500 --scenarios=cpu,internet --thread-cpu
#   bench/run.sh --launcher --scenarios=cpu,reharvest,changed50   # as jobs/ods-harvester.sh launches it
#
# Options are described in src/test/java/org/odsharvester/bench/Benchmark.java. Works online and offline
# (MVNW_OPTS=-o): the classpath comes from the dependency plugin when Maven can resolve it, else from the
# test classpath the compiler plugin was given (Maven's debug output), so nothing has to be downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

# the jar under test, and the test classes (the stubs live in the test sources)
./mvnw -q ${MVNW_OPTS:-} -DskipTests package

# The benchmark's classpath: test scope. The dependency plugin needs its own dependencies, which an offline
# machine may not hold; the compiler plugin's testPath is the same list, and the build above needed it.
classpath_file=target/bench-classpath.txt
rm -f "$classpath_file"
if ! ./mvnw -q ${MVNW_OPTS:-} dependency:build-classpath -Dmdep.outputFile="$classpath_file" \
        -Dmdep.includeScope=test >target/bench-classpath.log 2>&1; then
    echo "bench/run.sh: dependency:build-classpath failed (offline?), taking the test classpath from the build" >&2
    ./mvnw -X ${MVNW_OPTS:-} test-compile >target/bench-classpath.log 2>&1 || {
        tail -20 target/bench-classpath.log >&2; exit 1; }
    # one line: "[DEBUG]   (f) testPath = [/…/target/test-classes, /…/target/classes, /…/x.jar, …]"
    sed -n 's/^\[DEBUG\] *(f) testPath = \[\(.*\)\]$/\1/p' target/bench-classpath.log | head -1 \
        | sed 's/, /:/g' >"$classpath_file"
fi
classpath=$(cat "$classpath_file")
if [ -z "$classpath" ]; then
    echo "bench/run.sh: could not find the test classpath (see target/bench-classpath.log)" >&2
    exit 1
fi
IFS=: read -r -a entries <<<"$classpath"
for entry in "${entries[@]}"; do
    [ -e "$entry" ] || { echo "bench/run.sh: classpath entry $entry does not exist" >&2; exit 1; }
done

# The stubs stand for servers on other machines: C1 only keeps their CPU use small on a small machine.
# The harvester itself is launched as a user would, with the JVM's defaults (add --jvm-options=... to vary).
exec java -Xmx3g -XX:TieredStopAtLevel=1 \
    -cp "target/test-classes:target/classes:$classpath" \
    org.odsharvester.bench.Benchmark "$@"
