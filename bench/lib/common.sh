# Shared by bench/run and bench/scale (sourced): the tools they need, the stack's addresses,
# credentials, wrk and psql.
# shellcheck shell=bash
# Like ./crm up and ./crm test, the bench installs what it needs from the OS packages and says so;
# without root (or passwordless sudo) and apt-get it names the packages to install and stops.
bench_tools() {
  local tool package; missing=(); packages=()
  for tool in wrk pgbench jq node curl; do
    command -v "$tool" >/dev/null && continue
    case "$tool" in pgbench) package=postgresql ;; node) package=nodejs ;; *) package="$tool" ;; esac
    missing+=("$tool"); packages+=("$package")
  done
  if (( ${#missing[@]} )); then install_bench_tools; fi
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  (( node_major >= 18 )) || { echo "bench: node $node_major is too old (18+ needed)" >&2; exit 2; }
}
install_bench_tools() {
  local tool apt=()
  if command -v apt-get >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]]; then apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
    elif sudo -n true 2>/dev/null; then apt=(sudo -n env DEBIAN_FRONTEND=noninteractive apt-get); fi
  fi
  if (( ${#apt[@]} == 0 )); then
    echo "bench: needs ${missing[*]}: install the packages ${packages[*]} (Debian/Ubuntu: sudo apt-get install ${packages[*]})" >&2
    exit 2
  fi
  echo "bench: installing ${missing[*]} (apt-get install ${packages[*]})"
  local log; log="$(mktemp)"
  { "${apt[@]}" update -qq && "${apt[@]}" install -y -qq "${packages[@]}"; } >"$log" 2>&1 \
    || { cat "$log" >&2; rm -f "$log"; echo "bench: apt-get could not install ${packages[*]}" >&2; exit 2; }
  rm -f "$log"
  for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is still missing after installing ${packages[*]}" >&2; exit 2; }
  done
}
bench_tools

GW="${CRM_BENCH_GATEWAY:-http://localhost:8080}"
CS="${CRM_BENCH_CUSTOMER:-http://localhost:8081}"
LS="${CRM_BENCH_LOYALTY:-http://localhost:8082}"
# Health and metrics answer only on each service's management port (./crm up: 9080-9084).
GW_MANAGEMENT="${CRM_BENCH_GATEWAY_MANAGEMENT:-http://localhost:${GATEWAY_MANAGEMENT_PORT:-9080}}"
MANAGEMENT_ALL=("$GW_MANAGEMENT" "http://localhost:${CUSTOMER_MANAGEMENT_PORT:-9081}" "http://localhost:${LOYALTY_MANAGEMENT_PORT:-9082}"
  "http://localhost:${COMPLAINT_MANAGEMENT_PORT:-9083}" "http://localhost:${SURVEY_MANAGEMENT_PORT:-9084}")
PGUSER="${CRM_TEST_PG_USER:-crm}" PGPASSWORD="${CRM_TEST_PG_PASSWORD:-crm}"
export PGUSER PGPASSWORD PGHOST="${PG_HOST:-localhost}" PGPORT="${PG_PORT:-5432}"
THREADS=2
# A fresh admin token for the gateway (aud crm-api, 12 h), unless one is given.
if [[ -z "${CRM_TOKEN:-}" ]]; then
  CRM_TOKEN="$("$ROOT/crm" token admin 2>/dev/null || true)"
fi
[[ -n "${CRM_TOKEN:-}" ]] || { echo "bench: no CRM_TOKEN (start the stack with ./crm up)" >&2; exit 2; }

# A service's port answers only the gateway's internal token for that service, valid 120 s: direct
# calls mint one per measurement (as the gateway would sign it: an admin member of staff).
internal_auth() { # internal_auth SERVICE -> an Authorization header line for curl -H / wrk -H
  printf 'Authorization: Bearer %s' "$("$ROOT/crm" internal-token "$1" | tr -d '\n')"
}

# A fresh partner key per measurement: each key's token bucket starts full (100,000 requests, then
# 1,667/s), so no measurement runs into the rate limit a previous one used up.
partner_key() { # partner_key SCOPE...
  local scopes; scopes="$(printf '"%s",' "$@")"
  curl -sf -XPOST "$GW/api/v1/admin/api-keys" -H "Authorization: Bearer $CRM_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"partner\":\"bench $(date -u +%H%M%S)\",\"scopes\":[${scopes%,}],\"requestsPerMinute\":100000}" | jq -r .apiKey
}

# wrk_run OUTFILE wrk-args... -> prints "rps p50_ms p99_ms non2xx errors" (latencies in ms)
wrk_run() {
  local out="$1"; shift
  wrk -t"$THREADS" --latency "$@" > "$out" 2>&1 || true
  grep -q 'Requests/sec' "$out" || echo "bench: wrk measured nothing ($(head -c 200 "$out")): the figures below are zeros" >&2
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
       /Requests\/sec/ {r=$2} /^ +50%/ {p50=ms($2)} /^ +99%/ {p99=ms($2)} /Non-2xx/ {n=$NF}
       /Socket errors/ {e=0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) e += $i}
       END {printf "%.0f %.2f %.2f %d %d\n", r, p50, p99, n, e}' "$out"
}

# The service pids ./crm up recorded, and a process's resident memory in MB.
# Superuser SQL on the local cluster (pg_stat_statements, pg_prewarm).
pg_super() {
  # as the postgres OS user over the local socket (peer authentication), not as the bench's PGUSER
  local psql=(env -u PGHOST -u PGUSER -u PGPASSWORD -u PGDATABASE psql -X -q -At -p "$PGPORT" -d postgres)
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "${psql[@]}" "$@"
  else sudo -n -u postgres "${psql[@]}" "$@"; fi
}

# Logs the bench's reads never read (appended to by its writes, which touch their last pages only):
# left out of the hot set below. The points lots stay in it: a balance reads the open ones for its
# next expiry (left out at 23:29, they were most of the balance read's blocks from disk).
HOT_SKIPS="'outbox_event','ledger_entry','redemption','overview_event','processed_event'"

# hot_relations_sql EXPR : "select EXPR from" every table, index and TOAST table of a database but
# HOT_SKIPS and theirs, as c (pg_class).
hot_relations_sql() {
  echo "select $1 from pg_class c
        left join pg_index i on i.indexrelid = c.oid
        join pg_class rel on rel.oid = coalesce(i.indrelid, c.oid)
        left join pg_class toast_of on toast_of.reltoastrelid = rel.oid
        where c.relnamespace in ('public'::regnamespace, 'pg_toast'::regnamespace) and c.relkind in ('r', 'i', 't', 'm')
          and coalesce(toast_of.relname, rel.relname) not in ($HOT_SKIPS)"
}

# buffers_ensure DB... : PostgreSQL's own cache sized for what the reads read, as one sizes a
# database server for its working set: the hot relations of the databases plus a quarter, at most
# 40% of the machine's memory, never lowered (ALTER SYSTEM, kept for later runs; pg_restart_if_pending
# applies it). Why not the OS page cache, as until 2026-12-04: this VM runs a DAMON scheme that pages
# out file cache untouched for a minute (README, "What limits"), so with the cluster's default 128 MB
# a random read of the million customers went to the disk: 26,500 of the overview's 75,000 block
# reads in 10 s, 90% of its document look-up's time (track_io_timing). Shared buffers are mapped
# memory, which the scheme leaves alone. Sets BUFFERS_MB and HOT_MB; returns 1 without superuser
# access to a local cluster.
buffers_ensure() {
  local db cap want
  HOT_MB=0
  for db in "$@"; do
    HOT_MB=$(( HOT_MB + $(pg_super -d "$db" -c "$(hot_relations_sql 'coalesce(sum(pg_relation_size(c.oid)), 0)::bigint / 1048576')") )) || return 1
  done
  BUFFERS_MB="$(pg_super -c "select setting::bigint * 8 / 1024 from pg_settings where name = 'shared_buffers'")" || return 1
  cap="$(awk '/^MemTotal/ {printf "%d", $2 / 1024 * 0.4}' /proc/meminfo)"
  want=$(( (HOT_MB * 5 / 4 / 256 + 1) * 256 )); (( want > cap )) && want=$cap
  (( want > BUFFERS_MB )) || return 0
  say "sizing PostgreSQL's shared_buffers ${BUFFERS_MB} -> ${want} MB (the reads' tables and indexes: ${HOT_MB} MB; kept afterwards)"
  pg_super -c "alter system set shared_buffers = '${want}MB'" >/dev/null || return 1
}

# Restarts the local cluster when a setting waits for it (pg_settings.pending_restart, which shows
# an ALTER SYSTEM only once the configuration is reloaded: so that first), then waits until the
# services answer ready again: they reconnect on their next query (fault drill 3 restarts PostgreSQL
# under load). Sets BUFFERS_MB to the shared_buffers in effect.
pg_restart_if_pending() {
  local cluster base
  pg_super -c 'select pg_reload_conf()' >/dev/null || return 1
  sleep 0.5 # the reload is a signal; the postmaster rereads the files a moment later
  if [[ "$(pg_super -c 'select count(*) from pg_settings where pending_restart')" == 0 ]]; then
    BUFFERS_MB="$(pg_super -c "select setting::bigint * 8 / 1024 from pg_settings where name = 'shared_buffers'")"
    return 0
  fi
  cluster="$(pg_lsclusters -h 2>/dev/null | awk -v p="$PGPORT" '$3==p {print $1" "$2; exit}')"
  [[ -n "$cluster" ]] || return 1
  say "restarting PostgreSQL $cluster to apply: $(pg_super -c "select string_agg(name, ', ') from pg_settings where pending_restart")"
  # shellcheck disable=SC2086
  if [[ "$(id -u)" == 0 ]]; then pg_ctlcluster $cluster restart; else sudo -n pg_ctlcluster $cluster restart; fi || return 1
  for _ in $(seq 1 60); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 0.5; done
  for base in "${MANAGEMENT_ALL[@]}"; do
    for _ in $(seq 1 120); do curl -sf -o /dev/null "$base/q/health/ready" && break; sleep 0.5; done
  done
  BUFFERS_MB="$(pg_super -c "select setting::bigint * 8 / 1024 from pg_settings where name = 'shared_buffers'")"
}

# prewarm_databases DB... : reads the hot relations (hot_relations_sql) into PostgreSQL's shared
# buffers (pg_prewarm 'buffer'), as a database that has served them for a while holds them. Without
# it the scale reads measured the disk: after a reboot the overview ran at 71 requests/s instead of
# 1,500 (2026-12-03). Prints the MB read; returns 1 (and reads nothing) without superuser access to
# a local cluster.
prewarm_databases() {
  local db blocks=0
  for db in "$@"; do
    pg_super -d "$db" -c 'create extension if not exists pg_prewarm' >/dev/null 2>&1 || return 1
    blocks=$(( blocks + $(pg_super -d "$db" -c "$(hot_relations_sql "coalesce(sum(pg_prewarm(c.oid::regclass, 'buffer')), 0)")") )) || return 1
  done
  echo $(( blocks * 8 / 1024 ))
}

pid_of() { cat "$ROOT/.crm/run/$1.pid" 2>/dev/null || true; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
BENCH_PROCS=(gateway customer-service loyalty-service complaint-service survey-service kafka)

# CPU by process while something is measured (bench/lib/cpu.mjs): cpu_mark NAME before it;
# cpu_since NAME GROUP after it sets CPU_SINCE to "all=N group=N ..." in ms of CPU per second,
# largest first (a variable, not output: in $(...) the shell's children's time would be a subshell's).
# The load generator (wrk, the end-to-end driver) has ended by then, so its CPU is taken from this
# shell's children's time (bash `times`) between the two calls and reported as GROUP.
# (`times` into a file: in a pipe or $(...) it would run in a subshell, which has no children yet)
children_cpu_s() {
  times > "$WORK/times"
  awk 'function s(v, a) { split(v, a, "m"); return a[1] * 60 + a[2] } NR == 2 {printf "%.3f", s($1) + s($2)}' "$WORK/times"
}
cpu_mark() { # node first, so its own start-up is not counted as the load's
  node "$ROOT/bench/lib/cpu.mjs" mark "$WORK/cpu-$1.json" "$ROOT/.crm/run" "$(getconf CLK_TCK)"
  children_cpu_s > "$WORK/cpu-$1.children"
}
cpu_since() {
  local load; children_cpu_s > "$WORK/cpu-$1.children-after"
  load="$(awk 'NR == FNR {a = $1; next} {printf "%.3f", $1 - a}' "$WORK/cpu-$1.children" "$WORK/cpu-$1.children-after")"
  CPU_SINCE="$(node "$ROOT/bench/lib/cpu.mjs" since "$WORK/cpu-$1.json" "$ROOT/.crm/run" "$(getconf CLK_TCK)" "$2=$load")"
}
# cpu_row LABEL "all=N group=N ..." : one row of the reports' CPU tables (the suite's processes,
# PostgreSQL's queries and its own work, Kafka, the load generator, and the rest with its largest).
cpu_row() {
  awk -v label="$1" -v s="$2" 'BEGIN {
    n = split(s, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); v[p[1]] = p[2] + 0 }
    known["all"] = known["gateway"] = known["customer-service"] = known["loyalty-service"] = 1
    known["complaint-service"] = known["survey-service"] = known["kafka"] = known["wrk"] = known["driver"] = 1
    for (g in v) {
      if (g ~ /^pg:(autovacuum|checkpointer|bgwriter|walwriter|walsender|other)$/) { own += v[g]; if (v[g] > ownmax) { ownmax = v[g]; ownname = substr(g, 4) } }
      else if (g ~ /^pg:/) queries += v[g]
      else if (!(g in known) && v[g] > restmax) { restmax = v[g]; restname = g }
      if (g ~ /^pg:/ || g in known) shown += (g == "all" ? 0 : v[g])
    }
    rest = v["all"] - shown; if (rest < 0) rest = 0
    printf "| %s | %d | %d | %d | %d | %d | %d | %d%s | %d | %d | %d%s |\n", label, v["all"], v["gateway"], v["customer-service"],
      v["loyalty-service"], v["complaint-service"] + v["survey-service"], queries, own, (ownmax >= 5 ? " (" ownname " " int(ownmax) ")" : ""),
      v["kafka"], v["wrk"] + v["driver"], rest, (restmax >= 5 ? " (" restname " " int(restmax) ")" : "") }'
}
CPU_TABLE_HEAD="| measured | all | gateway | customer-service | loyalty-service | complaint, survey | PostgreSQL queries | PostgreSQL's own work (largest) | Kafka | load generator | the rest (largest) |
|---|---|---|---|---|---|---|---|---|---|---|"

# settle_rounds RATE_FN FIRST MAX: JIT warm-up in rounds. A fresh suite keeps compiling for minutes,
# and a figure taken meanwhile measures the compiler, so the load runs until its rate settles: first
# FIRST seconds (none when 0), then 60 s at a time until a round's rate is within 10% of the round
# before, at most MAX seconds in all. RATE_FN SECONDS runs the load and prints its rate (an integer).
# Sets SETTLE_RATES (each round's rate) and SETTLE_SECONDS (the seconds run).
settle_rounds() {
  local rate_fn="$1" first="$2" max="$3" prev cur
  SETTLE_RATES=(); SETTLE_SECONDS=0
  (( first > 0 )) || return 0
  prev="$("$rate_fn" "$first")"; SETTLE_SECONDS=$first; SETTLE_RATES+=("$prev")
  while (( first >= 60 && SETTLE_SECONDS + 60 <= max )); do
    cur="$("$rate_fn" 60)"; SETTLE_SECONDS=$(( SETTLE_SECONDS + 60 )); SETTLE_RATES+=("$cur")
    (( cur * 10 <= prev * 11 )) && break
    prev="$cur"
  done
}
