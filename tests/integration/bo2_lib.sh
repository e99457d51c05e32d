# bo2_lib.sh: helpers for the back-office part 2 tests (sourced after lib.sh).
# The fixture (tests/fixtures/bo2_scans.sql) gives users with password fixture-pass-1.
FIXTURES="$(cd "$(dirname "$0")/../fixtures" && pwd)"
load_fixture() { psql "$DATABASE_URL" -qtAX -v ON_ERROR_STOP=1 -f "$FIXTURES/$1" >/dev/null; }
# login EMAIL: a fresh cookie jar, then log in; sets CSRF from the next page
login() {
  rm -f "$WORK/cookies"
  http POST /login --data-urlencode "email=$1" --data "password=fixture-pass-1&next=/app"
}
# csrf_of PATH: GETs the page and sets CSRF
csrf_of() { http GET "$1"; CSRF=$(form_csrf); }
