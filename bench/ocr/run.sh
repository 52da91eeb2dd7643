#!/usr/bin/env bash
# OCR of scanned pages, `precinct ocr` beside OCRmyPDF, in one run on one machine, on the same input:
#   1. precinct_ocr_corpus renders PAGES A4 pages (our documents and, when the shared data is there, legal texts) at
#      300 dpi, each in every variant of VARIANTS (clean, noise, blur, skew, lowcontrast, photocopy), with the exact
#      text as truth; the DC01 form pages (shared vi-form-dc01) are added when present.
#   2. INPUT=pdf (default): img2pdf packs all the pages, in manifest order, into one PDF at 300 dpi (losslessly: the PNG
#      data goes in as it is) and both tools get that one file; precinct rasterizes it with poppler at 300 dpi,
#      OCRmyPDF with Ghostscript at the image's resolution. INPUT=png: both get the same PNG files (OCRmyPDF takes one
#      image per run, so it runs once per page, JOBS runs at a time, each with --jobs 1). INPUT=both: the two.
#   3. each tool runs with JOBS workers, pinned to the same JOBS cores (taskset), timed by the wall clock:
#        precinct ocr --lang vie+eng --jobs JOBS --out A corpus.pdf
#        ocrmypdf -l vie+eng --jobs JOBS --output-type pdf -O0 --sidecar B.txt corpus.pdf B.pdf
#      OCRmyPDF's options: -l vie+eng, the same Tesseract models; --output-type pdf, a plain PDF as ours (the default,
#      PDF/A, adds a Ghostscript pass); -O0, no image optimisation of the output (ours does none); --sidecar, the
#      text, pages separated by form feeds, as ours writes DIR/<stem>.txt. Left at their defaults (off): --deskew,
#      --clean, --rotate-pages (OCRMYPDF_ARGS adds options, e.g. --deskew when precinct ocr deskews), --skip-big
#      and --skip-text (nothing to skip: every page is an image without text). OCRmyPDF runs Tesseract single-threaded
#      when it has more pages than jobs; ours is asked for JOBS workers and gets the same JOBS cores.
#   4. precinct_ocr_score: CER and WER per variant for both tools (Levenshtein over NFC code points / words, whitespace
#      runs collapsed); DC01 apart, raw and in form mode (runs of dot leaders and ellipses removed from both sides).
# Prints pages/s of both, their ratio, pages/s per core, and the cores needed for 555,000 A4 pages a day.
# Target: precinct >= 2x OCRmyPDF's pages/s, at an overall CER no worse.
#
#   bench/ocr/run.sh
#   PAGES=12 VARIANTS=clean,photocopy INPUT=both JOBS=2 bench/ocr/run.sh
#   PRECINCT=/path/to/precinct KEEP=1 bench/ocr/run.sh      (KEEP=1: leave the pages and outputs in the work folder)
set -Eeuo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
PRECINCT_BIN=${PRECINCT:-${PRECINCT_BIN:-$REPO_ROOT/build/release/apps/precinct/precinct}}
BENCH_DIR=${BENCH_DIR:-$REPO_ROOT/build/release/bench/ocr}
CORPUS_BIN=$BENCH_DIR/precinct_ocr_corpus
SCORE_BIN=$BENCH_DIR/precinct_ocr_score
SHARED_DATA=${SHARED_DATA:-$REPO_ROOT/../shared/data}
PAGES=${PAGES:-6}
VARIANTS=${VARIANTS:-clean,noise,blur,skew,lowcontrast,photocopy}
SOURCE=${SOURCE:-all}
SEED=${SEED:-1}
JOBS=${JOBS:-2}
INPUT=${INPUT:-pdf}
LANGS=${LANGS:-vie+eng}
OCRMYPDF_ARGS=${OCRMYPDF_ARGS:-}
PAGES_PER_DAY=555000

die() { echo "bench/ocr: $*" >&2; exit 1; }
[[ $PAGES =~ ^[1-9][0-9]*$ && $PAGES -le 1000 ]] || die "PAGES must be 1..1000"
[[ $JOBS =~ ^[1-9][0-9]*$ && $JOBS -le 256 ]] || die "JOBS must be 1..256"
[[ $INPUT == pdf || $INPUT == png || $INPUT == both ]] || die "INPUT must be pdf, png or both"
[[ -x $PRECINCT_BIN ]] || die "no precinct binary at $PRECINCT_BIN (make release, or set PRECINCT)"
[[ -x $CORPUS_BIN && -x $SCORE_BIN ]] || die "no precinct_ocr_corpus/precinct_ocr_score in $BENCH_DIR (make release)"
for tool in ocrmypdf pdfinfo pdftotext awk; do command -v $tool >/dev/null || die "$tool not found"; done
# img2pdf: the command (Debian package img2pdf) or the library that OCRmyPDF itself depends on (python3-img2pdf).
if command -v img2pdf >/dev/null; then
    IMG2PDF=(img2pdf)
elif /usr/bin/python3 -c 'import img2pdf' 2>/dev/null; then
    IMG2PDF=(/usr/bin/python3 -m img2pdf)
else
    die "img2pdf not found (apt-get install img2pdf)"
fi
PIN=()
if command -v taskset >/dev/null && (($(nproc) >= JOBS)); then PIN=(taskset -c "0-$((JOBS - 1))"); fi

source "$SCRIPT_DIR/../lib.sh"  # WORK: a temporary folder, removed on exit
mkdir -p "$REPO_ROOT/bench/out"
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT="$REPO_ROOT/bench/out/ocr-$STAMP.txt"
DETAILS="$REPO_ROOT/bench/out/ocr-$STAMP"  # .<mode>.pages.tsv: the figures of every page
if [[ ${KEEP:-0} == 1 ]]; then trap 'echo "bench/ocr: work files kept in $WORK" >&2' EXIT; fi

# --- 1. the pages: corpus/manifest.tsv, plus DC01 -------------------------------------------------------------------
CORPUS=$WORK/corpus
"$CORPUS_BIN" --out "$CORPUS" --pages "$PAGES" --variants "$VARIANTS" --seed "$SEED" --source "$SOURCE" \
    --ours-dir "$REPO_ROOT/data/digitize/corpus" --legal-dir "$SHARED_DATA/vi-legal-text/docs" \
    > "$WORK/corpus.log" 2>&1 || die "corpus: $(cat "$WORK/corpus.log")"
# pages.tsv: stem, group, image, truth (absolute paths), in input order.
awk -F'\t' -v dir="$CORPUS" 'NR > 1 {print $1 "\t" $2 "\t" dir "/" $6 "\t" dir "/" $7}' "$CORPUS/manifest.tsv" \
    > "$WORK/pages.tsv"
DC01_DIR=$SHARED_DATA/vi-form-dc01
DC01_NOTE="DC01: $DC01_DIR absent, skipped"
if [[ -d $DC01_DIR ]]; then
    for png in "$DC01_DIR"/page*.png; do
        [[ -f ${png%.png}.txt ]] || continue
        stem=dc01_$(basename "${png%.png}")
        cp "$png" "$CORPUS/$stem.png"
        printf '%s\tdc01\t%s\t%s\n' "$stem" "$CORPUS/$stem.png" "${png%.png}.txt" >> "$WORK/pages.tsv"
    done
    DC01_NOTE="DC01: $(grep -c $'\tdc01\t' "$WORK/pages.tsv") pages of $DC01_DIR"
fi
NPAGES=$(wc -l < "$WORK/pages.tsv")
mapfile -t IMAGES < <(cut -f3 "$WORK/pages.tsv")

# --- 2-3. the runs ---------------------------------------------------------------------------------------------------
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }

# score_lists MODE OURS_TXT_OF OCRMYPDF_TXT_OF: writes $WORK/<mode>.{ours,peer}.{corpus,dc01}.list. The *_OF argument
# "one:FILE" means page k of FILE is input page k; "each:DIR" means DIR/<stem>.txt, page 1.
score_lists() {
    local mode=$1
    local -a specs=("$2" "$3") names=(ours peer)
    for i in 0 1; do
        local kind=${specs[$i]%%:*} where=${specs[$i]#*:} base=$WORK/$mode.${names[$i]}
        : > "$base.corpus.list"
        : > "$base.dc01.list"
        awk -F'\t' -v kind="$kind" -v where="$where" -v corpus="$base.corpus.list" -v dc01="$base.dc01.list" '{
            file = kind == "one" ? where : where "/" $1 ".txt"
            page = kind == "one" ? NR : 1
            if ($2 == "dc01") {
                print "dc01, raw\ttext\t" file "\t" page "\t" $4 > dc01
                print "dc01, form mode\tform\t" file "\t" page "\t" $4 > dc01
            } else {
                print $2 "\ttext\t" file "\t" page "\t" $4 > corpus
            }
        }' "$WORK/pages.tsv"
    done
}

# run_pair MODE: runs both tools on the MODE input; sets T_OURS, T_PEER, RC_OURS, RC_PEER and writes the lists.
run_pair() {
    local mode=$1 a=$WORK/$1.ours b=$WORK/$1.peer t0
    mkdir -p "$a" "$b"
    if [[ $mode == pdf ]]; then
        t0=$(now)
        RC_OURS=0
        "${PIN[@]}" "$PRECINCT_BIN" ocr --lang "$LANGS" --jobs "$JOBS" --out "$a" "$WORK/corpus.pdf" \
            > "$a.log" 2>&1 || RC_OURS=$?
        T_OURS=$(elapsed "$t0" "$(now)")
        t0=$(now)
        RC_PEER=0
        # shellcheck disable=SC2086  # OCRMYPDF_ARGS: extra options, split on spaces
        "${PIN[@]}" ocrmypdf -l "$LANGS" --jobs "$JOBS" --output-type pdf -O0 $OCRMYPDF_ARGS \
            --sidecar "$b/corpus.txt" "$WORK/corpus.pdf" "$b/corpus.pdf" > "$b.log" 2>&1 || RC_PEER=$?
        T_PEER=$(elapsed "$t0" "$(now)")
        score_lists pdf "one:$a/corpus.txt" "one:$b/corpus.txt"
        PDF_OURS=$a/corpus.pdf
        PDF_PEER=$b/corpus.pdf
    else
        t0=$(now)
        RC_OURS=0
        "${PIN[@]}" "$PRECINCT_BIN" ocr --lang "$LANGS" --jobs "$JOBS" --out "$a" "${IMAGES[@]}" > "$a.log" 2>&1 ||
            RC_OURS=$?
        T_OURS=$(elapsed "$t0" "$(now)")
        t0=$(now)
        RC_PEER=0
        # shellcheck disable=SC2016  # the inner script expands its own arguments
        printf '%s\0' "${IMAGES[@]}" | "${PIN[@]}" xargs -0 -P "$JOBS" -I{} sh -c \
            'stem=$(basename "${3%.*}"); ocrmypdf -l "$1" --jobs 1 --output-type pdf -O0 '"$OCRMYPDF_ARGS"' \
                 --sidecar "$2/$stem.txt" "$3" "$2/$stem.pdf" >> "$2.log" 2>&1' _ "$LANGS" "$b" {} || RC_PEER=$?
        T_PEER=$(elapsed "$t0" "$(now)")
        score_lists png "each:$a" "each:$b"
        PDF_OURS=""
        PDF_PEER=""
    fi
}

# outputs_line DIR PDF: what a tool wrote: its .txt and .json files, and the PDF's pages and text-layer characters.
outputs_line() {
    local line
    line="$(find "$1" -name '*.txt' | wc -l) .txt, $(find "$1" -name '*.json' | wc -l) .json"
    if [[ -n $2 && -f $2 ]]; then
        line+=", PDF $(pdfinfo "$2" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"
        line+=" with $(pdftotext "$2" - 2>/dev/null | wc -m) characters of text"
    fi
    echo "$line"
}

# speed_block T_OURS T_PEER: the throughput figures.
speed_block() {
    awk -v n="$NPAGES" -v a="$1" -v b="$2" -v jobs="$JOBS" -v day="$PAGES_PER_DAY" '
        function line(name, seconds,    rate, cores) {
            rate = seconds > 0 ? n / seconds : 0
            cores = rate > 0 ? need / (rate / jobs) : 0
            cores = cores == int(cores) ? cores : int(cores) + 1
            printf "   %-9s %8.1f s  %7.3f pages/s  %7.3f pages/s per core  %5d cores for %d pages/day\n",
                   name, seconds, rate, rate / jobs, cores, day
            return rate
        }
        BEGIN {
            need = day / 86400
            ours = line("precinct", a)
            peer = line("ocrmypdf", b)
            printf "   ratio precinct/ocrmypdf: %.2fx  [target >= 2x]   (%d pages/day = %.3f pages/s)\n",
                   (peer > 0 ? ours / peer : 0), day, need
        }'
}

# verdict SUMMARY_TSV T_OURS T_PEER
verdict() {
    awk -F'\t' -v a="$2" -v b="$3" '
        $1 == "precinct" && $2 == "all" {ours = $10}
        $1 == "ocrmypdf" && $2 == "all" {peer = $10}
        END {
            ratio = a > 0 ? b / a : 0
            speed = ratio >= 2 ? "met" : "NOT met"
            accuracy = ours <= peer ? "no worse: met" : "worse: NOT met"
            printf "   speed %.2fx (%s); overall CER %.2f%% vs %.2f%% (%s)\n", ratio, speed, ours, peer, accuracy
        }' "$1"
}

report_mode() {
    local mode=$1
    local label="one PDF of $NPAGES pages (img2pdf, 300 dpi)"
    [[ $mode == png ]] && label="$NPAGES PNG files (300 dpi)"
    run_pair "$mode"
    echo "$mode. input: $label"
    echo "   precinct: exit $RC_OURS, $(outputs_line "$WORK/$mode.ours" "$PDF_OURS")"
    echo "   ocrmypdf: exit $RC_PEER, $(outputs_line "$WORK/$mode.peer" "$PDF_PEER")"
    ((RC_OURS == 0)) || sed 's/^/   precinct log: /' "$WORK/$mode.ours.log" | tail -5
    ((RC_PEER == 0)) || grep -iE 'error|exception' "$WORK/$mode.peer.log" | sed 's/^/   ocrmypdf log: /' | tail -5
    speed_block "$T_OURS" "$T_PEER"
    echo "   accuracy, corpus pages ($SOURCE text; CER/WER = edits / truth length, pooled over pages):"
    "$SCORE_BIN" --system "precinct=$WORK/$mode.ours.corpus.list" --system "ocrmypdf=$WORK/$mode.peer.corpus.list" \
        --summary "$WORK/$mode.summary.tsv" --details "$WORK/$mode.details.tsv" | sed 's/^/   /'
    if [[ -s $WORK/$mode.ours.dc01.list ]]; then
        echo "   accuracy, DC01 form (truth = the PDF's own text layer; raw, then with leader runs removed):"
        "$SCORE_BIN" --no-total --system "precinct=$WORK/$mode.ours.dc01.list" \
            --system "ocrmypdf=$WORK/$mode.peer.dc01.list" --details "$WORK/$mode.dc01.details.tsv" | sed 's/^/   /'
    fi
    echo "   target, precinct >= 2x OCRmyPDF at no worse CER (corpus pages):"
    verdict "$WORK/$mode.summary.tsv" "$T_OURS" "$T_PEER"
    cp "$WORK/$mode.details.tsv" "$DETAILS.$mode.pages.tsv"
    if [[ -f $WORK/$mode.dc01.details.tsv ]]; then
        tail -n +2 "$WORK/$mode.dc01.details.tsv" >> "$DETAILS.$mode.pages.tsv"
    fi
    echo
}

{
    echo "Precinct OCR benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)), load average at start:" \
        "$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "precinct: $("$PRECINCT_BIN" --version 2>&1 | head -1); $(ocrmypdf --version 2>&1 | sed 's/^/ocrmypdf /');" \
        "$(tesseract --version 2>&1 | head -1)"
    extra=${OCRMYPDF_ARGS:+; ocrmypdf also $OCRMYPDF_ARGS}
    echo "both: --lang $LANGS, $JOBS jobs${PIN:+, pinned to cores 0-$((JOBS - 1))}$extra"
    variants=$(awk -F'\t' 'NR > 1 {print $2}' "$CORPUS/manifest.tsv" | sort -u | wc -l)
    echo "pages: $NPAGES = $(grep -c . "$CORPUS/pages.list") corpus ($variants variants of" \
        "$(grep -c '^page ' "$WORK/corpus.log") pages, source $SOURCE, seed $SEED) + ${DC01_NOTE#DC01: }"
    grep -v '^page \|written to' "$WORK/corpus.log" | sed 's/^/   /' || true
    echo
    if [[ $INPUT != png ]]; then
        "${IMG2PDF[@]}" --output "$WORK/corpus.pdf" "${IMAGES[@]}" 2> "$WORK/img2pdf.log" ||
            die "img2pdf: $(cat "$WORK/img2pdf.log")"
        report_mode pdf
    fi
    [[ $INPUT == pdf ]] || report_mode png
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (figures from a loaded machine are not comparable)"
} | tee "$OUT"
echo "written to ${OUT#"$REPO_ROOT"/}; per-page figures in ${DETAILS#"$REPO_ROOT"/}.*.pages.tsv"
