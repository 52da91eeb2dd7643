#!/usr/bin/env bash
# Starts the real server with demo data and runs the browser test against it (Debian's chromium, headless).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${PRECINCT_BIN:?PRECINCT_BIN must name the precinct binary}"
if [ ! -x /usr/bin/chromium ]; then
  echo "chromium is not installed (Debian package chromium): run scripts/setup" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "playwright-core is not installed: run scripts/setup" >&2
  exit 1
fi
data=$(mktemp -d)
log="$data/serve.log"
config="$data/e2e.toml"
# Quick challenges; every report counts as due soon at once, so that the supervisor's deadline banner can be seen.
# One OCR worker, so the document test's page is processed while the other tests run.
printf '[modules.reports]\npow_bits = 10\ndue_soon_fraction = 1\n[modules.digitize]\nworkers = 1\n' >"$config"
# A page image for the document test, rendered from our own text by the corpus program (skipped without it).
if [ -n "${PRECINCT_OCR_CORPUS:-}" ] && [ -x "$PRECINCT_OCR_CORPUS" ]; then
  ASAN_OPTIONS=detect_leaks=0 "$PRECINCT_OCR_CORPUS" --out "$data/pages" --pages 1 --variants clean --source ours >/dev/null
  PRECINCT_OCR_SAMPLE=$(ls "$data"/pages/*.png | head -1)
  export PRECINCT_OCR_SAMPLE
fi
"$PRECINCT_BIN" serve --data-dir "$data" --listen 127.0.0.1:0 --demo --config "$config" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do
  port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "${port:-}" ] || { cat "$log"; echo "server did not start" >&2; exit 1; }
if ! curl -sf "http://127.0.0.1:$port/console/" >/dev/null; then
  echo "the console is not served: build the web pages (make web)" >&2
  exit 1
fi
cd "$here"
PRECINCT_URL="http://127.0.0.1:$port" PRECINCT_USER=auditor PRECINCT_PASSWORD=precinct-demo \
  node --test --test-concurrency=1 console.test.mjs dispatch.test.mjs reports.test.mjs assistant.test.mjs documents.test.mjs identity.test.mjs plates.test.mjs
