#!/usr/bin/env bash
# The measurements behind the product goals in benchmarks/README.md ("Current summary"), in one
# command, on a quiet machine (nothing else running: load average < 1 before starting):
#   benchmarks/scripts/product-goals.sh OUT_DIR [RUNS]      # RUNS full runs of the goal cases (default 2)
# Per run, 3 rounds at 50,000 records/s: defaults-100B-6p with all four clients, adaptive-100B-6p
# with Plume's two APIs (kafka-clients runs its defaults there, as the baseline).
# Once: defaults at 150,000 records/s; adaptive at 5,000 records/s (20 s windows); then, on one broker
# with benchmark JVM options, bin/plume-perf beside the same tool driving kafka-clients at 150,000
# and 50,000 records/s (alternating, 2 rounds, steady state after 1,500,000 / 500,000 warm-up
# records) and the full-speed CPU split (client vs broker). Every output goes to OUT_DIR; about 30
# minutes on 2 cores; last, one JFR-profiled round per client. Every compare starts with one
# discarded kafka-clients run that warms its fresh broker. The scaling group is separate:
# bin/plume-bench --broker-data-dir /dev/shm --cases scaling --csv FILE.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: product-goals.sh OUT_DIR [RUNS]}"; runs="${2:-2}"
mkdir -p "$out"
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || (cd "$root" && ./mvnw -B -q -pl benchmarks -am package -DskipTests)
# The broker keeps its log on tmpfs when there is one: on a 2-core machine the kernel's writeback of
# a disk-backed log takes CPU and stalls the broker at random moments, whichever client is running
# (p99 outliers of 40-70 ms for both clients in some rounds, the CPU charged to whichever runs). Set
# PLUME_BENCH_BROKER_DIR to another directory (or to an empty string for a temporary one on disk).
broker_dir="${PLUME_BENCH_BROKER_DIR-/dev/shm}"
[[ -n "$broker_dir" && ! -w "$broker_dir" ]] && broker_dir=""
bench() {
  java -Xmx512m -jar "$jar" compare ${broker_dir:+--broker-data-dir "$broker_dir"} "$@"
}
all=plume,plume-outcome,plume-kafka-api,kafka-clients

for run in $(seq 1 "$runs"); do
  bench --cases defaults-100B-6p --rounds 3 --clients "$all" \
    --csv "$out/goals-$run.csv" > "$out/goals-$run.log" 2>&1
  bench --cases adaptive-100B-6p --rounds 3 --clients plume,plume-outcome,kafka-clients \
    --csv "$out/adaptive-$run.csv" > "$out/adaptive-$run.log" 2>&1
  grep -h '^RATIO' "$out/goals-$run.log" "$out/adaptive-$run.log" || true
done
bench --cases defaults-100B-6p --rate 150000 --rounds 3 --clients plume,kafka-clients \
  --csv "$out/rate150k.csv" > "$out/rate150k.log" 2>&1
grep '^RATIO' "$out/rate150k.log" || true
# At 5,000/s a 5 s window holds 25,000 records, so its p99 is the 250th-worst latency and JIT
# activity decides it; 20 s (100,000 records) for both clients.
bench --cases adaptive-100B-6p --rate 5000 --rounds 3 --measure-sec 20 \
  --clients plume,plume-outcome,kafka-clients --csv "$out/rate5k.csv" > "$out/rate5k.log" 2>&1
grep '^RATIO' "$out/rate5k.log" || true

# plume-perf beside kafka-clients on one broker with production-like JVM options
tag="goals-$$"
broker_log="$out/broker.log"
perf_dir="$(mktemp -d "${broker_dir:-${TMPDIR:-/tmp}}/plume-goals-broker-XXXXXX")"
PLUME_BROKER_TAG="$tag" java "-Dplume.broker.tag=$tag" -cp "$jar" dev.plume.broker.EmbeddedKafka \
  --data-dir "$perf_dir" --jvm "-Xms1g -Xmx1g -XX:+UseG1GC" > "$broker_log" 2>&1 &
trap 'pkill -9 -f "plume.broker.tag=$tag" || true; rm -rf "$perf_dir"' EXIT
for _ in $(seq 1 120); do grep -q 'bootstrap.servers=' "$broker_log" && break; sleep 1; done
bootstrap="$(sed -n 's/.*bootstrap.servers=//p' "$broker_log" | head -1)"
broker_pid="$(pgrep -f "plume.broker.tag=$tag.*plume.broker.node=0" | head -1)"
"$root/benchmarks/scripts/cpu-split.sh" "$bootstrap" "$broker_pid" 5000000 \
  plume kafka-clients plume kafka-clients | tee "$out/cpu-split.txt"
payload="$out/payload.txt"
"$root/benchmarks/scripts/payload-file.py" "$payload"
for rate in 150000 50000; do
  for round in 1 2; do
    for client in kafka-clients plume; do
      topic="perf-$rate-$client-$round"
      "$root/benchmarks/scripts/create-topic.sh" "$bootstrap" 6 "$topic"
      PLUME_PERF_CLIENT=$client "$root/bin/plume-perf" --topic "$topic" \
        --num-records $((rate * 30)) --warmup-records $((rate * 10)) --payload-file "$payload" \
        --throughput "$rate" --producer-props "bootstrap.servers=$bootstrap" \
        > "$out/perf-$rate-$client-$round.log" 2>&1
      echo "$rate $client round $round: $(tail -1 "$out/perf-$rate-$client-$round.log")"
    done
  done
done | tee "$out/perf.txt"

# Profiles of one round at 50,000 records/s (JFR, 1 ms sampling), summarised by jfr-top.py
jhome="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
sed -e '/jdk.ExecutionSample"/,/<\/event>/ s/10 ms/1 ms/' \
  -e '/jdk.NativeMethodSample"/,/<\/event>/ s/20 ms/1 ms/' "$jhome/lib/jfr/profile.jfc" \
  > "$out/profile-1ms.jfc"
bench --cases defaults-100B-6p --rounds 1 --clients plume,plume-outcome,kafka-clients \
  --profile "$out/jfr" --jfr-settings "$out/profile-1ms.jfc" > "$out/profile.log" 2>&1
for f in "$out"/jfr/*.jfr; do
  prefix=dev.plume.; [[ "$f" == *kafka-clients* ]] && prefix=org.apache.kafka.
  "$root/benchmarks/scripts/jfr-top.py" "$f" 25 "$prefix" > "${f%.jfr}.top.txt" 2>&1 || true
done
