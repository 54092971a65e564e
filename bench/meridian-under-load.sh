#!/usr/bin/env bash
# Starts target/meridian.jar on a fresh data directory, drives it with the OTLP load generator and prints the
# generator's table, the writer thread's CPU per stored span, and the H2 file per stored span.
#   bench/meridian-under-load.sh [seconds] [extra Meridian arguments...]
# Security is off for this throwaway instance (the script reads /api/v1/ingest/stats). JAVA_HOME picks the JDK; BENCH_SKIP_BUILD=1 reuses the last build of the generator; MERIDIAN_HEAP (default 1g).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}; shift || true
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
dir=$(mktemp -d /tmp/meridian-load.XXXXXX)
"$java" -Xmx${MERIDIAN_HEAP:-1g} -XX:G1HeapRegionSize=32m -jar target/meridian.jar --meridian.data-dir="$dir/data" --server.port=18080 \
  --meridian.otlp.http-port=14318 --meridian.otlp.grpc-port=14317 \
  --meridian.security.enabled=false "$@" > "$dir/meridian.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:18080/actuator/health >/dev/null && break; sleep 1; done
cpu() { "${JAVA_HOME:+$JAVA_HOME/bin/}jstack" $pid | grep '"meridian-ingest-writer"' | grep -o 'cpu=[0-9.]*' | cut -d= -f2; }
stored() { curl -s localhost:18080/api/v1/ingest/stats | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["traces"]["accepted"]-s["unappliedItems"])'; }
c0=$(cpu); s0=$(stored)
bench/ingest.sh --endpoint http://localhost:14318 --exporters 8 --batch 512 --spread 4s --warmup 10s --duration "${seconds}s" | grep -A14 "Measured window" || true
# let the writer apply what was acknowledged, then measure
for _ in $(seq 1 120); do [ "$(curl -s localhost:18080/api/v1/ingest/stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["unappliedItems"])')" = 0 ] && break; sleep 1; done
c1=$(cpu); s1=$(stored)
size=$(stat -c %s "$dir/data/meridian.mv.db")
python3 - "$c0" "$c1" "$s0" "$s1" "$size" <<'PY'
import sys
c0,c1,s0,s1,size=map(float,sys.argv[1:])
spans=s1-s0
print(f"stored spans {int(s1):,}; writer thread CPU {(c1-c0)/1000:.1f} s = {spans/((c1-c0)/1000):,.0f} spans per writer CPU-second")
print(f"H2 file {size/1e6:,.0f} MB = {size/max(s1,1):,.0f} B per stored span")
PY
echo "data: $dir"
