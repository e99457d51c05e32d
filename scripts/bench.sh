#!/usr/bin/env bash
# Benchmarks (make bench): prints figures, never fails a build on speed.
# Each area has its own function below; add yours and call it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/bench

# Scoring engine: one complete scan (target <= 2 us median) and the peer statistics
# of every score of a scan over 100,000 peers (target <= 20 ms). Built with -O2.
bench_scoring() {
  local common
  common=$(ls common/*.c | grep -v '^common/assets\.c$' | tr '\n' ' ')
  # shellcheck disable=SC2086
  ${CC:-cc} -std=c17 -O2 -D_DEFAULT_SOURCE -I. $(pkg-config --cflags libcjson) \
    -o build/bench/bench_scoring tests/bench/bench_scoring.c $common scoring/*.c -lcjson -lsodium -lm
  echo "== scoring"
  build/bench/bench_scoring
}

bench_scoring
