#!/usr/bin/env bash
# Measures the cluster throughput of `ossnet silo` + `ossnet submit` with 1 and then 2 silos on this host, next to a
# single-process `ossnet segment`, on the same synthetic cases and the same (briefly trained) weights. Prints one line per configuration (cases/hour) and the load.
#   scripts/orleans-throughput.sh [CASES] [PRESET] [THREADS_PER_SILO]
# Build first: dotnet build samples/OssNet.Cli -c Release
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-16}"
preset="${2:-tiny}"
threads="${3:-}"
tool="artifacts/bin/OssNet.Cli/release/ossnet.dll"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export OMP_WAIT_POLICY=PASSIVE
[ -n "$threads" ] && export OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
input="synthetic:${cases}"
model=(--preset "$preset" --input-channels 4 --weights "$work/model.dat")

seconds() { local start=$SECONDS; "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; echo $((SECONDS - start)); }
per_hour() { python3 -c "print(round($1 * 3600 / max($2, 0.1)))"; }

# Every process must run the same weights (an untrained model's cost depends on its random weights): train one epoch once.
dotnet "$tool" train --data synthetic:4 --epochs 1 --preset "$preset" --output "$work/model.dat" >"$work/train.log" 2>&1 || { cat "$work/train.log"; exit 1; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(getconf _NPROCESSORS_ONLN); cases: $cases ($input, 60x60x30, 4 channels); preset: $preset; threads per process: ${threads:-default}"
t=$(seconds dotnet "$tool" segment --input "$input" --output "$work/single" "${model[@]}")
echo "single process (ossnet segment): $cases cases in ${t} s (with start-up and model build) = $(per_hour "$cases" "$t") cases/hour"

start_silo() { # port gateway [primary]
  local extra=()
  [ $# -ge 3 ] && extra=(--primary "127.0.0.1:$3")
  dotnet "$tool" silo --port "$1" --gateway-port "$2" --cluster-id bench --state "$work/state" "${model[@]}" "${extra[@]}" >"$work/silo-$1.log" 2>&1 &
  pids+=($!)
  until grep -q "ossnet silo: ready" "$work/silo-$1.log"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/silo-$1.log"; exit 1; }
    sleep 0.5
  done
}

start_silo 22111 42000
job_seconds() { grep -o 'cancelled in [0-9.]* s' "$work/last.log" | grep -o '[0-9.]*'; }
t=$(seconds dotnet "$tool" submit --input "$input" --output "$work/one" --gateway 127.0.0.1:42000 --cluster-id bench); j=$(job_seconds)
echo "1 silo: $cases cases in ${j} s (job, submitted to finished; ${t} s with the client's start) = $(per_hour "$cases" "$j") cases/hour"

start_silo 22112 42001 22111
t=$(seconds dotnet "$tool" submit --input "$input" --output "$work/two" --gateway 127.0.0.1:42000 --cluster-id bench); j=$(job_seconds)
echo "2 silos: $cases cases in ${j} s (job; ${t} s with the client's start) = $(per_hour "$cases" "$j") cases/hour"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
