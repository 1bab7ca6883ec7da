#!/usr/bin/env bash
# Where the CPU goes at full speed: client JVM vs broker, per delivered record.
#   benchmarks/scripts/cpu-split.sh BOOTSTRAP BROKER_PID RECORDS [CLIENT...]
# Runs bin/plume-perf unthrottled (100 B values from a compressible payload file, Kafka's defaults)
# once per client (plume and kafka-clients by default), each on a fresh 6-partition topic, and reads
# the broker process's CPU time from /proc before and after. Prints records/s (whole run, JVM start
# included), client CPU us/record (user + system of the client JVM, start-up included) and broker
# CPU us/record, then the tool's own summary line. BROKER_PID: the broker JVM, e.g.
# `pgrep -f 'plume.broker.node=0'` for one started with
# `java -cp benchmarks/target/benchmarks.jar dev.plume.broker.EmbeddedKafka --jvm "-Xms1g -Xmx1g -XX:+UseG1GC"`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bootstrap="$1"; broker_pid="$2"; records="$3"; shift 3
clients=("$@"); [[ ${#clients[@]} -gt 0 ]] || clients=(plume kafka-clients)
tick=$(getconf CLK_TCK)
payload="$(mktemp)"; trap 'rm -f "$payload"' EXIT
"$root/benchmarks/scripts/payload-file.py" "$payload"
broker_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run=0
for client in "${clients[@]}"; do
  run=$((run + 1))
  topic="perf-split-$client-$run-$$"
  "$root/benchmarks/scripts/create-topic.sh" "$bootstrap" 6 "$topic"
  b0=$(broker_ticks "$broker_pid")
  start=$(date +%s%N)
  TIMEFORMAT='%U %S'
  cpu=$( { time PLUME_PERF_CLIENT="$client" "$root/bin/plume-perf" --topic "$topic" \
      --num-records "$records" --payload-file "$payload" --throughput -1 \
      --producer-props bootstrap.servers="$bootstrap" > "/tmp/cpu-split-$client.log" 2>&1; } 2>&1 )
  end=$(date +%s%N)
  b1=$(broker_ticks "$broker_pid")
  awk -v c="$client" -v n="$records" -v cpu="$cpu" -v b=$((b1 - b0)) -v t="$tick" \
      -v ns=$((end - start)) 'BEGIN {
    split(cpu, u, " ");
    printf "%-14s %9.0f rec/s  client %.2f us/rec  broker %.2f us/rec\n", c, n / (ns / 1e9),
        (u[1] + u[2]) * 1e6 / n, b / t * 1e6 / n }'
  tail -1 "/tmp/cpu-split-$client.log"
done
