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

# prewarm_databases DB... : reads every table and index of the databases into the OS page cache
# (pg_prewarm 'read'), as a machine that has served them for a while holds them. After a reboot the
# scale reads otherwise measure the disk: the overview at 71 requests/s instead of 1,500 (2026-12-03).
# Returns 1 (and reads nothing) without superuser access to a local cluster.
prewarm_databases() {
  local db
  for db in "$@"; do
    pg_super -d "$db" -c 'create extension if not exists pg_prewarm' >/dev/null 2>&1 || return 1
    pg_super -d "$db" -c "select sum(pg_prewarm(c.oid::regclass, 'read')) from pg_class c
        where c.relnamespace in ('public'::regnamespace, 'pg_toast'::regnamespace) and c.relkind in ('r', 'i', 't', 'm')" >/dev/null || return 1
  done
}

pid_of() { cat "$ROOT/.crm/run/$1.pid" 2>/dev/null || true; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
BENCH_PROCS=(gateway customer-service loyalty-service complaint-service survey-service kafka)
