#!/usr/bin/env bash
# Times drawing the whole corpus (../shared/corpus, 144 maps) five ways,
# RUNS times each (default 9), and prints the median and the fastest run
# in milliseconds:
#
#   batch    one call, one worker per core:  wardley render -q DIR
#   j1       one call, one worker:           wardley render -q -j 1 DIR
#   procs    one process per map:            for f in DIR/*.owm; do wardley render -q "$f"; done
#   check    wardley render --check -q DIR         (draws in memory, compares: CI's case)
#   checkj1  wardley render --check -q -j 1 DIR
#   pair     two of checkj1 at once, in two processes
#
# pair is the machine's ceiling for two workers on this work: two
# processes that share nothing but the machine. Two cores that each ran
# as fast as one alone would finish pair in checkj1's time; the last line
# gives 2 × checkj1 / pair, the most any two workers can gain here, beside
# what one call's two workers gain (checkj1 / check).
#
# The first three start without images, so that each map is drawn and
# written (each image is synced to disk, which bounds them); the checks
# run with the images in place. Diagnostics go to /dev/null. Not part of CI.
#
#   bench/batch.sh [RUNS] [WORKDIR]       (WORKDIR defaults to /tmp/wardley-batch)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
work=${2:-/tmp/wardley-batch}
shared=../shared
[ -d "$shared/corpus" ] || shared=../../shared
rm -rf "$work" && mkdir -p "$work/corpus"
cp "$shared"/corpus/*.owm "$work/corpus/"
go build -o "$work/wardley" ./cmd/wardley
cd "$work"
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
# both runs COMMAND twice at once and waits for both (corpus maps with
# errors make a check exit 1, hence no status is looked at).
both() { "$@" & "$@"; wait; }
: > times
for _ in $(seq "$runs"); do
  rm -f corpus/*.svg; a=$(ms ./wardley render -q corpus)
  rm -f corpus/*.svg; b=$(ms ./wardley render -q -j 1 corpus)
  rm -f corpus/*.svg; c=$(ms bash -c 'for f in corpus/*.owm; do ./wardley render -q "$f"; done')
  d=$(ms ./wardley render --check -q corpus)
  e=$(ms ./wardley render --check -q -j 1 corpus)
  f=$(ms both ./wardley render --check -q -j 1 corpus)
  echo "$a $b $c $d $e $f" >> times
done
# med and fastest read column COL of times.
med() { cut -d' ' -f"$1" times | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
fastest() { cut -d' ' -f"$1" times | sort -n | head -1; }
for col in 1 2 3 4 5 6; do
  name=$(echo batch j1 procs check checkj1 pair | cut -d' ' -f$col)
  printf '%-8s median %6d ms   fastest %6d ms\n' "$name" "$(med $col)" "$(fastest $col)"
done
awk -v b="$(med 1)" -v j="$(med 2)" -v c="$(med 4)" -v cj="$(med 5)" -v p="$(med 6)" 'BEGIN {
  printf "two workers: %.2fx one drawing (j1/batch), %.2fx checking (checkj1/check); the machine allows %.2fx (2 x checkj1/pair)\n", j/b, cj/c, 2*cj/p }'
echo "$(ls corpus/*.owm | wc -l) maps, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
