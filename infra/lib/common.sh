# shellcheck shell=bash disable=SC2034  # globals set here are used by the other lib files
# Shared helpers for infra/fleet: messages, configuration, fleet state, locking,
# TCP probes and the endpoints file. Sourced by infra/fleet; not executable on its own.

# The fleet lock is held on file descriptor 200. Every long-lived process we launch is
# started with "200>&-" so that it does not inherit (and keep holding) the lock.

log()  { printf 'fleet: %s\n' "$*" >&2; }
warn() { printf 'fleet: WARNING: %s\n' "$*" >&2; }
die()  { printf 'fleet: ERROR: %s\n' "$*" >&2; exit 1; }

# die_log COMPONENT LOGFILE MESSAGE: fail, showing the tail of the component's log.
die_log() {
  local comp=$1 logfile=$2; shift 2
  printf 'fleet: ERROR: [%s] %s\n' "$comp" "$*" >&2
  if [[ -f $logfile ]]; then
    printf 'fleet: ---- last lines of %s ----\n' "$logfile" >&2
    tail -n 20 "$logfile" | sed 's/^/  | /' >&2
  fi
  printf 'fleet: see the full log: %s\n' "$logfile" >&2
  exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# ---------------------------------------------------------------------------------------
# Configuration and persisted fleet state
# ---------------------------------------------------------------------------------------

# fleet_init_paths: resolves DATA (absolute) and the derived paths. No side effects.
fleet_init_paths() {
  local data=${SHARDWISE_DATA:-$REPO_ROOT/.fleet}
  [[ $data == /* ]] || data=$PWD/$data
  DATA=${data%/}
  STATE_FILE=$DATA/fleet.state
  LOCK_FILE=$DATA/.fleet.lock
  ENDPOINTS_FILE=$DATA/endpoints.properties
  PG_ROOT=$DATA/pg
  REDIS_DIR=$DATA/redis
  KAFKA_DIR=$DATA/kafka
}

# state_get KEY: prints the value recorded in the state file (empty if none).
state_get() {
  [[ -f $STATE_FILE ]] || return 0
  sed -n "s/^$1=//p" "$STATE_FILE" | tail -n 1
}

# state_write KEY=VALUE...: rewrites the state file atomically.
state_write() {
  local tmp=$STATE_FILE.tmp.$$
  printf '%s\n' "# Shardwise fleet state (written by infra/fleet; do not edit by hand)" "$@" >"$tmp"
  mv -f "$tmp" "$STATE_FILE"
}

# fleet_load_config: sets PORT_BASE and CLUSTERS from the state file, checked against
# SHARDWISE_PORT_BASE / SHARDWISE_CLUSTERS. The env only chooses values for a new fleet
# (or grows the cluster count); it can never silently change an existing fleet's ports.
fleet_load_config() {
  local saved_base saved_n
  saved_base=$(state_get port_base)
  saved_n=$(state_get clusters)
  PORT_BASE=${saved_base:-${SHARDWISE_PORT_BASE:-25400}}
  if [[ -n $saved_base && -n ${SHARDWISE_PORT_BASE:-} && $SHARDWISE_PORT_BASE != "$saved_base" ]]; then
    die "the fleet in $DATA was created with SHARDWISE_PORT_BASE=$saved_base, not $SHARDWISE_PORT_BASE; unset it, or run 'infra/fleet destroy' first"
  fi
  CLUSTERS=${saved_n:-${SHARDWISE_CLUSTERS:-3}}
  if ! [[ $PORT_BASE =~ ^[0-9]+$ ]] || ((PORT_BASE < 1024 || PORT_BASE > 65000)); then
    die "SHARDWISE_PORT_BASE must be a number between 1024 and 65000 (got '$PORT_BASE')"
  fi
  if ! [[ $CLUSTERS =~ ^[0-9]+$ ]] || ((CLUSTERS < 1)); then
    die "SHARDWISE_CLUSTERS must be a positive number (got '$CLUSTERS')"
  fi
  ((PORT_BASE + 10 * CLUSTERS + 1 <= 65535)) || die "too many clusters ($CLUSTERS) for port base $PORT_BASE"
}

# fleet_save_config: records the current PORT_BASE and CLUSTERS.
fleet_save_config() {
  state_write "port_base=$PORT_BASE" "clusters=$CLUSTERS"
}

# ---------------------------------------------------------------------------------------
# Components and ports
# ---------------------------------------------------------------------------------------

# all_components: every component name, in start order.
all_components() {
  local i
  printf '%s\n' control
  for ((i = 1; i <= CLUSTERS; i++)); do printf '%s\n' "c$i" "c${i}r"; done
  printf '%s\n' redis kafka
}

# component_port NAME: prints the port of a component, or fails for an unknown name.
component_port() {
  local name=$1 i
  case $name in
    control) echo "$PORT_BASE" ;;
    redis) echo $((PORT_BASE + 1)) ;;
    kafka) echo $((PORT_BASE + 2)) ;;
    kafka-controller) echo $((PORT_BASE + 3)) ;;
    c[0-9]*r) i=${name#c}; i=${i%r}; echo $((PORT_BASE + 10 * i + 1)) ;;
    c[0-9]*) i=${name#c}; echo $((PORT_BASE + 10 * i)) ;;
    *) return 1 ;;
  esac
}

# check_component NAME: fails with a helpful message unless NAME is part of this fleet.
check_component() {
  local name=$1 i
  case $name in
    control | redis | kafka) return 0 ;;
    c[0-9]*r | c[0-9]*)
      i=${name#c}; i=${i%r}
      if [[ $i =~ ^[1-9][0-9]*$ ]] && ((i <= CLUSTERS)); then return 0; fi ;;
  esac
  die "unknown component '$name' (known: $(all_components | paste -sd' '))"
}

is_pg_component() { [[ $1 == control || $1 =~ ^c[1-9][0-9]*r?$ ]]; }
is_standby() { [[ $1 =~ ^c[1-9][0-9]*r$ ]]; }

# port_open PORT: true if something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pid_alive PID: true if PID names a live (non-zombie) process.
pid_alive() {
  local pid=$1 st
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -d /proc/$pid ]] || return 1
  st=$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || return 1
  [[ -n $st && $st != Z ]]
}

# wait_pid_gone PID SECONDS: waits until PID exits; false on timeout.
wait_pid_gone() {
  local pid=$1 deadline=$((SECONDS + $2))
  while pid_alive "$pid"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# wait_port_closed PORT SECONDS: waits until nothing listens on PORT; false on timeout.
wait_port_closed() {
  local port=$1 deadline=$((SECONDS + $2))
  while port_open "$port"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# ---------------------------------------------------------------------------------------
# Locking: mutating commands run one at a time (Java test JVMs may race).
# ---------------------------------------------------------------------------------------

# fleet_lock: takes the exclusive fleet lock on $LOCK_FILE via fd 200. If the lock
# file was deleted and recreated (destroy) while we waited, we re-lock the new file.
fleet_lock() {
  local tries=0
  mkdir -p "$DATA"
  while :; do
    exec 200>>"$LOCK_FILE"
    if ! flock -w 600 200; then
      die "timed out after 600 s waiting for the fleet lock $LOCK_FILE"
    fi
    # Same inode as the path now names? Then the lock is the real one.
    if [[ -e $LOCK_FILE && $(stat -L -c %d:%i "/proc/$$/fd/200") == $(stat -c %d:%i "$LOCK_FILE") ]]; then
      return 0
    fi
    exec 200>&-
    mkdir -p "$DATA"
    ((++tries < 20)) || die "could not take a stable lock on $LOCK_FILE"
  done
}

# ---------------------------------------------------------------------------------------
# Endpoints file (read by the Java code)
# ---------------------------------------------------------------------------------------

pg_jdbc() { printf 'jdbc:postgresql://127.0.0.1:%s/%s' "$(component_port "$1")" "$DB_NAME"; }

write_endpoints() {
  local tmp=$ENDPOINTS_FILE.tmp.$$ i names=()
  for ((i = 1; i <= CLUSTERS; i++)); do names+=("c$i"); done
  {
    echo "# Shardwise local fleet endpoints, generated by infra/fleet on $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "fleet.data=$DATA"
    echo "control.jdbc=$(pg_jdbc control)"
    echo "db.user=$DB_USER"
    echo "db.password=$DB_PASSWORD"
    echo "redis.address=redis://127.0.0.1:$(component_port redis)"
    echo "kafka.bootstrap=127.0.0.1:$(component_port kafka)"
    echo "clusters=$(IFS=,; echo "${names[*]}")"
    for ((i = 1; i <= CLUSTERS; i++)); do
      echo "cluster.c$i.primary=$(pg_jdbc "c$i")"
      echo "cluster.c$i.replicas=$(pg_jdbc "c${i}r")"
    done
  } >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$ENDPOINTS_FILE"
}

# The API's cursor-signing key for apps started on the local fleet: SHARDWISE_API_CURSOR_SECRET if
# set, else a random key kept in the fleet's data directory (created on first use), so every app
# instance on the fleet signs alike and restarts keep the cursors clients hold valid.
# Usage: export SHARDWISE_API_CURSOR_SECRET=$(local_cursor_secret "$fleet_data_dir")
local_cursor_secret() {
  if [[ -n ${SHARDWISE_API_CURSOR_SECRET:-} ]]; then
    printf '%s' "$SHARDWISE_API_CURSOR_SECRET"
    return
  fi
  local file=$1/api-cursor-secret
  if [[ ! -s $file ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' >"$file.tmp" && mv "$file.tmp" "$file") \
      || die "cannot write the API cursor secret to $file"
  fi
  cat "$file"
}
