#!/usr/bin/env bash
# Figures of citizen reports, in one run on one machine:
#   1. submissions over HTTP: wrk posting JSON reports without photos (bench/reports/submit.lua); every report is a
#      durable transaction with routing, deadline, duplicate search and its audit entry;
#   2. lookups over HTTP: wrk posting code + second factor for reports filed in step 1 (bench/reports/lookup.lua);
#   3. photo intake: one 12-megapixel JPEG decoded, scaled and re-encoded, timed by curl.
# The server runs with proof of work off and per-client limits raised, so that the figures are the server's, not
# the anti-bot measures' (a browser spends ~0.1–1 s on a 16-bit challenge; the limits are per address).
# Targets: >= 1,000 submissions/s on 2 cores; lookup p99 < 10 ms.
#
#   bench/reports/run.sh                   # 10 s per HTTP run
#   DURATION=5 CONNECTIONS=16 bench/reports/run.sh
set -Eeuo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
PRECINCT_BIN=${PRECINCT_BIN:-$REPO_ROOT/build/release/apps/precinct/precinct}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}

die() { echo "bench/reports: $*" >&2; exit 1; }
[[ $DURATION =~ ^[1-9][0-9]*$ && $DURATION -le 600 ]] || die "DURATION must be 1..600 seconds"
[[ $CONNECTIONS =~ ^[1-9][0-9]*$ && $CONNECTIONS -le 1000 ]] || die "CONNECTIONS must be 1..1000"
[[ -x $PRECINCT_BIN ]] || die "no precinct binary at $PRECINCT_BIN (make release)"
for tool in wrk curl python3 sqlite3; do command -v $tool >/dev/null || die "$tool not found"; done

source "$SCRIPT_DIR/../lib.sh"
mkdir -p "$REPO_ROOT/bench/out"
OUT="$REPO_ROOT/bench/out/reports-$(date -u +%Y%m%d-%H%M%S).txt"
ulimit -n 20000 2>/dev/null || true

start_precinct "[modules.dispatch]
demo_calls_per_minute = 0
[modules.reports]
pow_bits = 0
submissions_per_minute = 10000000
lookups_per_minute = 10000000
lookup_failures_per_code = 1000
"


{
    echo "Precinct reports benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)); wrk $THREADS threads, $CONNECTIONS connections, $DURATION s"
    echo "server: $("$PRECINCT_BIN" --version), storage.synchronous = full, proof of work off, limits raised"
    echo
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$SCRIPT_DIR/submit.lua" "$URL" > "$WORK/submit.txt" 2>&1
    echo "1. submissions (POST /api/v1/reports, JSON, no photo): $(wrk_line < "$WORK/submit.txt")   [target >= 1000/s]"
    echo "   reports stored: $(sqlite3 "$WORK/data/precinct.db" 'SELECT COUNT(*) FROM reports')"
    # Codes and second factors of 2,000 stored reports: the secret is the phone's last 4 digits.
    sqlite3 "$WORK/data/precinct.db" "SELECT code, substr(contact_phone, -4) FROM reports ORDER BY random() LIMIT 2000" |
        tr '|' ' ' > "$WORK/codes.txt"
    CODES_FILE="$WORK/codes.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$SCRIPT_DIR/lookup.lua" "$URL" \
        > "$WORK/lookup.txt" 2>&1
    echo "2. lookups (POST /api/v1/reports/lookup, code + second factor): $(wrk_line < "$WORK/lookup.txt")   [target p99 < 10 ms]"
    python3 - "$WORK/photo.png" <<'PY'
import struct, sys, zlib
# A 4000x3000 PNG is cheap to write without libraries; the server decodes, scales and re-encodes it.
w, h = 4000, 3000
row = b"\x00" + bytes((x * 7 + 60) % 256 for x in range(w * 3))
raw = row * h
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + \
      chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
    photo_time=$(curl -s -o "$WORK/photo.out" -w '%{time_total}' -F category=noise \
        -F 'description=Ảnh 12 megapixel (demo) để đo thời gian xử lý' -F lat=21.03 -F lon=105.85 -F phone=0900000000 \
        -F "photo=@$WORK/photo.png;type=image/png" "$URL/api/v1/reports")
    echo "3. one 12-megapixel photo ($(stat -c %s "$WORK/photo.png") bytes PNG) filed, decoded, scaled to 2048 px and re-encoded: ${photo_time} s ($(head -c 80 "$WORK/photo.out"))"
} | tee "$OUT"
{ echo; echo "--- raw wrk output ---"; cat "$WORK/submit.txt" "$WORK/lookup.txt"; } >> "$OUT"
echo "bench/reports: results written to $OUT" >&2
