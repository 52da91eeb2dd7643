#!/usr/bin/env bash
# HTTP benchmark of the precinct server, side by side with nginx as the reference ceiling.
#
#   bench/http/run.sh                       # 10 s per measured run, 2 wrk threads
#   DURATION=3 THREADS=2 bench/http/run.sh  # quicker
#   PRECINCT_BIN=/path/to/precinct bench/http/run.sh
#
# For 64 and 1000 keep-alive connections, wrk (--latency) measures:
#   nginx   GET /healthz.json           a static file with the same body as precinct's /healthz
#   precinct GET /healthz               public JSON, no database
#   precinct GET /api/v1/auth/me        authenticated JSON (Authorization: Bearer ...)
# precinct runs with the configuration a user gets by default for these knobs: server.threads = 2
# and the access log written to DATA_DIR/logs/access.jsonl. nginx runs 2 workers, access_log off.
# Each measured run follows a 2 s warm-up at the same connection count.
#
# wrk, nginx and precinct all share the one machine (and its cores): the figures are
# comparisons within one run, not capacity figures for dedicated hardware.
#
# Needs: wrk, nginx (no root: runs under a temp prefix), curl. Loopback only.
# Results: stdout and bench/out/http-<timestamp>.txt.
set -Eeuo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)

PRECINCT_BIN=${PRECINCT_BIN:-$REPO_ROOT/build/release/apps/precinct/precinct}
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-2}
CONNECTIONS=(64 1000)
WRK=${WRK:-wrk}
NGINX=${NGINX:-nginx}
WRK_TIMEOUT=2s   # wrk's default, spelled out: slower responses count as timeout errors

die() { echo "bench/http: $*" >&2; exit 1; }
note() { echo "bench/http: $*" >&2; }

[[ $DURATION =~ ^[1-9][0-9]*$ && $DURATION -le 600 ]] || die "DURATION must be 1..600 seconds (got '$DURATION')"
[[ $THREADS =~ ^[1-9][0-9]*$ && $THREADS -le 64 ]] || die "THREADS must be 1..64 (got '$THREADS')"
[[ $WARMUP =~ ^[0-9]+$ && $WARMUP -le 60 ]] || die "WARMUP must be 0..60 seconds (got '$WARMUP')"
[[ $PRECINCT_BIN = /* ]] || PRECINCT_BIN=$REPO_ROOT/$PRECINCT_BIN
[[ -x $PRECINCT_BIN ]] || die "no precinct binary at $PRECINCT_BIN (build it, or set PRECINCT_BIN)"
command -v "$WRK" >/dev/null || die "wrk not found (apt-get install wrk)"
command -v "$NGINX" >/dev/null || die "nginx not found (apt-get install nginx-light)"
command -v curl >/dev/null || die "curl not found"

# ---------------------------------------------------------------- cleanup
WORK=""
PRECINCT_PID=""
NGINX_PID=""
WRK_PID=""

stop_pid() {  # pid, name: TERM, wait up to ~10 s, then KILL
    local pid=$1 name=$2 i
    [[ -n $pid ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        note "$name (pid $pid) did not stop on SIGTERM within 10 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$WRK_PID" wrk
    stop_pid "$NGINX_PID" nginx
    stop_pid "$PRECINCT_PID" precinct
    # nginx workers follow their master; make sure none is left behind if the master was killed.
    if [[ -n $WORK && -f $WORK/nginx/nginx.pid ]]; then
        local mpid
        mpid=$(cat "$WORK/nginx/nginx.pid" 2>/dev/null || true)
        [[ -n $mpid ]] && kill -0 "$mpid" 2>/dev/null && kill -KILL "$mpid" 2>/dev/null
    fi
    [[ -n $WORK && -d $WORK ]] && rm -rf -- "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

WORK=$(mktemp -d "${TMPDIR:-/tmp}/precinct-bench-http.XXXXXX")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# ---------------------------------------------------------------- output
OUT_DIR=$REPO_ROOT/bench/out
mkdir -p "$OUT_DIR"
OUT_FILE=$OUT_DIR/http-$(date +%Y%m%d-%H%M%S).txt
: >"$OUT_FILE"
out() { printf '%s\n' "$@" | tee -a "$OUT_FILE"; }

# ---------------------------------------------------------------- file descriptors
# 1000 client sockets in wrk and 1000 server sockets in each server: raise the soft limit.
want_nofile=65536
hard_nofile=$(ulimit -Hn)
if [[ $hard_nofile != unlimited && $hard_nofile -lt $want_nofile ]]; then want_nofile=$hard_nofile; fi
ulimit -Sn "$want_nofile" 2>/dev/null || note "could not raise ulimit -n to $want_nofile"
NOFILE=$(ulimit -Sn)
if [[ $NOFILE != unlimited && $NOFILE -lt 2200 ]]; then
    die "ulimit -n is $NOFILE (hard limit $hard_nofile); 1000 connections need more than 2200"
fi

# ---------------------------------------------------------------- helpers
free_port() {  # a loopback TCP port nobody listens on now
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    return 1
}

to_ms() {  # wrk time ("812.00us", "1.23ms", "2.01s", "1.00m") -> milliseconds
    awk -v t="$1" 'BEGIN {
        if (t == "") { print "-"; exit }
        n = t; sub(/[a-z]+$/, "", n); u = substr(t, length(n) + 1)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
        if (f < 0) { print "?"; exit }
        printf "%.3f", n * f
    }'
}

# ---------------------------------------------------------------- precinct
PDATA=$WORK/precinct-data
mkdir -p "$PDATA"
cat >"$WORK/precinct.toml" <<'EOF'
[server]
threads = 2

[log]
access = "file"
EOF
PLOG=$WORK/precinct.out
"$PRECINCT_BIN" serve --data-dir "$PDATA" --listen 127.0.0.1:0 --config "$WORK/precinct.toml" --demo \
    >"$PLOG" 2>&1 &
PRECINCT_PID=$!

PPORT=""
for ((i = 0; i < 300; i++)); do  # up to 30 s
    if ! kill -0 "$PRECINCT_PID" 2>/dev/null; then
        cat "$PLOG" >&2
        die "precinct exited during start-up"
    fi
    PPORT=$(sed -n 's/^precinct .* listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$PLOG" | head -n1)
    [[ -n $PPORT ]] && break
    sleep 0.1
done
[[ -n $PPORT ]] || { cat "$PLOG" >&2; die "precinct did not print its listening line within 30 s"; }
PURL=http://127.0.0.1:$PPORT

ready=0
for ((i = 0; i < 300; i++)); do
    if curl -fsS -o /dev/null --max-time 2 "$PURL/readyz" 2>/dev/null; then ready=1; break; fi
    kill -0 "$PRECINCT_PID" 2>/dev/null || die "precinct exited before it was ready"
    sleep 0.1
done
[[ $ready = 1 ]] || die "precinct not ready within 30 s ($PURL/readyz)"

TOKEN_JSON=$(curl -fsS --max-time 10 -H 'Content-Type: application/json' \
    -d '{"username":"dispatcher","password":"precinct-demo"}' "$PURL/api/v1/auth/token") ||
    die "could not sign in as the demo dispatcher"
TOKEN=$(printf '%s' "$TOKEN_JSON" | sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
[[ $TOKEN == pct_* ]] || die "no token in the sign-in response: $TOKEN_JSON"
AUTH_HEADER="Authorization: Bearer $TOKEN"

ME_BODY=$(curl -fsS --max-time 5 -H "$AUTH_HEADER" "$PURL/api/v1/auth/me") ||
    die "GET /api/v1/auth/me with the token failed"
[[ $ME_BODY == *'"username":"dispatcher"'* ]] || die "unexpected /api/v1/auth/me body: $ME_BODY"
curl -fsS --max-time 5 -o "$WORK/healthz.body" "$PURL/healthz" || die "GET /healthz failed"

# ---------------------------------------------------------------- nginx
NDIR=$WORK/nginx
mkdir -p "$NDIR/html" "$NDIR/tmp"
# The same bytes precinct sends for /healthz (15 bytes: {"status":"ok"}).
cp "$WORK/healthz.body" "$NDIR/html/healthz.json"
NPORT=$(free_port) || die "no free loopback port for nginx"
[[ $NPORT != "$PPORT" ]] || NPORT=$(free_port)
NUSER=""
if [[ $(id -u) = 0 ]]; then
    # Workers of a root master switch to an unprivileged user; let them read the temp prefix.
    chmod 0755 "$WORK" "$NDIR" "$NDIR/html"
    chmod 0644 "$NDIR/html/healthz.json"
    NUSER="user nobody nogroup;"
    getent group nogroup >/dev/null || NUSER="user nobody;"
fi
cat >"$NDIR/nginx.conf" <<EOF
$NUSER
daemon off;
master_process on;
worker_processes 2;
worker_rlimit_nofile $NOFILE;
pid $NDIR/nginx.pid;
error_log $NDIR/error.log warn;

events {
    worker_connections 4096;
}

http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    default_type application/json;
    client_body_temp_path $NDIR/tmp/body;
    proxy_temp_path $NDIR/tmp/proxy;
    fastcgi_temp_path $NDIR/tmp/fastcgi;
    uwsgi_temp_path $NDIR/tmp/uwsgi;
    scgi_temp_path $NDIR/tmp/scgi;

    server {
        listen 127.0.0.1:$NPORT;
        root $NDIR/html;
        location = /healthz.json { }
    }
}
EOF
"$NGINX" -p "$NDIR" -e "$NDIR/error.log" -c "$NDIR/nginx.conf" -t >"$NDIR/test.out" 2>&1 ||
    { cat "$NDIR/test.out" >&2; die "nginx rejected the generated configuration"; }
"$NGINX" -p "$NDIR" -e "$NDIR/error.log" -c "$NDIR/nginx.conf" >"$NDIR/stdout" 2>&1 &
NGINX_PID=$!
NURL=http://127.0.0.1:$NPORT
ready=0
for ((i = 0; i < 100; i++)); do
    if curl -fsS -o "$WORK/nginx.body" --max-time 2 "$NURL/healthz.json" 2>/dev/null; then ready=1; break; fi
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$NDIR/error.log" "$NDIR/stdout" >&2 2>/dev/null; die "nginx exited"; }
    sleep 0.1
done
[[ $ready = 1 ]] || die "nginx not answering on $NURL within 10 s"
cmp -s "$WORK/nginx.body" "$WORK/healthz.body" || die "nginx does not serve the same body as precinct /healthz"

resp_bytes() {  # size of a whole response (status line, headers, body)
    { curl -sS --max-time 5 -o /dev/null -w '%{size_header}+%{size_download}' "$@" 2>/dev/null || true; } |
        awk -F+ '{print $1 + $2}'
}
SZ_NGINX=$(resp_bytes "$NURL/healthz.json")
SZ_HEALTHZ=$(resp_bytes "$PURL/healthz")
SZ_ME=$(resp_bytes -H "$AUTH_HEADER" "$PURL/api/v1/auth/me")

# ---------------------------------------------------------------- wrk
declare -A RPS P50 P99 PMAX ERRS NON2XX SOCKERR SOCKDETAIL LISTEN_OVF
TARGETS=(nginx precinct-healthz precinct-me)

run_wrk() {  # conns, duration, target -> wrk output in $WORK/wrk.out
    local c=$1 d=$2 t=$3 url hdr=()
    case $t in
        nginx) url=$NURL/healthz.json ;;
        precinct-healthz) url=$PURL/healthz ;;
        precinct-me) url=$PURL/api/v1/auth/me; hdr=(-H "$AUTH_HEADER") ;;
    esac
    local th=$THREADS
    ((th > c)) && th=$c
    "$WRK" -t "$th" -c "$c" -d "${d}s" --timeout "$WRK_TIMEOUT" --latency "${hdr[@]}" "$url" >"$WORK/wrk.out" 2>&1 &
    WRK_PID=$!
    local rc=0
    wait "$WRK_PID" || rc=$?
    WRK_PID=""
    return "$rc"
}

listen_overflows() {  # kernel counters (this network namespace): accept queues that overflowed or dropped
    awk '/^TcpExt:/ { if (!h) { for (i = 2; i <= NF; i++) k[$i] = i; h = 1 }
                      else { print $(k["ListenOverflows"]) + $(k["ListenDrops"]) } }' /proc/net/netstat 2>/dev/null || echo 0
}

alive_check() {
    kill -0 "$PRECINCT_PID" 2>/dev/null || { tail -n 30 "$PLOG" >&2; die "precinct died during the benchmark"; }
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx died during the benchmark"
}

RAW=$WORK/wrk-raw.txt
: >"$RAW"
total_runs=$((${#CONNECTIONS[@]} * ${#TARGETS[@]}))
n=0
for c in "${CONNECTIONS[@]}"; do
    for t in "${TARGETS[@]}"; do
        n=$((n + 1))
        note "[$n/$total_runs] $t, $c connections: ${WARMUP} s warm-up, ${DURATION} s measured"
        alive_check
        if ((WARMUP > 0)); then run_wrk "$c" "$WARMUP" "$t" || true; fi
        alive_check
        wrc=0
        ovf0=$(listen_overflows)
        run_wrk "$c" "$DURATION" "$t" || wrc=$?
        LISTEN_OVF[$t/$c]=$(($(listen_overflows) - ovf0))
        wout=$(cat "$WORK/wrk.out")
        ((wrc == 0)) || { printf '%s\n' "$wout" >&2; die "wrk failed ($t, $c connections)"; }
        printf '### %s, %s connections\n%s\n\n' "$t" "$c" "$wout" >>"$RAW"
        k="$t/$c"
        RPS[$k]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$wout")
        P50[$k]=$(to_ms "$(awk '$1 == "50%" {print $2; exit}' <<<"$wout")")
        P99[$k]=$(to_ms "$(awk '$1 == "99%" {print $2; exit}' <<<"$wout")")
        PMAX[$k]=$(to_ms "$(awk '$1 == "Latency" && NF >= 4 {print $4; exit}' <<<"$wout")")
        # wrk counts responses with status >= 400 here ("Non-2xx or 3xx responses").
        NON2XX[$k]=$(awk -F': *' '/Non-2xx or 3xx responses/ {print $2 + 0}' <<<"$wout")
        NON2XX[$k]=${NON2XX[$k]:-0}
        # "Socket errors: connect A, read B, write C, timeout D"
        SOCKERR[$k]=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' <<<"$wout")
        SOCKERR[$k]=${SOCKERR[$k]:-0}
        SOCKDETAIL[$k]=$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' <<<"$wout")
        ERRS[$k]=$((${NON2XX[$k]} + ${SOCKERR[$k]}))
        [[ -n ${RPS[$k]} ]] || { printf '%s\n' "$wout" >&2; die "could not read Requests/sec from wrk ($t, $c)"; }
    done
done
alive_check

# ---------------------------------------------------------------- the server's own view
# Requests it counted, connections it refused, then a graceful stop (which flushes the access log).
METRICS=$(curl -fsS --max-time 10 "$PURL/metrics" 2>/dev/null || true)
srv_requests=$(awk '/^precinct_http_requests_total[{ ]/ {s += $NF} END {printf "%.0f", s}' <<<"$METRICS")
srv_5xx=$(awk '/^precinct_http_requests_total[{ ]/ && /code="5/ {s += $NF} END {printf "%.0f", s}' <<<"$METRICS")
srv_rejected=$(awk '/^precinct_http_connections_rejected_total[{ ]/ {s += $NF} END {printf "%.0f", s}' <<<"$METRICS")
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$PRECINCT_PID/status" 2>/dev/null || echo '?')
stop_t0=$(date +%s.%N)
kill -TERM "$PRECINCT_PID" 2>/dev/null || true
srv_rc=0
for ((i = 0; i < 300; i++)); do  # shutdown_grace is 15 s by default; allow 30
    kill -0 "$PRECINCT_PID" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$PRECINCT_PID" 2>/dev/null; then
    srv_stop="did NOT stop within 30 s of SIGTERM (killed)"
    kill -KILL "$PRECINCT_PID" 2>/dev/null || true
    wait "$PRECINCT_PID" 2>/dev/null || true
else
    wait "$PRECINCT_PID" 2>/dev/null || srv_rc=$?
    srv_stop=$(awk -v a="$stop_t0" -v b="$(date +%s.%N)" -v rc="$srv_rc" \
        'BEGIN { printf "stopped on SIGTERM in %.1f s, exit status %d", b - a, rc }')
fi
PRECINCT_PID=""
access_lines=$(cat "$PDATA"/logs/access*.jsonl 2>/dev/null | wc -l)
# spdlog lines: "2026-01-01T00:00:00.000 warning message"
SRV_WARN=$(grep -E '^[0-9-]+T[0-9:.]+ (warning|error|critical) ' "$PLOG" || true)
warn_lines=0
[[ -n $SRV_WARN ]] && warn_lines=$(wc -l <<<"$SRV_WARN")

# ---------------------------------------------------------------- report
cpu_model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
out "Precinct HTTP benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
out "binary:   $PRECINCT_BIN ($("$PRECINCT_BIN" --version 2>/dev/null | head -n1 || echo '?'))"
out "host:     $(nproc) CPU cores${cpu_model:+ ($cpu_model)}, $(uname -sr)"
out "load:     $($WRK --version 2>&1 | head -n1 | awk '{print $1, $2}'), $THREADS threads, ${DURATION} s per run after ${WARMUP} s warm-up, keep-alive, --timeout $WRK_TIMEOUT, ulimit -n $NOFILE"
out "precinct: server.threads = 2, access log = file (DATA_DIR/logs/access.jsonl), loopback $PURL"
out "nginx:    $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'), worker_processes 2, access_log off, static file, loopback $NURL"
out "load average before the run: $LOAD_BEFORE (other work on the machine skews every row; 1-min average after: $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'))"
out "response sizes (status line + headers + body): nginx ${SZ_NGINX} B, precinct /healthz ${SZ_HEALTHZ} B, /api/v1/auth/me ${SZ_ME} B"
out ""
out "NOTE: wrk, nginx and precinct all run on this same $(nproc)-core machine. The load generator"
out "      shares the CPU with the server under test, so absolute req/s understate what either server"
out "      does on its own cores; compare the rows with one another (ratio to nginx), not with other hosts."
out ""
out "$(printf '%-18s %6s %10s %9s %9s %9s %7s %9s' target conns 'req/s' 'p50 ms' 'p99 ms' 'max ms' errors 'vs nginx')"
out "$(printf '%-18s %6s %10s %9s %9s %9s %7s %9s' ------------------ ------ ---------- --------- --------- --------- ------- ---------)"
for c in "${CONNECTIONS[@]}"; do
    base=${RPS[nginx/$c]}
    for t in "${TARGETS[@]}"; do
        k="$t/$c"
        ratio=$(awk -v a="${RPS[$k]}" -v b="$base" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
        label=$t
        case $t in
            nginx) label="nginx static" ;;
            precinct-healthz) label="precinct /healthz" ;;
            precinct-me) label="precinct auth/me" ;;
        esac
        out "$(printf '%-18s %6s %10.0f %9s %9s %9s %7s %9s' "$label" "$c" "${RPS[$k]}" "${P50[$k]}" "${P99[$k]}" "${PMAX[$k]}" "${ERRS[$k]}" "$ratio")"
    done
done
out ""
out "errors = non-2xx responses (wrk counts status >= 400) + socket errors (connect/read/write/timeout)."
any_err=0
for c in "${CONNECTIONS[@]}"; do
    for t in "${TARGETS[@]}"; do
        k="$t/$c"
        if ((${ERRS[$k]} > 0)); then
            any_err=1
            out "  $t @ $c: non-2xx ${NON2XX[$k]}; socket errors: ${SOCKDETAIL[$k]}"
        fi
    done
done
((any_err)) || out "  none in any run."
for c in "${CONNECTIONS[@]}"; do
    for t in "${TARGETS[@]}"; do
        if ((${LISTEN_OVF[$t/$c]:-0} > 0)); then
            out "  $t @ $c: the kernel counted ${LISTEN_OVF[$t/$c]} listen-queue overflows/drops during the run"
        fi
    done
done

nginx_errs=$(grep -cE '\[(error|crit|alert|emerg)\]' "$NDIR/error.log" 2>/dev/null || true)
out "precinct: RSS ${rss_kb} kB after the runs; ${srv_requests:-?} requests counted in /metrics (${srv_5xx:-?} with 5xx), ${srv_rejected:-?} connections refused at max_connections; ${srv_stop}."
out "          access log: ${access_lines} lines after the stop (one per request when none is lost); ${warn_lines} warning/error lines in its output."
if [[ $srv_requests =~ ^[0-9]+$ ]] && ((srv_requests > 0 && access_lines < srv_requests * 99 / 100)); then
    out "          NOTE: the access log holds $((100 * access_lines / srv_requests))% of the requests the server counted: lines were dropped under load."
fi
if ((warn_lines > 0)); then
    out "          first warning/error lines:"
    while IFS= read -r l; do out "            $l"; done < <(head -n 5 <<<"$SRV_WARN")
fi
out "nginx:    error.log has ${nginx_errs:-0} error lines."
out ""
for c in "${CONNECTIONS[@]}"; do
    out "$(awk -v c="$c" -v n="${RPS[nginx/$c]}" -v h="${RPS[precinct-healthz/$c]}" -v m="${RPS[precinct-me/$c]}" \
        -v hp="${P99[precinct-healthz/$c]}" -v mp="${P99[precinct-me/$c]}" -v np="${P99[nginx/$c]}" 'BEGIN {
        printf "summary @ %d conns: nginx %.0f req/s (p99 %s ms); precinct /healthz %.0f req/s = %.0f%% of nginx (p99 %s ms); auth/me %.0f req/s = %.0f%% of nginx (p99 %s ms)",
            c, n, np, h, (n > 0 ? 100 * h / n : 0), hp, m, (n > 0 ? 100 * m / n : 0), mp }')"
done

{
    echo
    echo "---------------- raw wrk output ----------------"
    cat "$RAW"
    echo "---------------- precinct /metrics after the runs: server-side request durations ----------------"
    echo "(compare with wrk's latencies: time a request waits before the server reads it is not in these)"
    grep -E '^precinct_http_request_duration_seconds_(bucket|count|sum)\{method="GET",route="/(healthz|api/v1/auth/me)"' \
        <<<"$METRICS" || echo "(none)"
} >>"$OUT_FILE"
note "results written to $OUT_FILE (raw wrk output appended there)"
