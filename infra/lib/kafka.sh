# shellcheck shell=bash
# Kafka: a single-node KRaft broker in combined mode (process.roles=broker,controller),
# run as `java kafka.Kafka server.properties` from Maven Central jars.
#
# Layout: $KAFKA_DIR/libs/          jars (from infra/kafka/pom.xml), .complete when fetched
#         $KAFKA_DIR/server.properties, cluster.id, kafka.pid
#         $KAFKA_DIR/data/          log.dirs (KRaft metadata + topic data), .formatted
#         $KAFKA_DIR/logs/          server.log (log4j2) ; kafka.out (stdout/stderr)

readonly KAFKA_START_TIMEOUT=90
readonly KAFKA_HEAP=(-Xms128m -Xmx512m)

kafka_log() { echo "$KAFKA_DIR/logs/server.log"; }
kafka_props() { echo "$KAFKA_DIR/server.properties"; }

# kafka_pid: prints the broker pid if it is running (pid file, checked against cmdline).
kafka_pid() {
  local pid
  [[ -r $KAFKA_DIR/kafka.pid ]] || return 1
  pid=$(head -n 1 "$KAFKA_DIR/kafka.pid" 2>/dev/null) || return 1
  pid_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $(kafka_props)" || return 1
  echo "$pid"
}

# kafka_fetch_libs: downloads the broker jars once (mvn dependency:copy-dependencies).
kafka_fetch_libs() {
  local libs=$KAFKA_DIR/libs
  [[ -f $libs/.complete ]] && return 0
  ensure_maven
  log "[kafka] fetching Kafka jars with Maven into $libs (first run only)"
  rm -rf "$libs"
  mkdir -p "$KAFKA_DIR/logs"
  JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$JAVA")")")} \
    mvn -B -q -f "$INFRA_DIR/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs" \
    </dev/null >"$KAFKA_DIR/logs/mvn.log" 2>&1 200>&- ||
    die_log kafka "$KAFKA_DIR/logs/mvn.log" "Maven could not fetch the Kafka jars (infra/kafka/pom.xml)"
  touch "$libs/.complete"
}

kafka_write_props() {
  cat >"$(kafka_props).tmp" <<EOF
# Written by infra/fleet: single-node KRaft broker+controller for local dev/test.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$(component_port kafka-controller)
listeners=PLAINTEXT://127.0.0.1:$(component_port kafka),CONTROLLER://127.0.0.1:$(component_port kafka-controller)
advertised.listeners=PLAINTEXT://127.0.0.1:$(component_port kafka)
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$KAFKA_DIR/data
num.partitions=1
auto.create.topics.enable=true
# One broker: every internal topic has replication factor 1, and few partitions so
# that the first consumer group / transaction / share group starts quickly.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# After a crash (kill -9) the restarted broker must wait for its old registration to
# expire before it is unfenced; a short session keeps that wait ~4 s instead of ~9 s.
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=4000
log.retention.hours=24
log.segment.bytes=67108864
EOF
  mv -f "$(kafka_props).tmp" "$(kafka_props)"
}

# kafka_new_uuid: a random Kafka cluster id (16 random bytes, base64url, no padding).
kafka_new_uuid() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ $id == -* ]] || { echo "$id"; return 0; }
  done
}

# kafka_format: formats the KRaft storage once, with a persisted cluster id.
kafka_format() {
  local data=$KAFKA_DIR/data uuid
  [[ -f $data/.formatted && -f $data/meta.properties ]] && return 0
  [[ -s $KAFKA_DIR/cluster.id ]] || kafka_new_uuid >"$KAFKA_DIR/cluster.id"
  uuid=$(<"$KAFKA_DIR/cluster.id")
  log "[kafka] formatting KRaft storage (cluster id $uuid)"
  rm -rf "$data"
  (cd "$KAFKA_DIR" && "$JAVA" "${KAFKA_HEAP[@]}" -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.properties" \
    -Dkafka.logs.dir="$KAFKA_DIR/logs" -cp 'libs/*' kafka.tools.StorageTool format \
    -t "$uuid" -c "$(kafka_props)") </dev/null >"$KAFKA_DIR/logs/format.log" 2>&1 200>&- ||
    die_log kafka "$KAFKA_DIR/logs/format.log" "kafka-storage format failed"
  touch "$data/.formatted"
}

# kafka_launch: starts the broker JVM in its own session, detached from our stdio.
kafka_launch() {
  local port
  port=$(component_port kafka)
  kafka_pid >/dev/null && return 0
  for port in "$port" "$(component_port kafka-controller)"; do
    port_open "$port" && die "[kafka] port $port is already in use by a process that is not this fleet's kafka"
  done
  kafka_fetch_libs
  kafka_write_props
  kafka_format
  rm -f "$KAFKA_DIR/kafka.pid"
  (cd "$KAFKA_DIR" && exec setsid "$JAVA" "${KAFKA_HEAP[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.properties" -Dkafka.logs.dir="$KAFKA_DIR/logs" \
    -cp 'libs/*' kafka.Kafka "$(kafka_props)") </dev/null >>"$KAFKA_DIR/logs/kafka.out" 2>&1 200>&- &
  echo $! >"$KAFKA_DIR/kafka.pid"
}

# kafka_is_ready: the broker answers a real Metadata request (v12) and lists >= 1 live
# broker. Raw Kafka protocol over bash's /dev/tcp; no JVM needed.
kafka_is_ready() {
  local hex
  hex=$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/127.0.0.1/$(component_port kafka)" || exit 1
    # size=20 | api_key=3 (Metadata) | version=12 | correlation_id=7 | client_id="fleet"
    # | header tags=0 | topics=null | allow_auto_create=0 | include_auth_ops=0 | tags=0
    printf '\x00\x00\x00\x14\x00\x03\x00\x0c\x00\x00\x00\x07\x00\x05fleet\x00\x00\x00\x00\x00' >&3
    timeout 3 head -c 14 <&3 | od -An -v -tx1 | tr -d ' \n'
  ) || return 1
  # Response: size(4) correlation_id(4)=7 header-tags(1) throttle(4) brokers(uvarint N+1)
  [[ ${#hex} -eq 28 && ${hex:8:8} == 00000007 ]] || return 1
  ((16#${hex:26:2} >= 2))
}

kafka_wait_ready() {
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT)) pid
  pid=$(head -n 1 "$KAFKA_DIR/kafka.pid" 2>/dev/null || true)
  until kafka_is_ready; do
    if ! pid_alive "$pid"; then
      tail -n 5 "$KAFKA_DIR/logs/kafka.out" 2>/dev/null | sed 's/^/  kafka.out | /' >&2 || true
      die_log kafka "$(kafka_log)" "the broker JVM (pid ${pid:-?}) exited during start-up"
    fi
    ((SECONDS < deadline)) || die_log kafka "$(kafka_log)" "no Metadata answer from 127.0.0.1:$(component_port kafka) after ${KAFKA_START_TIMEOUT}s"
    sleep 0.2
  done
}

kafka_up() {
  kafka_launch
  kafka_wait_ready
}

kafka_stop() {
  local pid
  pid=$(kafka_pid) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_pid_gone "$pid" 20; then
    warn "[kafka] pid $pid did not stop within 20s of SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_pid_gone "$pid" 5 || die_log kafka "$(kafka_log)" "pid $pid is still running after SIGKILL"
  fi
  wait_port_closed "$(component_port kafka)" 10 || die "[kafka] port $(component_port kafka) is still open after stopping pid $pid"
  wait_port_closed "$(component_port kafka-controller)" 10 || die "[kafka] port $(component_port kafka-controller) is still open after stopping pid $pid"
  rm -f "$KAFKA_DIR/kafka.pid"
}
