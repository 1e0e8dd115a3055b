# shellcheck shell=bash disable=SC2034  # JAVA, PG_* are used by the other lib files
# Finding (and if need be installing) what the fleet runs on: PostgreSQL server and
# client binaries, redis-server, a JDK >= 17 and Maven.

readonly PG_MIN_MAJOR=13
readonly JAVA_MIN_MAJOR=17

# install_packages PKG...: apt-get installs Debian packages (sudo when not root), running
# 'apt-get update' once if the first attempt fails. Exits with instructions on failure.
install_packages() {
  local sudo=() hint
  hint="install them with: sudo apt-get update && sudo apt-get install -y $*"
  command -v apt-get >/dev/null || die "missing Debian package(s): $* (no apt-get here); $hint"
  if ! is_root; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      die "missing Debian package(s): $* (not root, and sudo is not available without a password); $hint"
    fi
  fi
  log "installing missing Debian package(s): $*"
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -q)
  if ! "${apt[@]}" install --no-install-recommends "$@" </dev/null 200>&-; then
    log "apt-get install failed; running apt-get update and retrying"
    { "${apt[@]}" update && "${apt[@]}" install --no-install-recommends "$@"; } </dev/null 200>&- ||
      die "could not install Debian package(s): $*; $hint"
  fi
}

# find_pg_bin: prints the newest /usr/lib/postgresql/<major>/bin with a server, >= 13.
find_pg_bin() {
  local dir major best="" best_major=0
  if [[ -n ${SHARDWISE_PG_BIN:-} ]]; then echo "$SHARDWISE_PG_BIN"; return 0; fi
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/postgres && -x $dir/initdb && -x $dir/pg_ctl ]] || continue
    major=$(basename "$(dirname "$dir")")
    if [[ $major =~ ^[0-9]+$ ]] && ((major >= PG_MIN_MAJOR && major > best_major)); then
      best=$dir best_major=$major
    fi
  done
  [[ -n $best ]] && echo "$best"
}

# pg_tool NAME: path of a PostgreSQL client tool, preferring the server's own bin dir.
pg_tool() {
  if [[ -x $PG_BIN/$1 ]]; then echo "$PG_BIN/$1"; else command -v "$1" || true; fi
}

# ensure_postgres: sets PG_BIN, PSQL, PG_ISREADY, PG_BASEBACKUP (installing packages if needed).
ensure_postgres() {
  local missing=()
  PG_BIN=$(find_pg_bin) || true
  [[ -n $PG_BIN ]] || missing+=(postgresql)
  if [[ -z $(PG_BIN=${PG_BIN:-/nonexistent} pg_tool psql) || -z $(PG_BIN=${PG_BIN:-/nonexistent} pg_tool pg_basebackup) ]]; then
    missing+=(postgresql-client)
  fi
  if ((${#missing[@]})); then
    install_packages "${missing[@]}"
    PG_BIN=$(find_pg_bin) || die "no PostgreSQL >= $PG_MIN_MAJOR server under /usr/lib/postgresql/*/bin even after installing ${missing[*]}"
  fi
  PSQL=$(pg_tool psql) PG_ISREADY=$(pg_tool pg_isready) PG_BASEBACKUP=$(pg_tool pg_basebackup)
  [[ -n $PSQL && -n $PG_ISREADY && -n $PG_BASEBACKUP ]] ||
    die "psql/pg_isready/pg_basebackup not found; install them with: sudo apt-get install -y postgresql-client"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' OS user (created by the Debian 'postgresql' package)"
    command -v runuser >/dev/null || die "running as root needs 'runuser' (Debian package util-linux)"
  fi
}

# locate_postgres: like ensure_postgres for read-only commands: never installs anything;
# false (PG_BIN empty) when PostgreSQL is not installed.
locate_postgres() {
  PG_BIN=$(find_pg_bin) || { PG_BIN=""; return 1; }
  PSQL=$(pg_tool psql) PG_ISREADY=$(pg_tool pg_isready) PG_BASEBACKUP=$(pg_tool pg_basebackup)
  [[ -n $PSQL && -n $PG_ISREADY ]]
}

ensure_redis() {
  command -v redis-server >/dev/null || install_packages redis-server
  command -v redis-server >/dev/null || die "redis-server not found even after installing the Debian package redis-server"
}

# java_major JAVA_BINARY: prints the feature version (17, 21, ...) of a java binary.
java_major() {
  local bin=$1 home ver
  home=$(dirname "$(dirname "$(readlink -f "$bin")")")
  if [[ -f $home/release ]]; then
    ver=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$home/release")
  fi
  if [[ -z ${ver:-} ]]; then
    ver=$("$bin" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  ver=${ver#1.}
  echo "${ver%%[.+-]*}"
}

# find_java MIN [javac]: prints the first java binary >= MIN (JAVA_HOME, then PATH, then
# /usr/lib/jvm/*); with "javac", only JDKs that can also compile. Prints nothing if none.
find_java() {
  local min=$1 need_javac=${2:-} cand major
  local cands=()
  [[ -n ${JAVA_HOME:-} ]] && cands+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null && cands+=("$(command -v java)")
  for cand in /usr/lib/jvm/*/bin/java; do cands+=("$cand"); done
  for cand in "${cands[@]}"; do
    [[ -x $cand ]] || continue
    if [[ $need_javac == javac && ! -x $(dirname "$(readlink -f "$cand")")/javac ]]; then
      continue
    fi
    major=$(java_major "$cand")
    if [[ $major =~ ^[0-9]+$ ]] && ((major >= min)); then
      echo "$cand"
      return 0
    fi
  done
}

# ensure_java: sets JAVA to a java binary >= 17 for Kafka.
ensure_java() {
  JAVA=$(find_java "$JAVA_MIN_MAJOR")
  [[ -n $JAVA ]] || die "Kafka needs a JDK >= $JAVA_MIN_MAJOR (checked JAVA_HOME, java on PATH, /usr/lib/jvm/*); install one with: sudo apt-get install -y openjdk-17-jdk-headless"
}

ensure_maven() {
  command -v mvn >/dev/null || install_packages maven
  command -v mvn >/dev/null || die "mvn not found even after installing the Debian package maven"
}

check_base_tools() {
  local t
  for t in flock setsid stat awk sed od timeout; do
    command -v "$t" >/dev/null || die "required tool '$t' not found (Debian packages util-linux / coreutils)"
  done
}
