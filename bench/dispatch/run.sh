#!/usr/bin/env bash
# Figures of the 113/114 dispatch centre, in one run on one machine:
#   1. call intake over HTTP: wrk posting synthetic calls (bench/dispatch/calls.lua), every call a durable
#      transaction with its audit entry (storage.synchronous = full, the default);
#   2. GPS fixes over HTTP: wrk posting one fix per request (bench/dispatch/positions.lua);
#   3. assignment to live event: `precinct simulate assign-latency`, the time from sending an assignment to a
#      subscribed client reading its event;
#   4. in process: recommendation latency with 10,000 units and 1,000 open incidents (precinct_dispatch_bench).
# Targets: >= 2,000 calls/s, >= 20,000 fixes/s, p99 < 2 ms, p99 < 200 ms.
# wrk, the client and the server share the machine's cores: the HTTP figures understate a dedicated server.
#
#   bench/dispatch/run.sh                  # 10 s per HTTP run
#   DURATION=5 CONNECTIONS=16 bench/dispatch/run.sh
set -Eeuo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
BUILD=${BUILD:-$REPO_ROOT/build/release}
PRECINCT_BIN=${PRECINCT_BIN:-$BUILD/apps/precinct/precinct}
BENCH_BIN=${BENCH_BIN:-$BUILD/bench/precinct_dispatch_bench}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}

die() { echo "bench/dispatch: $*" >&2; exit 1; }
[[ $DURATION =~ ^[1-9][0-9]*$ && $DURATION -le 600 ]] || die "DURATION must be 1..600 seconds"
[[ $CONNECTIONS =~ ^[1-9][0-9]*$ && $CONNECTIONS -le 1000 ]] || die "CONNECTIONS must be 1..1000"
[[ -x $PRECINCT_BIN ]] || die "no precinct binary at $PRECINCT_BIN (make release)"
[[ -x $BENCH_BIN ]] || die "no benchmark binary at $BENCH_BIN (make release)"
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"
command -v curl >/dev/null || die "curl not found"

source "$SCRIPT_DIR/../lib.sh"

mkdir -p "$REPO_ROOT/bench/out"
OUT="$REPO_ROOT/bench/out/dispatch-$(date -u +%Y%m%d-%H%M%S).txt"
ulimit -n 20000 2>/dev/null || true

start_precinct "$(printf '[modules.dispatch]\ndemo_calls_per_minute = 0\n')" --demo

token() {
    curl -sf -XPOST "$URL/api/v1/auth/token" -H 'content-type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"precinct-demo\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

{
    echo "Precinct dispatch benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)); wrk $THREADS threads, $CONNECTIONS connections, $DURATION s"
    echo "server: $("$PRECINCT_BIN" --version), storage.synchronous = full, demo fleet of $(curl -sf "$URL/metrics" | sed -n 's/^precinct_dispatch_units //p') units"
    echo
    TOKEN=$(token supervisor) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$SCRIPT_DIR/calls.lua" "$URL" \
        > "$WORK/calls.txt" 2>&1
    echo "1. call intake (POST /api/v1/calls, durable, audited): $(wrk_line < "$WORK/calls.txt")   [target >= 2000/s]"
    START_MS=$(date +%s%3N) UNITS=$(curl -sf "$URL/metrics" | sed -n 's/^precinct_dispatch_units //p') \
    TOKEN=$(token dispatcher) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$SCRIPT_DIR/positions.lua" "$URL" \
        > "$WORK/positions.txt" 2>&1
    echo "2. GPS fixes (POST /api/v1/units/{id}/position, one fix each): $(wrk_line < "$WORK/positions.txt")   [target >= 20000/s]"
    sleep 1   # let the last batch of fixes reach the database
    echo "   fixes stored: $(sqlite3 "$WORK/data/precinct.db" 'SELECT COUNT(*) FROM dispatch_unit_positions' 2>/dev/null || echo '(sqlite3 not installed)')"
    echo "3. $(echo precinct-demo | "$PRECINCT_BIN" simulate assign-latency --server "127.0.0.1:$PORT" --count 500)   [target p99 < 200 ms]"
    echo "4. in process:"
    "$BENCH_BIN" | sed 's/^/   /'
    echo "   [target: recommendations p99 < 2 ms]"
    echo
    echo "calls recorded: $(sqlite3 "$WORK/data/precinct.db" 'SELECT COUNT(*) FROM dispatch_calls' 2>/dev/null || echo '?')"
} | tee "$OUT"
{ echo; echo "--- raw wrk output ---"; cat "$WORK/calls.txt" "$WORK/positions.txt"; } >> "$OUT"
echo "bench/dispatch: results written to $OUT" >&2
