#!/usr/bin/env bash
# Builds every libFuzzer target tests/fuzz/fuzz_*.c into build/fuzz/ and runs each
# for a bounded time. FUZZ_SECONDS (default 30) per target; FUZZ_TARGETS to pick
# some ("fuzz_answers fuzz_questionnaire"). Crashes are written to tests/fuzz/crashes/;
# once fixed, move each into tests/fuzz/regressions/TARGET/, which every run replays
# first (and FUZZ_SECONDS=0 replays only: a quick check that old crashes stay fixed).
# Exit status: 0 when every target ran clean, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
out=build/fuzz
mkdir -p "$out" tests/fuzz/crashes
CC=${FUZZ_CC:-clang}
CFLAGS=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
        -std=c17 -D_DEFAULT_SOURCE -I. $(pkg-config --cflags libcjson) -I"$(pg_config --includedir)")

# common/*.c without assets.c, which needs the generated asset table, and without the
# .xlsx reader, which needs libzip and expat (only fuzz_xlsx links it).
common_srcs() { ls common/*.c | grep -v -e '^common/assets\.c$' -e '^common/xlsx_read\.c$' -e '^common/xlsx_xml\.c$' | tr '\n' ' '; }

# the embedded asset table (templates, messages) that fuzz_answer_body links
make --no-print-directory -s build/gen/assets.c

# The sources and libraries each target links: only what it needs.
link_list() {
  case "$1" in
    fuzz_questionnaire|fuzz_answers)
      echo "$(common_srcs) scoring/*.c -lcjson -lsodium -lz -lm" ;;
    fuzz_http_decode)
      echo "$(common_srcs) -lsodium -lz -lm" ;;
    fuzz_router)
      echo "server/http/router.c $(common_srcs) -lcjson -lsodium -lz -lm" ;;
    fuzz_multipart)
      echo "server/http/multipart.c $(common_srcs) -lsodium -lz -lm" ;;
    fuzz_answer_body)
      # value.c words its errors through the message catalogue (i18n.c and the embedded assets)
      echo "server/pages/respondent/value.c server/http/i18n.c common/assets.c build/gen/assets.c $(common_srcs) scoring/*.c -lcjson -lsodium -lz -lm" ;;
    fuzz_pdf_markdown)
      echo "reports/*.c $(common_srcs) scoring/*.c -lhpdf -lpng -lcmark -lcjson -lsodium -lz -lm" ;;
    fuzz_csv)
      echo "server/app/research_codebook.c server/app/sector.c $(common_srcs) scoring/*.c -lcjson -lsodium -lz -lm" ;;
    fuzz_offer_catalogue)
      echo "server/app/offer_catalogue_read.c server/app/offer_catalogue_write.c server/app/workbook_file.c server/app/offer_check.c server/http/i18n.c common/assets.c build/gen/assets.c common/xlsx_read.c common/xlsx_xml.c $(common_srcs) scoring/*.c -lxlsxwriter -lzip -lexpat -lz -lcjson -lsodium -lm" ;;
    fuzz_xlsx)
      echo "common/xlsx_read.c common/xlsx_xml.c $(common_srcs) scoring/*.c -lzip -lexpat -lz -lcjson -lsodium -lm" ;;
    *)
      echo "fuzz.sh: no link list for $1; add it to link_list()" >&2
      return 1 ;;
  esac
}

status=0
for src in tests/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c)
  if [ -n "${FUZZ_TARGETS:-}" ] && [[ " $FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
  links=$(link_list "$name") || { status=1; continue; }
  # shellcheck disable=SC2086  # the link list is a word list on purpose
  if ! "$CC" "${CFLAGS[@]}" -o "$out/$name" "$src" $links; then echo "!! $name does not build" >&2; status=1; continue; fi
  corpus="$out/corpus/$name"
  mkdir -p "$corpus"
  seeds=tests/fuzz/corpus/$name
  if [ -d "tests/fuzz/regressions/$name" ] && ls "tests/fuzz/regressions/$name"/* >/dev/null 2>&1; then
    if ! "$out/$name" -runs=0 "tests/fuzz/regressions/$name"/* >"$out/$name.regress.log" 2>&1; then
      echo "!! $name: a regression input fails again; see $out/$name.regress.log" >&2
      status=1
      continue
    fi
    echo "== $name: $(ls "tests/fuzz/regressions/$name" | wc -l) regression inputs pass"
  fi
  [ "$seconds" -gt 0 ] || continue
  echo "== $name: ${seconds}s"
  # the workbook reader takes inputs as large as the upload limit (XLSX_MAX_FILE_BYTES)
  max_len=65536
  case "$name" in fuzz_xlsx|fuzz_offer_catalogue) max_len=1048576 ;; esac
  if ! "$out/$name" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="tests/fuzz/crashes/$name-" -print_final_stats=1 "$corpus" "$seeds" \
      >"$out/$name.log" 2>&1; then
    echo "!! $name failed; see $out/$name.log and tests/fuzz/crashes/" >&2
    tail -n 30 "$out/$name.log" >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$out/$name.log" | tail -n 2 || true
  fi
done
exit $status
