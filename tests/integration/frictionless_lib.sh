# frictionless_lib.sh: an independent Data Package validator for the tests (sourced).
#   frictionless_setup          sets FRICTIONLESS_KIND (python|node) or FRICTIONLESS_WHY
#   frictionless_validate FILE  validates the descriptor and its data; prints "valid" or the errors
# Prefers the Python `frictionless` from the Python package index, in a venv cached
# at build/venv; where that index cannot be reached (this workplace reaches only
# Debian's and npm's registries) it falls back to Frictionless Data's JavaScript
# library (tests/validators, npm ci into build/validators, also cached).
FRICTIONLESS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FRICTIONLESS_KIND=
FRICTIONLESS_WHY=

frictionless_setup() {
  local venv="$FRICTIONLESS_ROOT/build/venv" val="$FRICTIONLESS_ROOT/build/validators" log
  log=$(mktemp)
  if [ ! -x "$venv/bin/frictionless" ] && [ "${FPHC_NO_PIP:-}" != 1 ]; then
    rm -rf "$venv.new"
    if python3 -m venv "$venv.new" >"$log" 2>&1 &&
       "$venv.new/bin/pip" install --quiet --timeout 20 --retries 1 frictionless >>"$log" 2>&1; then
      rm -rf "$venv"; mv "$venv.new" "$venv"
    else
      FRICTIONLESS_WHY="pip could not install frictionless ($(grep -m1 -o 'No matching distribution.*\|No module named.*\|Name or service not known' "$log" || tail -n1 "$log"))"
      rm -rf "$venv.new"
    fi
  fi
  if [ -x "$venv/bin/frictionless" ]; then FRICTIONLESS_KIND=python; rm -f "$log"; return 0; fi
  if [ ! -d "$val/node_modules/datapackage" ] || [ "$FRICTIONLESS_ROOT/tests/validators/package-lock.json" -nt "$val/node_modules/.package-lock.json" ]; then
    mkdir -p "$val" && cp "$FRICTIONLESS_ROOT"/tests/validators/package.json "$FRICTIONLESS_ROOT"/tests/validators/package-lock.json "$val"/ &&
      (cd "$val" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1 ||
      FRICTIONLESS_WHY="$FRICTIONLESS_WHY; npm ci of the JavaScript validator failed: $(tail -n1 "$log")"
  fi
  rm -f "$log"
  if [ -d "$val/node_modules/datapackage" ]; then
    cp "$FRICTIONLESS_ROOT/tests/validators/validate_datapackage.mjs" "$val/"
    FRICTIONLESS_KIND=node; return 0
  fi
  return 1
}

frictionless_validate() {
  case "$FRICTIONLESS_KIND" in
    python)
      "$FRICTIONLESS_ROOT/build/venv/bin/frictionless" validate --json "$1" >"$1.report" 2>&1
      if python3 -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))['valid'] else 1)" "$1.report" 2>/dev/null; then
        echo valid
      else
        head -c 3000 "$1.report"; return 1
      fi ;;
    node) node "$FRICTIONLESS_ROOT/build/validators/validate_datapackage.mjs" "$1" ;;
    *) echo "no validator: $FRICTIONLESS_WHY"; return 1 ;;
  esac
}
