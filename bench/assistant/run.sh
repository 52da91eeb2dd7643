#!/usr/bin/env bash
# Figures of the citizens' assistant, in one run on one machine:
#   1. in process, one thread pinned to one core: whole answers per second and latency, and retrieval beside SQLite
#      FTS5 on the same knowledge base and questions (precinct_assistant_bench);
#   2. over HTTP: 200 conversations going on at once (CONVERSATIONS), wrk with as many connections posting citizens'
#      questions into them (bench/assistant/messages.lua), (a) each sending as fast as it can — the server's
#      capacity, where latency is mostly queueing (200 requests in flight) — and (b) each waiting THINK_MS (50 ms) after
#      a reply, a load still far above 200 people typing; every message and reply is stored (written in batches
#      every 20 ms).
# The server runs with the per-client limit raised (every wrk connection comes from 127.0.0.1).
# Targets: >= 5,000 answers/s in process on one core; p99 < 20 ms over HTTP with 200 conversations on 2 cores.
#
#   bench/assistant/run.sh
#   DURATION=5 CONVERSATIONS=200 bench/assistant/run.sh
set -Eeuo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
PRECINCT_BIN=${PRECINCT_BIN:-$REPO_ROOT/build/release/apps/precinct/precinct}
BENCH_BIN=${BENCH_BIN:-$REPO_ROOT/build/release/bench/precinct_assistant_bench}
DURATION=${DURATION:-10}
CONVERSATIONS=${CONVERSATIONS:-200}
THREADS=${THREADS:-2}
THINK_MS=${THINK_MS:-50}

die() { echo "bench/assistant: $*" >&2; exit 1; }
[[ $DURATION =~ ^[1-9][0-9]*$ && $DURATION -le 600 ]] || die "DURATION must be 1..600 seconds"
[[ $CONVERSATIONS =~ ^[1-9][0-9]*$ && $CONVERSATIONS -le 1000 ]] || die "CONVERSATIONS must be 1..1000"
[[ -x $PRECINCT_BIN ]] || die "no precinct binary at $PRECINCT_BIN (make release)"
[[ -x $BENCH_BIN ]] || die "no benchmark program at $BENCH_BIN (make release)"
for tool in wrk curl python3 taskset; do command -v $tool >/dev/null || die "$tool not found"; done

source "$SCRIPT_DIR/../lib.sh"
mkdir -p "$REPO_ROOT/bench/out"
OUT="$REPO_ROOT/bench/out/assistant-$(date -u +%Y%m%d-%H%M%S).txt"
ulimit -n 20000 2>/dev/null || true
QUESTIONS_TSV="$REPO_ROOT/data/kb/eval/questions.tsv"

start_precinct "[modules.dispatch]
demo_calls_per_minute = 0
[modules.assistant]
messages_per_minute = 10000000
max_messages_per_conversation = 10000
"

# The citizens' questions (the question column), and one conversation started for each wrk connection.
cut -f3 "$QUESTIONS_TSV" | tail -n +2 > "$WORK/questions.txt"
python3 - "$URL" "$CONVERSATIONS" > "$WORK/ids.txt" <<'PY'
import json, sys, urllib.request
url, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    req = urllib.request.Request(url + "/api/v1/assistant/messages", data=json.dumps({"text": "xin chào"}).encode(),
                                 headers={"Content-Type": "application/json"})
    print(json.load(urllib.request.urlopen(req))["conversation_id"])
PY

{
    echo "Precinct assistant benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1))"
    echo "server: $("$PRECINCT_BIN" --version), storage.synchronous = full, per-client limit raised"
    echo
    echo "1. in process, one thread on core 0:"
    taskset -c 0 "$BENCH_BIN" "$QUESTIONS_TSV" 3 | sed 's/^/   /'
    echo
    IDS_FILE="$WORK/ids.txt" QUESTIONS_FILE="$WORK/questions.txt" \
        wrk -t"$THREADS" -c"$CONVERSATIONS" -d"${DURATION}s" --latency -s "$SCRIPT_DIR/messages.lua" "$URL" \
        > "$WORK/messages.txt" 2>&1
    echo "2. HTTP, $CONVERSATIONS conversations at once (POST /api/v1/assistant/messages):"
    echo "   (a) no pause between messages: $(wrk_line < "$WORK/messages.txt")"
    IDS_FILE="$WORK/ids.txt" QUESTIONS_FILE="$WORK/questions.txt" THINK_MS="$THINK_MS" \
        wrk -t"$THREADS" -c"$CONVERSATIONS" -d"${DURATION}s" --latency -s "$SCRIPT_DIR/messages.lua" "$URL" \
        > "$WORK/paced.txt" 2>&1
    echo "   (b) $THINK_MS ms pause after each reply: $(wrk_line < "$WORK/paced.txt")   [target p99 < 20 ms]"
    echo "   messages stored: $(sqlite3 "$WORK/data/precinct.db" 'SELECT COUNT(*) FROM assistant_messages')"
} | tee "$OUT"
echo "written to ${OUT#$REPO_ROOT/}"
