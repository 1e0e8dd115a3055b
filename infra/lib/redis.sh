# shellcheck shell=bash
# Redis: one redis-server process on 127.0.0.1:$PORT_BASE+1, no persistence.

redis_log() { echo "$REDIS_DIR/redis.log"; }

# redis_pid: prints the pid of our redis-server if it is running.
redis_pid() {
  local pid
  [[ -r $REDIS_DIR/redis.pid ]] || return 1
  pid=$(head -n 1 "$REDIS_DIR/redis.pid" 2>/dev/null) || return 1
  pid_alive "$pid" || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == redis-server* ]] || return 1
  echo "$pid"
}

# redis_is_ready: PING answered with PONG (plain RESP over bash's /dev/tcp).
redis_is_ready() {
  local reply
  reply=$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/127.0.0.1/$(component_port redis)" || exit 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 line <&3 && printf '%s' "$line"
  ) || return 1
  [[ $reply == $'+PONG\r' ]]
}

redis_up() {
  local port logfile deadline
  port=$(component_port redis) logfile=$(redis_log)
  mkdir -p "$REDIS_DIR"
  if ! redis_pid >/dev/null; then
    port_open "$port" && die "[redis] port $port is already in use by a process that is not this fleet's redis"
    rm -f "$REDIS_DIR/redis.pid"
    redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes \
      --save '' --appendonly no --daemonize yes --dir "$REDIS_DIR" \
      --pidfile "$REDIS_DIR/redis.pid" --logfile "$logfile" --loglevel warning \
      </dev/null >>"$REDIS_DIR/redis.out" 2>&1 200>&- ||
      die_log redis "$logfile" "redis-server failed to start"
  fi
  deadline=$((SECONDS + 30))
  until redis_is_ready; do
    ((SECONDS < deadline)) || die_log redis "$logfile" "no PONG from 127.0.0.1:$port after 30s"
    sleep 0.05
  done
}

redis_stop() {
  local pid port
  port=$(component_port redis)
  pid=$(redis_pid) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_pid_gone "$pid" 15; then
    warn "[redis] pid $pid ignored SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_pid_gone "$pid" 5 || die_log redis "$(redis_log)" "pid $pid is still running after SIGKILL"
  fi
  wait_port_closed "$port" 10 || die "[redis] port $port is still open after stopping pid $pid"
  rm -f "$REDIS_DIR/redis.pid"
}
