#!/usr/bin/env bash
# The scheduler of the compose "jobs" service: runs the entries of a crontab at their time, in the container's TZ.
# Daily and weekly entries are understood ("MINUTE HOUR * * * command", e.g. "0 2 * * * che168 daily", and
# "MINUTE HOUR * * WEEKDAY command" with WEEKDAY 0-7, 0 and 7 = Sunday, e.g. "0 4 * * 0 che168 reconcile");
# anything else is refused at start, so a schedule never silently fails to run. Entries due at the same minute run
# one after another in file order; a run still going on at the next due time delays it (the product's lock would
# refuse an overlapping run anyway). SIGTERM (docker stop) is passed to a running job, which stops cleanly.
#
# Usage: jobs-loop.sh [CRONTAB]   (default: /app/deploy/crontab)
# Environment: JOBS_RUN_AT_START=true also runs every entry once right after start (e.g. to test the set-up).
set -uo pipefail

crontab_file=${1:-/app/deploy/crontab}

log() {
  printf '%s [%s] jobs: %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$1" "$2"
}

[ -r "$crontab_file" ] || { log ERROR "cannot read the crontab $crontab_file"; exit 2; }

minutes=()
hours=()
weekdays=()
commands=()
number=0
while IFS= read -r line || [ -n "$line" ]; do
  number=$((number + 1))
  [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
  # VAR=value lines of a crontab (e.g. MAILTO) mean nothing here
  [[ $line =~ ^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*= ]] && continue
  if [[ $line =~ ^[[:space:]]*([0-9]{1,2})[[:space:]]+([0-9]{1,2})[[:space:]]+\*[[:space:]]+\*[[:space:]]+(\*|[0-7])[[:space:]]+(.+)$ ]] &&
    [ "$((10#${BASH_REMATCH[1]}))" -le 59 ] && [ "$((10#${BASH_REMATCH[2]}))" -le 23 ]; then
    minutes+=("$((10#${BASH_REMATCH[1]}))")
    hours+=("$((10#${BASH_REMATCH[2]}))")
    if [ "${BASH_REMATCH[3]}" = "*" ]; then weekdays+=("*"); else weekdays+=("$((BASH_REMATCH[3] % 7))"); fi
    commands+=("${BASH_REMATCH[4]}")
  else
    log ERROR "$crontab_file line $number: only daily or weekly entries 'MINUTE HOUR * * * command' or 'MINUTE HOUR * * WEEKDAY command' are supported: $line"
    exit 2
  fi
done <"$crontab_file"
[ "${#commands[@]}" -gt 0 ] || { log ERROR "$crontab_file has no entry"; exit 2; }

child=""
stopping=false
on_term() {
  stopping=true
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
    log INFO "stopping: passing SIGTERM to the running job"
    kill -TERM "$child" 2>/dev/null
  fi
}
trap on_term TERM INT

run_entry() {
  local index=$1 code
  log INFO "starting '${commands[$index]}'"
  bash -c "${commands[$index]}" &
  child=$!
  # wait returns early when a signal arrives: wait again until the job itself has ended
  while true; do
    wait "$child"
    code=$?
    kill -0 "$child" 2>/dev/null || break
  done
  child=""
  case $code in
    0) log INFO "'${commands[$index]}' finished OK (exit 0)" ;;
    1) log ERROR "'${commands[$index]}' finished with errors (exit 1): see operations_log and the logs" ;;
    2) log ERROR "'${commands[$index]}' was refused (exit 2): bad settings, or another run holds the lock" ;;
    *) log ERROR "'${commands[$index]}' ended with exit code $code" ;;
  esac
}

# seconds from now until the next HH:MM (on WEEKDAY, 0 = Sunday, unless it is "*"), today's if it has not passed
seconds_until() {
  local hour=$1 minute=$2 weekday=$3 now target d day
  now=$(date +%s)
  for d in 0 1 2 3 4 5 6 7; do
    day=$(date -d "today +$d day" +%F)
    target=$(date -d "$day $(printf '%02d:%02d' "$hour" "$minute")" +%s)
    [ "$target" -gt "$now" ] || continue
    if [ "$weekday" = "*" ] || [ "$(date -d "@$target" +%w)" = "$weekday" ]; then
      printf '%s\n' $((target - now))
      return
    fi
  done
}

# "daily" or "every Sunday" (weekday 0-6)
when() {
  local names=(Sunday Monday Tuesday Wednesday Thursday Friday Saturday)
  if [ "$1" = "*" ]; then printf 'daily'; else printf 'every %s' "${names[$1]}"; fi
}

for i in "${!commands[@]}"; do
  log INFO "scheduled $(when "${weekdays[$i]}") at $(printf '%02d:%02d' "${hours[$i]}" "${minutes[$i]}") ($(date +%Z)): '${commands[$i]}'"
done
if [ "${JOBS_RUN_AT_START:-false}" = true ]; then
  for i in "${!commands[@]}"; do
    $stopping && exit 0
    run_entry "$i"
  done
fi

while ! $stopping; do
  next=""
  wait_for=""
  for i in "${!commands[@]}"; do
    s=$(seconds_until "${hours[$i]}" "${minutes[$i]}" "${weekdays[$i]}")
    if [ -z "$wait_for" ] || [ "$s" -lt "$wait_for" ]; then
      wait_for=$s
      next=$i
    fi
  done
  # sleep in the background so that SIGTERM ends the wait at once
  sleep "$wait_for" &
  child=$!
  wait "$child" 2>/dev/null
  kill "$child" 2>/dev/null
  child=""
  $stopping && break
  # every entry due at this minute (and, for a weekly one, on this weekday), in file order
  today=$(date +%w)
  for i in "${!commands[@]}"; do
    if [ "${hours[$i]}" = "${hours[$next]}" ] && [ "${minutes[$i]}" = "${minutes[$next]}" ] &&
      { [ "${weekdays[$i]}" = "*" ] || [ "${weekdays[$i]}" = "$today" ]; }; then
      $stopping && break
      run_entry "$i"
    fi
  done
done
log INFO "stopped"
exit 0
