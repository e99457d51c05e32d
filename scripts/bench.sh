#!/usr/bin/env bash
# Benchmarks: prints figures, never fails a build on speed. Each area adds one
# function below and a call at the end. Run from the repository root (make bench).
set -euo pipefail
cd "$(dirname "$0")/.."

# Issue 7: median time to render the complete demo report in-process
# (target <= 10 ms on one core, 7-10 pages, <= 150 KB).
bench_report_pdf() {
  echo "== report PDF (issue 7)"
  make --no-print-directory -s benches >/dev/null
  taskset -c 0 build/bench/bench_report 2>/dev/null || build/bench/bench_report
  bin/fphc report --demo -o build/bench/demo.pdf
  echo "demo.pdf: $(pdfinfo build/bench/demo.pdf 2>/dev/null | awk '/^Pages:/ {print $2}') pages," \
       "$(stat -c %s build/bench/demo.pdf) bytes"
}

bench_report_pdf
