# pgbouncer_lib.sh: the PgBouncer set-up that scripts/pgbouncer.sh (the tests' pooler)
# and scripts/cluster.sh (one per node) share; sourced, it defines functions only.

# pgbouncer_configure DIR PG_SOCKET_DIR PORT: writes DIR/pgbouncer.ini and
# DIR/userlist.txt for a PgBouncer on 127.0.0.1:PORT in transaction mode in front
# of every database of the PostgreSQL listening in PG_SOCKET_DIR, for the roles
# postgres and fphc_app without passwords (loopback only), its log and pid file in
# DIR. What stdin holds (the caller's own settings: socket, pool sizes) is added to
# the [pgbouncer] section. As root, DIR is handed to 'postgres', who runs PgBouncer.
pgbouncer_configure() {
  local d=$1 pg=$2 port=$3
  {
    cat <<INI
[databases]
* = host=$pg port=5432

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
auth_type = trust
auth_file = $d/userlist.txt
admin_users = postgres
pool_mode = transaction
server_reset_query =
; a restarted PostgreSQL is used again within a second, and a client waits at
; most 3 s for a server connection (then fphc answers 503) instead of 120 s
server_login_retry = 1
query_wait_timeout = 3
ignore_startup_parameters = extra_float_digits
logfile = $d/pgbouncer.log
pidfile = $d/pgbouncer.pid
log_connections = 0
log_disconnections = 0
INI
    cat
  } >"$d/pgbouncer.ini"
  printf '"postgres" ""\n"fphc_app" ""\n' >"$d/userlist.txt"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$d"; fi
}
