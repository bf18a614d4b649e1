#!/bin/sh
# ods-harvester's launcher for schedulers: `java -jar ods-harvester.jar <options>` with a shorter start-up.
#
#   cd /opt/ods-harvester && jobs/ods-harvester.sh --spring.config.additional-location=file:jobs/sources/opendata-paris.properties
#
# Run it from the directory that holds ods-harvester.jar. At its first launch, and at the first one after the jar
# or the JDK changed, it extracts the jar into fast-start/ (Spring Boot's `-Djarmode=tools extract`) and records a
# class data sharing archive of the classes the harvester loads while it starts (a training run that stops once
# the application context is ready: `-Dspring.context.exit=onRefresh`, Spring Boot's documented way; it talks to
# no server and writes only in a scratch directory). About 10 seconds, once. Every launch then maps those classes
# instead of loading them from the jar: on 5,000 datasets, 1.8 s less start-up and 2 s less CPU per run
# (README.md, "Performance").
#
# The exit code and SIGTERM are the harvester's own (the last step is exec java). If the preparation fails, the
# run goes on from ods-harvester.jar as before, and the next launch tries again. A stale archive (a JDK updated in
# place) is refused by the JVM with a warning and the run goes on without it.
#
# Environment: JAVA (default: java on the PATH); JAVA_OPTS (default: the README's recommended options
# "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"); ODS_HARVESTER_JAR (default: ods-harvester.jar).
set -u

jar=${ODS_HARVESTER_JAR:-ods-harvester.jar}
# the launcher's own: the harvester would warn about an ODS_* variable that is none of its options
unset ODS_HARVESTER_JAR
java=${JAVA:-java}
opts=${JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
dir=fast-start
archive=$dir/ods-harvester.jsa
lock=$dir.lock

if [ ! -f "$jar" ]; then
    echo "jobs/ods-harvester.sh: $jar not found in $(pwd): run from the directory that holds it, or set ODS_HARVESTER_JAR" >&2
    exit 2
fi

# What the archive was made from: the jar's checksum and the JDK's version (an archive only serves both). The
# java launcher's notes about JDK_JAVA_OPTIONS or _JAVA_OPTIONS are not the JDK's.
stamp() {
    printf '%s\n%s\n' "$(cksum <"$jar")" "$("$java" -version 2>&1 | grep -v 'Picked up')"
}

current() {
    [ -f "$dir/stamp" ] && [ -f "$archive" ] && [ "$(cat "$dir/stamp")" = "$wanted" ]
}

# Extracts and trains in a scratch directory beside fast-start/, then swaps it in. The archive records the
# classpath as given (fast-start/ods-harvester.jar, relative), so the training runs from the scratch directory
# with the same relative paths as the launches. The previous fast-start/ stays as fast-start.previous/: a run
# started from it keeps its jars.
prepare() {
    scratch=$(mktemp -d "./.fast-start.XXXXXX") || return 1
    if ! "$java" -Djarmode=tools -jar "$jar" extract --destination "$scratch/$dir" >"$scratch/extract.log" 2>&1; then
        echo "jobs/ods-harvester.sh: could not extract $jar (log below); running from $jar" >&2
        tail -20 "$scratch/extract.log" >&2
        rm -rf "$scratch"
        return 1
    fi
    # shellcheck disable=SC2086 # $opts holds several options
    if ! (cd "$scratch" && "$java" $opts -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
            -Dspring.context.exit=onRefresh -jar "$dir/ods-harvester.jar" --ods.url=http://127.0.0.1:9 \
            --udata.url=http://127.0.0.1:9 --udata.organization=class-data-training --spring.datasource.url= \
            --harvest.data-dir=training-data >training.log 2>&1 \
        && "$java" -Xshare:on -XX:SharedArchiveFile="$archive" -jar "$dir/ods-harvester.jar" --help \
            >verify.log 2>&1); then
        echo "jobs/ods-harvester.sh: could not record the class data archive (logs below); running from $jar" >&2
        tail -20 "$scratch/training.log" "$scratch/verify.log" >&2 2>/dev/null
        rm -rf "$scratch"
        return 1
    fi
    printf '%s\n' "$wanted" >"$scratch/$dir/stamp"
    rm -rf "$dir.previous"
    if [ -d "$dir" ]; then
        mv "$dir" "$dir.previous"
    fi
    mv "$scratch/$dir" "$dir"
    rm -rf "$scratch"
}

wanted=$(stamp)
if ! current; then
    # one preparer at a time (mkdir is atomic); the others wait for it. A lock left by a killed preparer is
    # taken over after 10 minutes.
    find . -maxdepth 1 -name "$lock" -mmin +10 -exec rmdir {} \; 2>/dev/null
    waited=0
    owner=false
    while [ "$waited" -lt 300 ] && ! current; do
        if mkdir "$lock" 2>/dev/null; then
            owner=true
            break
        fi
        sleep 1
        waited=$((waited + 1))
    done
    if [ "$owner" = true ]; then
        scratch=
        trap 'rm -rf "$scratch"; rmdir "$lock"; exit 143' TERM INT
        if ! current; then
            echo "jobs/ods-harvester.sh: preparing the fast start in $(pwd)/$dir (once per jar and JDK)" >&2
            prepare
        fi
        rmdir "$lock"
        trap - TERM INT
    fi
fi

if current; then
    # shellcheck disable=SC2086
    exec "$java" $opts -XX:SharedArchiveFile="$archive" -jar "$dir/ods-harvester.jar" "$@"
fi
# shellcheck disable=SC2086
exec "$java" $opts -jar "$jar" "$@"
