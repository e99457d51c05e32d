# office_lib.sh: two associations with their users, for the office integration tests (sourced after lib.sh).
# Several users at once: each has its own cookie jar, switched with use_jar.

# use_jar NAME: the following http calls use NAME's cookies
use_jar() {
  [ -n "${CUR_JAR:-}" ] && cp "$WORK/cookies" "$WORK/jar.$CUR_JAR" 2>/dev/null
  CUR_JAR=$1
  if [ -f "$WORK/jar.$1" ]; then cp "$WORK/jar.$1" "$WORK/cookies"; else : >"$WORK/cookies"; fi
}

# new_user ORG EMAIL ROLE PASSWORD: creates an account with a known password
new_user() { printf '%s\n' "$4" | "$FPHC_BIN" user add --org "$1" --email "$2" --role "$3" --password-stdin >/dev/null; }

# audit_count ACTION TYPE: audit log entries with this action and object type
audit_count() { psql_q "SELECT count(*) FROM audit_log WHERE action = '$1' AND object_type = '$2'"; }

# A questionnaire row to hang scans on (when no questionnaire file was loaded).
ensure_questionnaire() {
  psql_q "INSERT INTO questionnaires(key, version, sha256, file_name, definition)
          SELECT 'fphc', 1, 'x', 't', '{}' WHERE NOT EXISTS (SELECT 1 FROM questionnaires WHERE key = 'fphc')"
}

# Two associations (demo, other) with an admin and an advisor each, and a researcher.
PW='lange zin voor een test 42'
setup_orgs() {
  "$FPHC_BIN" demo init >/dev/null
  "$FPHC_BIN" org add --slug other --name "Andere Vereniging" >/dev/null
  new_user demo admin1@a.example admin "$PW"
  new_user demo adv1@a.example advisor "$PW"
  new_user other admin2@b.example admin "$PW"
  new_user other adv2@b.example advisor "$PW"
  new_user onderzoek res@r.example researcher "$PW"
  ensure_questionnaire
}

# start_office_server: a database of the test's own with the two associations
# (new_db, setup_orgs) and the server on it; fails when the server does not start
start_office_server() { new_db; setup_orgs; start_server; }
