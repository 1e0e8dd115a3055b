# shellcheck shell=bash
# Finding a JDK that can build and run Shardwise (language level 21). Sourced by infra/test,
# infra/run and infra/admin after lib/common.sh and lib/deps.sh.

BUILD_JAVA_MIN=21

# ensure_build_jdk: exports JAVA_HOME (and PATH) for a JDK >= 21 that has javac.
ensure_build_jdk() {
  local java
  java=$(find_java "$BUILD_JAVA_MIN" javac)
  [[ -n $java ]] || die "Shardwise builds with a JDK >= $BUILD_JAVA_MIN and found none (checked JAVA_HOME, java on PATH, /usr/lib/jvm/*). Install one, e.g. 'sudo apt-get install -y openjdk-21-jdk-headless' (Debian 13) or Temurin 21/25, then set JAVA_HOME."
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java")")")
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}
