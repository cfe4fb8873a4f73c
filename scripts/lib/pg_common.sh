# Shared helpers of scripts/dump_db.sh and scripts/restore_db.sh (sourced, not run).
#
# Settings (docs/rules.md#commands-and-exit-codes), with the product's precedence: the environment, then the .env file (default ./.env),
# then the database section of config.yaml (default ./config.yaml), then the product's built-in defaults
# (DB_PORT 5432, DB_USER postgres, DB_NAME che168). PG_BIN optionally names the directory of the PostgreSQL
# client tools to use. The password only ever reaches the PostgreSQL tools through
# PGPASSWORD in their environment: it is never printed, never on a command line.
#
# Exit codes, like ./che168: 0 OK, 1 finished with errors, 2 refused (usage, settings, tools, server).

# The tables every che168-sync database has; a database without them is refused.
readonly CHE168_REQUIRED_TABLES="raw_data processed_data api_tokens operations_log sync_state"

log_info() { printf '%s [INFO] %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*"; }
log_warn() { printf '%s [WARNING] %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*" >&2; }
log_error() { printf '%s [ERROR] %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*" >&2; }

# refuse MESSAGE...: print the error and exit 2 (refused).
refuse() {
  log_error "$@"
  exit 2
}

# settings_option ARGS...: the options both scripts take, when "$1" is one: --env-file FILE and --config FILE
# (also --env-file=FILE, --config=FILE). Sets env_file or config_file and SHIFT_BY (how many words it used);
# returns 1 for any other word. Use: if settings_option "$@"; then shift "$SHIFT_BY"; continue; fi
settings_option() {
  local value
  case $1 in
    --env-file | --config)
      [ $# -ge 2 ] || refuse "$1 needs a file name"
      value=$2
      SHIFT_BY=2
      ;;
    --env-file=* | --config=*)
      value=${1#*=}
      SHIFT_BY=1
      ;;
    *) return 1 ;;
  esac
  case $1 in
    --env-file*) env_file=$value ;;
    *) config_file=$value ;;
  esac
}

# settings_help TOOL REFERENCE: the part of --help both scripts share (the settings options, their precedence and
# where the PostgreSQL TOOL is looked for; REFERENCE names whose major version picks the tools by default).
settings_help() {
  cat <<EOF
  --env-file FILE      read DB_* settings from FILE instead of ./.env (environment variables win)
  --config FILE        the product's config.yaml (default ./config.yaml): its database section
  -h, --help           this help

Settings, as the product reads them (environment > .env > config.yaml > defaults): DB_HOST, DB_PORT (5432),
DB_USER (postgres), DB_PASSWORD, DB_NAME (che168); PG_BIN = directory of $1/psql
(default: the tools of $2's major version when installed, else PATH).
EOF
}

# load_env_file FILE: exports the DB_* and PG_BIN keys of a dotenv file; variables that are already
# set in the environment win (docs/rules.md#settings-logging-and-locks: environment variables override .env). The file is parsed, never
# sourced: nothing in it is executed.
load_env_file() {
  local file=$1 line key value number=0
  [ -r "$file" ] || refuse "cannot read the settings file $file"
  while IFS= read -r line || [ -n "$line" ]; do
    number=$((number + 1))
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    line=${line#export }
    if [[ ! $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]]; then
      log_warn "$file line $number is not KEY=VALUE; ignored"
      continue
    fi
    key=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    case $key in
      DB_HOST | DB_PORT | DB_USER | DB_PASSWORD | DB_NAME | DATA_DIR | PG_BIN) ;;
      *) continue ;;
    esac
    if [ -z "${!key+set}" ]; then
      export "$key=$(unquote "$value")"
    fi
  done <"$file"
}

# unquote VALUE: a YAML/dotenv scalar without its quotes, or without a trailing " # comment" when unquoted.
unquote() {
  local value=$1
  if [[ $value =~ ^\"(.*)\"[[:space:]]*(#.*)?$ ]] || [[ $value =~ ^\'(.*)\'[[:space:]]*(#.*)?$ ]]; then
    printf '%s' "${BASH_REMATCH[1]}"
  else
    value=${value%%[[:space:]]#*}
    printf '%s' "${value%"${value##*[![:space:]]}"}"
  fi
}

# load_config_yaml FILE: database.host/port/user/name of the product's config.yaml, for the DB_* variables that
# are still unset (only that section is read; the product validates the whole file).
load_config_yaml() {
  local file=$1 line in_database=false variable
  [ -r "$file" ] || refuse "cannot read the config file $file"
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    if [[ $line =~ ^[^[:space:]] ]]; then
      if [[ $line =~ ^database:[[:space:]]*(#.*)?$ ]]; then in_database=true; else in_database=false; fi
      if [[ $line =~ ^data_dir:[[:space:]]*(.*)$ ]] && [ -z "${DATA_DIR+set}" ]; then
        export "DATA_DIR=$(unquote "${BASH_REMATCH[1]}")"
      fi
      continue
    fi
    $in_database || continue
    [[ $line =~ ^[[:space:]]+(host|port|user|name):[[:space:]]*(.*)$ ]] || continue
    case ${BASH_REMATCH[1]} in
      host) variable=DB_HOST ;;
      port) variable=DB_PORT ;;
      user) variable=DB_USER ;;
      name) variable=DB_NAME ;;
    esac
    if [ -z "${!variable+set}" ]; then
      export "$variable=$(unquote "${BASH_REMATCH[2]}")"
    fi
  done <"$file"
}

# load_settings ENV_FILE CONFIG_FILE: reads the settings (either file may be empty: ./.env and ./config.yaml
# when they exist) and exports the libpq variables for the tools.
load_settings() {
  local env_file=${1:-} config_file=${2:-}
  if [ -n "$env_file" ]; then
    load_env_file "$env_file"
  elif [ -f .env ]; then
    load_env_file .env
  fi
  if [ -n "$config_file" ]; then
    load_config_yaml "$config_file"
  elif [ -f config.yaml ]; then
    load_config_yaml config.yaml
  fi
  if [ -z "${DB_HOST:-}" ]; then
    use_embedded_server
  fi
  DB_PORT=${DB_PORT:-5432}
  [[ $DB_PORT =~ ^[0-9]+$ ]] && [ "$DB_PORT" -ge 1 ] && [ "$DB_PORT" -le 65535 ] ||
    refuse "DB_PORT must be a port number (1-65535), got '$DB_PORT'"
  DB_USER=${DB_USER:-postgres}
  DB_NAME=${DB_NAME:-che168}
  export PGHOST=$DB_HOST PGPORT=$DB_PORT PGUSER=$DB_USER PGDATABASE=$DB_NAME
  export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}
  # an empty password is legitimate (trust/peer authentication): then libpq may use ~/.pgpass
  if [ -n "${DB_PASSWORD:-}" ]; then
    export PGPASSWORD=$DB_PASSWORD
  else
    unset PGPASSWORD
  fi
  unset PGSERVICE PGOPTIONS
}

# use_embedded_server: without DB_HOST the product uses its embedded PostgreSQL (DATA_DIR/postgres/cluster, superuser
# postgres, localhost only, its password in the owner-only file DATA_DIR/postgres/superuser.password). The scripts use
# it while it runs (any che168 command keeps it up, e.g. serve); they do not start it themselves.
use_embedded_server() {
  local data_dir=${DATA_DIR:-./data} pidfile port password_file
  pidfile="$data_dir/postgres/cluster/postmaster.pid"
  password_file="$data_dir/postgres/superuser.password"
  if [ ! -f "$pidfile" ]; then
    refuse "DB_HOST is not set (environment, .env or config.yaml database.host), so the database is the embedded" \
      "PostgreSQL under $data_dir/postgres, and it is not running. Keep a che168 command running while dumping" \
      "(e.g. ./che168 serve in another terminal), or set DB_HOST, DB_PORT, DB_USER, DB_PASSWORD and DB_NAME."
  fi
  port=$(sed -n '4p' "$pidfile")
  [[ $port =~ ^[0-9]+$ ]] || refuse "cannot read the port of the embedded PostgreSQL from $pidfile"
  [ -r "$password_file" ] || refuse "cannot read the embedded PostgreSQL's password file $password_file" \
    "(run the script as the user that runs che168)"
  DB_PASSWORD=$(head -n 1 "$password_file")
  export DB_HOST=localhost DB_PORT=$port DB_USER=postgres DB_PASSWORD
  log_info "DB_HOST is not set: using the embedded PostgreSQL running under $data_dir/postgres (port $port)"
}

# db_label: how the scripts name the database in messages (never with the password).
db_label() {
  printf '%s@%s:%s/%s' "$DB_USER" "$DB_HOST" "$DB_PORT" "$DB_NAME"
}

# find_tool NAME [MAJOR]: path of a PostgreSQL client tool. PG_BIN wins; else the versioned install
# directories of MAJOR (Debian/Ubuntu, RHEL, Homebrew); else PATH.
find_tool() {
  local name=$1 major=${2:-} dir
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/$name" ] || refuse "$name not found in PG_BIN=$PG_BIN"
    printf '%s\n' "$PG_BIN/$name"
    return 0
  fi
  if [ -n "$major" ]; then
    for dir in "/usr/lib/postgresql/$major/bin" "/usr/pgsql-$major/bin" \
      "/opt/homebrew/opt/postgresql@$major/bin" "/usr/local/opt/postgresql@$major/bin"; do
      if [ -x "$dir/$name" ]; then
        printf '%s\n' "$dir/$name"
        return 0
      fi
    done
  fi
  command -v "$name" || refuse "$name not found: install the PostgreSQL client tools" \
    "(Debian/Ubuntu: apt install postgresql-client-${major:-17}) or set PG_BIN to their directory"
}

# tool_major PATH: the major version of a PostgreSQL tool (pg_dump (PostgreSQL) 17.2 -> 17).
tool_major() {
  local version
  version=$("$1" --version 2>/dev/null) || refuse "$1 --version failed"
  if [[ $version =~ \)[[:space:]]+([0-9]+) ]]; then
    printf '%s\n' "${BASH_REMATCH[1]}"
  else
    refuse "cannot read the version of $1 ('$version')"
  fi
}

# psql_query SQL: runs one query on the target database, unaligned output, errors to stderr.
psql_query() {
  "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"
}

# connect_check: refuses with a clear message when the server cannot be reached; sets SERVER_MAJOR.
connect_check() {
  local out
  if ! out=$("$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -c "SHOW server_version_num" 2>&1); then
    refuse "cannot connect to PostgreSQL at $(db_label): $(printf '%s' "$out" | grep -v '^$' | head -n 2 | tr '\n' ' ')"
  fi
  out=$(printf '%s' "$out" | tail -n 1)
  [[ $out =~ ^[0-9]+$ ]] || refuse "unexpected answer from $(db_label) to SHOW server_version_num: $out"
  SERVER_MAJOR=$((out / 10000))
}

# The query that counts the rows of every ordinary table of the public schema: "table|rows" lines.
readonly COUNT_ROWS_SQL="SELECT c.relname || '|' || (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM public.%I', c.relname), false, true, '')))[1]::text FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname"

# require_che168_tables COUNTS: refuses unless every required table is among the "table|rows" lines.
require_che168_tables() {
  local counts=$1 table
  for table in $CHE168_REQUIRED_TABLES; do
    grep -q "^$table|" <<<"$counts" ||
      refuse "$(db_label) has no table $table: is it a che168-sync database (run ./che168 migrate first)?"
  done
}

# print_counts COUNTS: the "table|rows" lines as an aligned table on stdout.
print_counts() {
  local table rows
  while IFS='|' read -r table rows; do
    [ -n "$table" ] && printf '    %-24s %12s rows\n' "$table" "$rows"
  done <<<"$1"
}

# sha256_of FILE: the file's SHA-256 (empty when no tool for it exists).
sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}
