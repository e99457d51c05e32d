# fixture_lib.sh: loading SQL fixtures, for the office scan tests (sourced after lib.sh).
# The fixture (tests/fixtures/scans_with_peers.sql) gives users with password fixture-pass-1.
FIXTURES="$(cd "$(dirname "$0")/../fixtures" && pwd)"
load_fixture() { psql "$DATABASE_URL" -qtAX -v ON_ERROR_STOP=1 -f "$FIXTURES/$1" >/dev/null; }
# csrf_of PATH: GETs the page and sets CSRF
csrf_of() { http GET "$1"; CSRF=$(form_csrf); }
