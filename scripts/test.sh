#!/usr/bin/env bash
# make test: a throwaway PostgreSQL cluster, then every suite (unit and integration
# in the normal and the sanitizer build, browser tests), ending with one line
# "N passed, N failed". Leaves no process behind, also when a test fails.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TMP=$(mktemp -d /tmp/fphc-test.XXXXXX)
chmod 755 "$TMP"
export PG_DIR="$TMP/pg"
PASSED=0
FAILED=0
cleanup() {
  scripts/pgbouncer.sh stop "$TMP/pgbouncer" >/dev/null 2>&1 || true
  scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1 || true
  pkill -f "$TMP" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

count_tap() {  # file → adds to PASSED/FAILED from top-level TAP lines
  local p f
  p=$(grep -cE '^ok ' "$1" || true)
  f=$(grep -cE '^not ok ' "$1" || true)
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  echo "   $p passed, $f failed"
}

suite() {  # name command… : runs, shows TAP, counts; a crash without TAP counts as a failure
  local name=$1; shift
  echo "== $name"
  local out="$TMP/out.$$.$RANDOM"
  "$@" >"$out" 2>&1
  local rc=$?
  grep -E '^(not ok|# )' "$out" | grep -v '^# pass\|^# fail' | head -n 60
  count_tap "$out"
  if [ $rc -ne 0 ] && ! grep -qE '^not ok ' "$out"; then
    echo "   exited with status $rc without a failing test:"; tail -n 20 "$out" | sed 's/^/   | /'
    FAILED=$((FAILED + 1))
  fi
}

# --- database ---
scripts/pg.sh start "$PG_DIR" >/dev/null || exit 1
export TEMPLATE_DB=fphc
# migrations as the owner role; the app role fphc_app (made by pg.sh) gets its
# rights from migrate, and createdb -T copies them into every test database.
export OWNER_URL="host=$PG_DIR dbname=$TEMPLATE_DB user=postgres"
export DATABASE_URL="host=$PG_DIR dbname=$TEMPLATE_DB user=fphc_app"
DATABASE_URL=$OWNER_URL bin/fphc migrate >/dev/null || { echo "migrate failed"; exit 1; }

# --- unit tests (cmocka, TAP) ---
export CMOCKA_MESSAGE_OUTPUT=TAP
for build in build build/asan; do
  for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    suite "unit $(basename "$t") ($build)" "$t"
  done
done

# --- integration tests (real binary, real PostgreSQL) ---
# The sanitizer build connects directly; the normal build goes through a PgBouncer
# in transaction mode (scripts/pgbouncer.sh), as behind a pooler in production:
# fphc finds the pooler by itself (docs/operations.md, "Behind a pooler").
PGB_PORT=$(scripts/pgbouncer.sh start "$PG_DIR" "$TMP/pgbouncer") || { echo "PgBouncer did not start"; FAILED=$((FAILED + 1)); }
for bin in bin/fphc bin/fphc-asan; do
  via=() label=$bin
  if [ "$bin" = bin/fphc ] && [ -n "${PGB_PORT:-}" ]; then via=(FPHC_TEST_PGBOUNCER="$PGB_PORT"); label="$bin via PgBouncer"; fi
  for t in tests/integration/t_*.sh; do
    [ -f "$t" ] || continue
    suite "integration $(basename "$t" .sh) ($label)" env "${via[@]}" FPHC_BIN="$ROOT/$bin" \
      ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 bash "$t"
  done
done

# --- browser tests (Debian chromium + playwright-core) ---
if ls tests/browser/*.test.mjs >/dev/null 2>&1; then
  if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error >"$TMP/npm.log" 2>&1 || { echo "npm ci failed:"; tail "$TMP/npm.log"; FAILED=$((FAILED + 1)); }
  fi
  echo "== browser"
  out="$TMP/browser.out"
  FPHC_BIN="$ROOT/bin/fphc" node --test --test-timeout=600000 --test-concurrency=1 tests/browser/ >"$out" 2>&1
  rc=$?
  grep -E '^# (pass|fail)|^not ok|^# Subtest' "$out" | grep -v '^# Subtest' | head -40
  p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$out" | tail -1); f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$out" | tail -1)
  PASSED=$((PASSED + ${p:-0})); FAILED=$((FAILED + ${f:-0}))
  if [ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ]; then echo "   browser tests exited with $rc:"; tail -n 30 "$out"; FAILED=$((FAILED + 1)); fi
fi

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
