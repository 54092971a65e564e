#!/usr/bin/env bash
# OTLP ingest benchmark: builds the test classpath, then runs the load generator with the arguments given
# (src/test/java/dev/meridian/bench/OtlpLoadGenerator.java), or with "receiver" first, the decode-only receiver.
#
#   bench/ingest.sh receiver --port 4319 &                       # decode-only OTLP/HTTP receiver (JAVA_OPTS=-Xmx1g by default)
#   bench/ingest.sh --endpoint http://localhost:4319 --exporters 8 --batch 512 --spread 4s --warmup 10s --duration 30s
#   bench/ingest.sh --endpoint http://localhost:4318 --rate 100000   # Meridian, at a target rate
#   bench/ingest.sh --help
#
# JAVA_HOME picks the JDK (21 or newer); JAVA_OPTS are passed to it; BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${BENCH_SKIP_BUILD:-}" != 1 ] || [ ! -f target/cp.txt ]; then
  build=(-B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test)
  # offline first; online when ~/.m2 lacks something (the dependency plugin, on a fresh machine)
  ./mvnw -o "${build[@]}" >/dev/null 2>&1 || ./mvnw "${build[@]}"
fi

main=dev.meridian.bench.OtlpLoadGenerator
opts=${JAVA_OPTS:-}
if [ "${1:-}" = receiver ]; then
  shift
  main=dev.meridian.bench.DecodeOnlyReceiver
  opts=${JAVA_OPTS:--Xmx1g}
fi
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" $opts -cp "target/classes:target/test-classes:$(cat target/cp.txt)" "$main" "$@"
