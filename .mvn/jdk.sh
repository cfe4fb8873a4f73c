# shellcheck shell=sh
# Finds a JDK 21 or newer, for ./mvnw, ./che168 and .ci/run (POSIX sh: sourced by all three).
# pick_jdk [build]: prints the JDK's home; looks at JAVA_HOME, then every JDK under CHE168_JVM_DIR (default
# /usr/lib/jvm), then the `java` on PATH. With "build", only a JDK that has javac. Returns 1 when there is none.

# the major version of the JDK whose java is $1: from its `release` file (free), else by asking java (~0.2 s)
java_major() {
  _jm_home="$(dirname "$(dirname "$1")")"
  if [ -f "$_jm_home/release" ]; then
    _jm_version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$_jm_home/release")
    _jm_version=${_jm_version#1.}
    if [ -n "$_jm_version" ]; then
      echo "${_jm_version%%[.+-]*}"
      return
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# true when $1 is a JDK home of version 21+ (with javac when $2 = build)
jdk_fits() {
  [ -x "$1/bin/java" ] || return 1
  if [ "${2:-}" = build ] && [ ! -x "$1/bin/javac" ]; then return 1; fi
  _jf_major=$(java_major "$1/bin/java")
  [ -n "$_jf_major" ] && [ "${_jf_major%%.*}" -ge 21 ] 2>/dev/null
}

pick_jdk() {
  for _pj_candidate in ${JAVA_HOME:+"$JAVA_HOME"} "${CHE168_JVM_DIR:-/usr/lib/jvm}"/*; do
    if jdk_fits "$_pj_candidate" "${1:-}"; then
      echo "$_pj_candidate"
      return 0
    fi
  done
  if command -v java >/dev/null 2>&1; then
    _pj_candidate="$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)"
    if jdk_fits "$_pj_candidate" "${1:-}"; then
      echo "$_pj_candidate"
      return 0
    fi
  fi
  return 1
}
