# shellcheck shell=bash disable=SC2153  # DATA, PG_ROOT, ... come from common.sh
# PostgreSQL instances: the control plane ("control"), cluster primaries ("c1".."cN") and
# their streaming-replication hot standbys ("c1r".."cNr").
#
# Layout per instance NAME:  $PG_ROOT/NAME/data            PGDATA
#                            $PG_ROOT/NAME/run             unix socket directory
#                            $PG_ROOT/NAME/postgresql.log  server log
#                            $PG_ROOT/NAME/.initialized    written once fully set up
# An instance directory without .initialized is half-initialised and gets rebuilt.

readonly DB_NAME=shardwise DB_USER=shardwise DB_PASSWORD=shardwise
readonly PG_START_TIMEOUT=60

pg_dir()  { echo "$PG_ROOT/$1"; }
pg_data() { echo "$PG_ROOT/$1/data"; }
pg_log()  { echo "$PG_ROOT/$1/postgresql.log"; }

# pg_sock_dir NAME: the unix socket directory. Socket paths are limited to ~107 bytes;
# for very long SHARDWISE_DATA paths we fall back to a short per-fleet dir under /tmp.
pg_sock_dir() {
  local dir=$PG_ROOT/$1/run sum
  if ((${#dir} + 20 > 100)); then
    sum=$(printf '%s' "$DATA" | cksum | cut -d' ' -f1)
    dir=/tmp/shardwise-$(id -u)-$sum/$1
  fi
  echo "$dir"
}

# as_pg CMD...: runs a PostgreSQL server tool, as the postgres OS user when we are root
# (initdb/pg_ctl refuse to run as root). Runs from / so that postgres can read its cwd.
as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# pg_own PATH...: hands files to the postgres OS user when we are root.
pg_own() {
  if is_root; then chown -R postgres:postgres "$@"; fi
}

# pg_pid NAME: prints the postmaster pid if the instance is running.
pg_pid() {
  local pidfile pid
  pidfile=$(pg_data "$1")/postmaster.pid
  [[ -r $pidfile ]] || return 1
  pid=$(head -n 1 "$pidfile" 2>/dev/null) || return 1
  pid_alive "$pid" || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres* ]] || return 1
  echo "$pid"
}

# pg_admin NAME PSQL-ARGS...: psql as the postgres superuser over the unix socket.
pg_admin() {
  local name=$1; shift
  "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$(pg_sock_dir "$name")" -p "$(component_port "$name")" \
    -U postgres -d postgres "$@"
}

# pg_app_query NAME SQL: one query as the app user over TCP (the path the Java code uses).
pg_app_query() {
  PGPASSWORD=$DB_PASSWORD PGCONNECT_TIMEOUT=3 "$PSQL" -X -A -t -q -h 127.0.0.1 \
    -p "$(component_port "$1")" -U "$DB_USER" -d "$DB_NAME" -c "$2" 2>/dev/null
}

# pg_is_ready NAME: accepting connections, app login works, and primary/standby as expected.
pg_is_ready() {
  local name=$1 want=f
  is_standby "$name" && want=t
  "$PG_ISREADY" -q -h 127.0.0.1 -p "$(component_port "$name")" -t 2 || return 1
  [[ $(pg_app_query "$name" 'select pg_is_in_recovery()') == "$want" ]]
}

pg_wait_ready() {
  local name=$1 deadline=$((SECONDS + PG_START_TIMEOUT))
  until pg_is_ready "$name"; do
    pg_pid "$name" >/dev/null || die_log "$name" "$(pg_log "$name")" "PostgreSQL exited during start-up"
    ((SECONDS < deadline)) ||
      die_log "$name" "$(pg_log "$name")" "not ready after ${PG_START_TIMEOUT}s (pg_isready + 'select pg_is_in_recovery()' as $DB_USER)"
    sleep 0.1
  done
}

# pg_write_conf NAME: instance settings in data/shardwise.conf (included from
# postgresql.conf) plus pg_hba.conf. Rewritten before every start, so a standby's copy
# (from pg_basebackup) is replaced and edits here apply on the next restart.
pg_write_conf() {
  local name=$1 data sock
  data=$(pg_data "$name") sock=$(pg_sock_dir "$name")
  cat >"$data/shardwise.conf" <<EOF
# Written by infra/fleet for instance '$name'. Local dev/test fleet only.
listen_addresses = '127.0.0.1'
port = $(component_port "$name")
unix_socket_directories = '$sock'
max_connections = 100
shared_buffers = 64MB
password_encryption = scram-sha-256
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
wal_keep_size = 128MB
max_slot_wal_keep_size = 1GB
hot_standby = on
hot_standby_feedback = on
# Durability is traded for speed on purpose: this fleet holds throw-away dev/test data,
# so losing data on an OS crash is fine. Never copy this to production.
fsync = off
# synchronous_commit=off would be acceptable here too, but with fsync off a synchronous
# commit costs ~nothing, while async commit delays WAL streaming to the standby by up to
# ~200 ms (wal_writer_delay), which makes read-your-writes tests on replicas flaky.
synchronous_commit = on
log_min_messages = warning
log_destination = stderr
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  grep -q "^include_if_exists = 'shardwise.conf'" "$data/postgresql.conf" ||
    printf "\n# Shardwise fleet settings\ninclude_if_exists = 'shardwise.conf'\n" >>"$data/postgresql.conf"
  cat >"$data/pg_hba.conf" <<'EOF'
# Written by infra/fleet. Unix socket: trust (fleet administration as postgres).
# TCP on loopback only, password (scram-sha-256) for everyone, including replication.
local   all             all                         trust
local   replication     all                         trust
host    all             all         127.0.0.1/32    scram-sha-256
host    replication     all         127.0.0.1/32    scram-sha-256
EOF
  mkdir -p "$sock"
  pg_own "$data/shardwise.conf" "$data/postgresql.conf" "$data/pg_hba.conf" "$sock"
  chmod 700 "$sock"
}

# pg_fresh_dir NAME: wipes the instance (stopping a leftover server first) and recreates
# an empty directory owned by the postgres OS user.
pg_fresh_dir() {
  local name=$1 dir
  dir=$(pg_dir "$name")
  pg_stop "$name" immediate
  rm -rf "$dir" "$(pg_sock_dir "$name")"
  mkdir -p "$dir/data"
  chmod 755 "$PG_ROOT"
  chmod 700 "$dir" "$dir/data"
  pg_own "$dir"
  if is_root && ! runuser -u postgres -- test -w "$dir/data"; then
    die "[$name] the postgres OS user cannot write $dir/data; make every parent directory of $DATA traversable (chmod o+x) or set SHARDWISE_DATA elsewhere"
  fi
}

pg_initialized() {
  [[ -f $(pg_dir "$1")/.initialized && -f $(pg_data "$1")/PG_VERSION ]]
}

pg_mark_initialized() {
  touch "$(pg_dir "$1")/.initialized"
}

pg_locale_args() {
  if locale -a 2>/dev/null | grep -qix 'c.utf-\?8'; then
    echo "--locale=C.UTF-8 --encoding=UTF8"
  else
    echo "--no-locale --encoding=UTF8"
  fi
}

pg_init_primary() {
  local name=$1 data logfile
  data=$(pg_data "$name") logfile=$(pg_log "$name")
  log "[$name] initialising a new primary in $data"
  # A rebuilt primary has a new system identifier: its standby must be rebuilt too.
  [[ $name == control ]] || pg_forget "${name}r"
  pg_fresh_dir "$name"
  # shellcheck disable=SC2046
  as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    $(pg_locale_args) --no-sync >"$(pg_dir "$name")/initdb.log" 2>&1 ||
    die_log "$name" "$(pg_dir "$name")/initdb.log" "initdb failed"
  pg_start_server "$name"
  pg_admin "$name" <<EOF >>"$logfile" 2>&1 || die_log "$name" "$logfile" "creating role/database $DB_NAME failed"
SELECT format('CREATE ROLE %I LOGIN REPLICATION PASSWORD %L', '$DB_USER', '$DB_PASSWORD')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$DB_NAME', '$DB_USER')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \gexec
EOF
  pg_mark_initialized "$name"
}

pg_init_standby() {
  local name=$1 primary=${1%r} data logfile
  data=$(pg_data "$name") logfile=$(pg_log "$name")
  log "[$name] cloning a hot standby of $primary with pg_basebackup"
  pg_fresh_dir "$name"
  pg_drop_slot "$primary" "$name"
  as_pg env PGPASSWORD="$DB_PASSWORD" "$PG_BASEBACKUP" -D "$data" -R -X stream -c fast -C -S "$name" \
    -d "host=127.0.0.1 port=$(component_port "$primary") user=$DB_USER password=$DB_PASSWORD application_name=$name" \
    >"$(pg_dir "$name")/basebackup.log" 2>&1 ||
    die_log "$name" "$(pg_dir "$name")/basebackup.log" "pg_basebackup from $primary failed"
  pg_start_server "$name"
  pg_mark_initialized "$name"
}

# pg_drop_slot PRIMARY SLOT: removes a leftover replication slot (waits for its old
# walsender to go away first).
pg_drop_slot() {
  local primary=$1 slot=$2 i
  for ((i = 0; i < 50; i++)); do
    pg_admin "$primary" -At -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
      WHERE slot_name = '$slot' AND NOT active" >/dev/null 2>&1 || true
    [[ -z $(pg_admin "$primary" -At -c "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$slot'") ]] && return 0
    sleep 0.2
  done
  die "[$primary] replication slot '$slot' is still in use; stop $slot and retry"
}

# pg_forget NAME: marks an instance as needing a rebuild on the next up/start.
pg_forget() {
  rm -f "$(pg_dir "$1")/.initialized"
}

# pg_start_server NAME: starts the postmaster (no-op if running) and waits for pg_ctl -w.
pg_start_server() {
  local name=$1 port logfile
  port=$(component_port "$name") logfile=$(pg_log "$name")
  pg_pid "$name" >/dev/null && return 0
  port_open "$port" && die "[$name] port $port is already in use by a process that is not this fleet's $name"
  pg_write_conf "$name"
  as_pg "$PG_BIN/pg_ctl" -D "$(pg_data "$name")" -l "$logfile" -w -t "$PG_START_TIMEOUT" -s start \
    </dev/null >/dev/null 2>>"$(pg_dir "$name")/pg_ctl.log" 200>&- ||
    die_log "$name" "$logfile" "pg_ctl start failed (also see $(pg_dir "$name")/pg_ctl.log)"
}

# pg_up NAME: creates the instance if needed, starts it, and waits until it is READY.
pg_up() {
  local name=$1
  if is_standby "$name" && ! pg_is_ready "${name%r}"; then
    pg_initialized "$name" || die "[$name] cannot create the standby while its primary ${name%r} is down; run 'infra/fleet start ${name%r}' first"
  fi
  if pg_initialized "$name"; then
    pg_start_server "$name"
  elif is_standby "$name"; then
    pg_init_standby "$name"
  else
    pg_init_primary "$name"
  fi
  pg_wait_ready "$name"
  is_standby "$name" || pg_ensure_grants "$name"
}

# pg_ensure_grants NAME: privileges the app role needs beyond owning its database; idempotent, so
# fleets created before a grant was added get it on their next 'up'. Shard migrations apply copied
# rows with session_replication_role = replica, so that neither foreign keys nor change-capture
# triggers fire for rows that the serving copy already checked and captured.
pg_ensure_grants() {
  local name=$1
  pg_admin "$1" -c "GRANT SET ON PARAMETER session_replication_role TO $DB_USER" >>"$(pg_log "$name")" 2>&1 ||
    die_log "$name" "$(pg_log "$name")" "granting SET on session_replication_role to $DB_USER failed"
}

# pg_stop NAME [fast|immediate]: stops the instance and returns once it is really gone.
pg_stop() {
  local name=$1 mode=${2:-fast} pid port
  port=$(component_port "$name")
  pid=$(pg_pid "$name") || return 0
  if ! as_pg "$PG_BIN/pg_ctl" -D "$(pg_data "$name")" -m "$mode" -w -t 30 -s stop </dev/null >/dev/null 2>&1; then
    warn "[$name] '$mode' shutdown did not finish; using immediate shutdown"
    as_pg "$PG_BIN/pg_ctl" -D "$(pg_data "$name")" -m immediate -w -t 30 -s stop </dev/null >/dev/null 2>&1 || true
  fi
  wait_pid_gone "$pid" 30 || die_log "$name" "$(pg_log "$name")" "postmaster pid $pid is still running after stop"
  wait_port_closed "$port" 10 || die "[$name] port $port is still open after stopping pid $pid"
}
