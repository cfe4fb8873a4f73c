#!/usr/bin/env bash
# Restores a dump written by scripts/dump_db.sh into the database named by the DB_* settings with
# pg_restore, then compares the row count of every table with the sidecar FILE.counts.
#
# Usage: scripts/restore_db.sh [--clean] [--jobs N] [--env-file FILE] [--no-count-check] FILE
# Exit: 0 OK (every count matches), 1 the restore failed or a count differs, 2 refused.
set -euo pipefail
. "$(dirname "$0")/lib/pg_common.sh"

usage() {
  cat <<'EOF'
Usage: scripts/restore_db.sh [options] FILE

Restores FILE (written by scripts/dump_db.sh) into the database of the DB_* settings, then checks that
every table has exactly the row count recorded in FILE.counts. The database must exist; it must not
hold che168-sync tables yet unless --clean is given.

  --clean              drop the objects of the dump that already exist in the target before restoring
  --jobs N             parallel pg_restore jobs (default 2)
  --no-count-check     restore without FILE.counts (no SHA-256 or row count check)
EOF
  settings_help pg_restore "the dump"
  cat <<'EOF'
Exit codes: 0 OK, 1 the restore failed or a row count differs, 2 refused (file, settings, tools, server,
target not empty).
EOF
}

dump=""
env_file=""
config_file=""
clean=false
jobs=2
count_check=true
while [ $# -gt 0 ]; do
  if settings_option "$@"; then shift "$SHIFT_BY"; continue; fi
  case $1 in
    --clean) clean=true; shift ;;
    --jobs)
      [ $# -ge 2 ] || refuse "--jobs needs a number"
      jobs=$2
      shift 2
      ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    --no-count-check) count_check=false; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; refuse "unknown option: $1" ;;
    *)
      [ -z "$dump" ] || refuse "only one dump file, got '$dump' and '$1'"
      dump=$1
      shift
      ;;
  esac
done

[ -n "$dump" ] || { usage >&2; refuse "which dump? Give the file written by scripts/dump_db.sh"; }
[ -e "$dump" ] || refuse "dump file $dump does not exist"
[ -f "$dump" ] && [ -r "$dump" ] || refuse "dump file $dump is not a readable file"
[[ $jobs =~ ^[1-9][0-9]?$ ]] || refuse "--jobs must be a number from 1 to 99, got '$jobs'"

sidecar="$dump.counts"
expected=""
dump_major=""
server_major_of_dump=""
if $count_check; then
  [ -r "$sidecar" ] || refuse "$sidecar is missing: it is written by scripts/dump_db.sh next to the dump" \
    "and holds the row counts to check. Copy it along, or pass --no-count-check to restore without the check."
  expected=$(sed -n 's/^rows\.\([A-Za-z0-9_]*\)=\([0-9][0-9]*\)$/\1|\2/p' "$sidecar")
  [ -n "$expected" ] || refuse "$sidecar holds no row counts (rows.<table>=<n> lines): is it a sidecar of dump_db.sh?"
  dump_major=$(sed -n 's/^pg_dump_major=\([0-9]*\)$/\1/p' "$sidecar")
  server_major_of_dump=$(sed -n 's/^server_major=\([0-9]*\)$/\1/p' "$sidecar")
  recorded_sha=$(sed -n 's/^sha256=\([0-9a-f]*\)$/\1/p' "$sidecar")
  if [ -n "$recorded_sha" ]; then
    actual_sha=$(sha256_of "$dump")
    if [ -z "$actual_sha" ]; then
      log_warn "no sha256sum/shasum here: the dump's checksum is not verified"
    elif [ "$actual_sha" != "$recorded_sha" ]; then
      refuse "$dump is damaged or not the file $sidecar belongs to (SHA-256 differs): copy it again"
    fi
  fi
fi

load_settings "$env_file" "$config_file"
PSQL=$(find_tool psql) || exit 2
PG_RESTORE=$(find_tool pg_restore "$dump_major") || exit 2
restore_major=$(tool_major "$PG_RESTORE") || exit 2
if [ -n "$dump_major" ] && [ "$restore_major" -lt "$dump_major" ]; then
  refuse "$PG_RESTORE is version $restore_major but the dump was written by pg_dump $dump_major:" \
    "pg_restore cannot read a newer archive. Install the PostgreSQL $dump_major client tools" \
    "(Debian/Ubuntu: apt install postgresql-client-$dump_major) or set PG_BIN to their directory."
fi
if ! listing=$("$PG_RESTORE" --list "$dump" 2>&1); then
  refuse "$dump is not a readable pg_dump custom-format archive: $(head -n 2 <<<"$listing" | tr '\n' ' ')"
fi

connect_check
if [ -n "$server_major_of_dump" ] && [ "$SERVER_MAJOR" -lt "$server_major_of_dump" ]; then
  refuse "the dump comes from PostgreSQL $server_major_of_dump, the target $(db_label) runs $SERVER_MAJOR:" \
    "restoring into an older server is not supported. Use PostgreSQL $server_major_of_dump or newer."
fi

before=$(psql_query "$COUNT_ROWS_SQL") || refuse "cannot count the rows of $(db_label)"
if [ -n "$before" ]; then
  existing=$(grep -E "^($(tr ' ' '|' <<<"$CHE168_REQUIRED_TABLES")|flyway_schema_history)\|" <<<"$before" || true)
  if [ -n "$existing" ] && ! $clean; then
    log_error "$(db_label) already holds che168-sync tables:"
    print_counts "$existing" >&2
    refuse "restore into an empty database, or pass --clean to replace those objects with the dump's"
  fi
fi

started=$SECONDS
log_info "Restoring $dump into $(db_label) (PostgreSQL $SERVER_MAJOR) with $PG_RESTORE (version $restore_major)," \
  "$jobs jobs$($clean && printf ', --clean')"
restore_args=(--no-owner --no-privileges --exit-on-error --jobs="$jobs" --dbname="$DB_NAME")
$clean && restore_args+=(--clean --if-exists)
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
if ! "$PG_RESTORE" "${restore_args[@]}" "$dump" 2>"$errors"; then
  log_error "pg_restore failed: $(grep -v '^$' "$errors" | head -n 5 | tr '\n' ' ')"
  exit 1
fi
log_info "Restored in $((SECONDS - started)) s; updating the planner statistics (ANALYZE)"
# only the restored tables: a plain ANALYZE by the database's owner (not a superuser) also tries the system catalogs
# and warns 'skipping "pg_toast_…" --- only superuser can analyze it' once for each of them
tables=$(psql_query "SELECT string_agg(format('public.%I', c.relname), ', ' ORDER BY c.relname) FROM pg_class c
  JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p')") &&
  psql_query "ANALYZE $tables" >/dev/null || log_warn "ANALYZE failed; run it by hand before serving the API"

after=$(psql_query "$COUNT_ROWS_SQL") || { log_error "cannot count the rows of the restored $(db_label)"; exit 1; }
print_counts "$after"
if ! $count_check; then
  log_info "Restore OK in $((SECONDS - started)) s (row counts not checked: --no-count-check)"
  exit 0
fi

mismatches=0
while IFS='|' read -r table rows; do
  actual=$(sed -n "s/^$table|//p" <<<"$after")
  if [ "$actual" != "$rows" ]; then
    log_error "table $table: $rows rows in the dump, ${actual:-no table} after the restore"
    mismatches=$((mismatches + 1))
  fi
done <<<"$expected"
if [ "$mismatches" -gt 0 ]; then
  log_error "Restore finished with $mismatches table(s) whose row count differs from $sidecar"
  exit 1
fi
log_info "Restore OK in $((SECONDS - started)) s: all $(wc -l <<<"$expected") tables have the row counts of $sidecar"
