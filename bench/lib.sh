# Shared by the benchmark scripts (sourced): a precinct server in a temporary directory, stopped on exit, and a
# one-line summary of wrk's output. Expects PRECINCT_BIN and die() from the caller.

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# start_precinct CONFIG_TEXT [extra serve args...]: starts the server on a free port; sets PORT and URL.
start_precinct() {
    printf '%s' "$1" > "$WORK/precinct.toml"
    shift
    "$PRECINCT_BIN" serve --data-dir "$WORK/data" --listen 127.0.0.1:0 --config "$WORK/precinct.toml" "$@" \
        > "$WORK/server.out" 2> "$WORK/server.err" &
    SERVER_PID=$!
    for _ in $(seq 100); do
        grep -q 'listening on' "$WORK/server.out" 2>/dev/null && break
        sleep 0.1
    done
    PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/server.out")
    [[ -n $PORT ]] || die "server did not start: $(cat "$WORK/server.err")"
    URL=http://127.0.0.1:$PORT
}

wrk_line() {   # wrk output -> "req/s, p50, p99, non-2xx"
    awk '/Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$5} /Socket errors/ {sock=$0}
         END {printf "%s req/s, p50 %s, p99 %s, non-2xx %s%s\n", rps, p50, p99, (bad==""?0:bad), (sock==""?"":", " sock)}'
}
