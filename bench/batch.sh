#!/usr/bin/env bash
# Times drawing the whole corpus (../shared/corpus, 144 maps) three ways,
# RUNS times each (default 9), and prints the median and the fastest run
# in milliseconds:
#
#   batch  one call, one worker per core:  wardley render -q DIR
#   j1     one call, one worker:           wardley render -q -j 1 DIR
#   procs  one process per map:            for f in DIR/*.owm; do wardley render -q "$f"; done
#
# Every run starts without images, so that each map is drawn and written.
# Diagnostics go to /dev/null. Not part of CI.
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
: > times
for _ in $(seq "$runs"); do
  rm -f corpus/*.svg; a=$(ms ./wardley render -q corpus)
  rm -f corpus/*.svg; b=$(ms ./wardley render -q -j 1 corpus)
  rm -f corpus/*.svg; c=$(ms bash -c 'for f in corpus/*.owm; do ./wardley render -q "$f"; done')
  echo "$a $b $c" >> times
done
for col in 1 2 3; do
  name=$(echo batch j1 procs | cut -d' ' -f$col)
  cut -d' ' -f$col times | sort -n | awk -v n="$name" '{v[NR]=$1} END {printf "%-6s median %6d ms   fastest %6d ms\n", n, v[int((NR+1)/2)], v[1]}'
done
echo "$(ls corpus/*.owm | wc -l) maps, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
