#!/usr/bin/env bash
# Dumps the che168-sync database with pg_dump (custom format) and writes a sidecar FILE.counts with
# the row count of every table, taken in the very snapshot pg_dump reads, plus the dump's SHA-256.
# Both files are created 0600: the dump holds every API token.
# scripts/restore_db.sh checks the restored database against that sidecar.
#
# Usage: scripts/dump_db.sh [--output FILE] [--env-file FILE]
# Settings: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME from the environment or .env; PG_BIN
# optionally names the directory of the PostgreSQL client tools. Exit: 0 OK, 1 failed, 2 refused.
set -euo pipefail
# the dump holds every API token: it and its sidecar are created readable by their owner only (0600)
umask 077
. "$(dirname "$0")/lib/pg_common.sh"

usage() {
  cat <<'EOF'
Usage: scripts/dump_db.sh [--output FILE] [--env-file FILE] [--config FILE]

Dumps the che168-sync database (pg_dump custom format) and writes FILE.counts next to it: the row
count of every table in the dumped snapshot and the dump's SHA-256, checked by scripts/restore_db.sh.

  -o, --output FILE    where to write the dump (default: ./che168-<database>-<YYYYmmdd-HHMMSS>.dump)
EOF
  settings_help pg_dump "the server"
  echo "Exit codes: 0 OK, 1 the dump failed, 2 refused (settings, tools, server, target file)."
}

output=""
env_file=""
config_file=""
while [ $# -gt 0 ]; do
  if settings_option "$@"; then shift "$SHIFT_BY"; continue; fi
  case $1 in
    -o | --output)
      [ $# -ge 2 ] || refuse "$1 needs a file name"
      output=$2
      shift 2
      ;;
    --output=*) output=${1#*=}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; refuse "unknown argument: $1" ;;
  esac
done

load_settings "$env_file" "$config_file"
[ -n "$output" ] || output="./che168-$DB_NAME-$(date '+%Y%m%d-%H%M%S').dump"
[ -d "$(dirname "$output")" ] || refuse "the directory of $output does not exist"
[ ! -e "$output" ] || refuse "$output already exists; choose another --output or remove it"

PSQL=$(find_tool psql) || exit 2
connect_check
PG_DUMP=$(find_tool pg_dump "$SERVER_MAJOR") || exit 2
dump_major=$(tool_major "$PG_DUMP") || exit 2
if [ "$dump_major" -lt "$SERVER_MAJOR" ]; then
  refuse "$PG_DUMP is version $dump_major but the server $(db_label) runs PostgreSQL $SERVER_MAJOR:" \
    "pg_dump cannot dump a newer server. Install the PostgreSQL $SERVER_MAJOR client tools" \
    "(Debian/Ubuntu: apt install postgresql-client-$SERVER_MAJOR) or set PG_BIN to their directory."
fi

started=$SECONDS
partial="$output.partial"
workdir=$(mktemp -d)
cleanup() {
  if [ -n "${session_pid:-}" ]; then
    kill "$session_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
  rm -f "$partial"
}
trap cleanup EXIT

# One read-only REPEATABLE READ transaction exports its snapshot: the counts below and pg_dump then see
# exactly the same rows even if a job writes meanwhile.
coproc PSQL_SESSION { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 2>"$workdir/session.err"; }
# bash unsets PSQL_SESSION_PID as soon as the coprocess exits: keep our own copy for cleanup and wait
session_pid=$PSQL_SESSION_PID
session_in=${PSQL_SESSION[1]}
session_out=${PSQL_SESSION[0]}

# session_query SQL: the result lines of SQL in the snapshot session.
session_query() {
  local line
  printf '%s;\nSELECT %s;\n' "$1" "'--end-of-result--'" >&"$session_in"
  while IFS= read -r -t 600 line <&"$session_out"; do
    [ "$line" = "--end-of-result--" ] && return 0
    printf '%s\n' "$line"
  done
  log_error "the snapshot session stopped answering: $(head -n 2 "$workdir/session.err" | tr '\n' ' ')"
  exit 1
}

snapshot=$(session_query "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot()")
counts=$(session_query "$COUNT_ROWS_SQL")
require_che168_tables "$counts"
schema_version="?"
if grep -q '^flyway_schema_history|' <<<"$counts"; then
  schema_version=$(session_query "SELECT coalesce(max(version), '?') FROM flyway_schema_history WHERE success")
fi

log_info "Dumping $(db_label) (PostgreSQL $SERVER_MAJOR) with $PG_DUMP (version $dump_major) to $output"
print_counts "$counts"
if ! "$PG_DUMP" --format=custom --snapshot="$snapshot" --file="$partial" 2>"$workdir/pg_dump.err"; then
  log_error "pg_dump failed: $(head -n 5 "$workdir/pg_dump.err" | tr '\n' ' ')"
  exit 1
fi
printf 'COMMIT;\n' >&"$session_in"
exec {session_in}>&-
wait "$session_pid" 2>/dev/null || true
session_pid=""

# a readable archive that holds the data of every table counted
PG_RESTORE="$(dirname "$PG_DUMP")/pg_restore"
[ -x "$PG_RESTORE" ] || PG_RESTORE=$(find_tool pg_restore "$dump_major") || exit 2
listing=$("$PG_RESTORE" --list "$partial" 2>&1) || {
  log_error "the new dump cannot be read back by pg_restore --list: $(head -n 2 <<<"$listing" | tr '\n' ' ')"
  exit 1
}
while IFS='|' read -r table rows; do
  grep -Eq "TABLE DATA public $table " <<<"$listing" || {
    log_error "the dump has no data entry for table $table"
    exit 1
  }
done <<<"$counts"

mv "$partial" "$output"
sidecar="$output.counts"
{
  printf '# che168-sync dump of %s, written by scripts/dump_db.sh; read by scripts/restore_db.sh\n' "$(db_label)"
  printf 'dumped_at=%s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')"
  printf 'server_major=%s\n' "$SERVER_MAJOR"
  printf 'pg_dump_major=%s\n' "$dump_major"
  printf 'schema_version=%s\n' "$schema_version"
  printf 'sha256=%s\n' "$(sha256_of "$output")"
  while IFS='|' read -r table rows; do
    printf 'rows.%s=%s\n' "$table" "$rows"
  done <<<"$counts"
} >"$sidecar"

size=$(du -h "$output" | cut -f1)
log_info "Dump OK: $output ($size) and $sidecar in $((SECONDS - started)) s"
