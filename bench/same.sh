#!/usr/bin/env bash
# Draws every map an optimisation must not change, with the wardley of the
# working tree or of a given commit, into a directory; two directories
# compared with diff -r show whether a change drew anything differently:
#
#   bench/same.sh OUT [COMMIT]
#
# The maps: the corpus (../shared/corpus) and generated maps of 10 to
# 10,000 components (internal/gen, seed 0) in both label modes that move
# labels (auto, all), and the corpus with the generated maps of 100 and
# 1,000 components in each of the five styles: 977 SVGs. Diagnostics go to
# /dev/null. Not part of CI (it takes a few seconds).
#
#   bench/same.sh /tmp/before HEAD~1 && bench/same.sh /tmp/after && diff -r /tmp/before /tmp/after
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: bench/same.sh OUT [COMMIT]}
commit=${2:-}
shared=$(cd ../shared 2>/dev/null || cd ../../shared; pwd)
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "$commit" ]; then
	git worktree add -q --detach "$work/tree" "$commit"
	trap 'git worktree remove --force "$work/tree"; rm -rf "$work"' EXIT
	(cd "$work/tree" && go build -o "$work/wardley" ./cmd/wardley)
else
	go build -o "$work/wardley" ./cmd/wardley
fi
for n in 10 100 1000 10000; do go run ./bench/genmap "$n" >"$work/gen-$n.owm"; done
w=$work/wardley
for mode in auto all; do
	mkdir -p "$out/$mode"
	"$w" render -q --labels="$mode" --out-dir "$out/$mode" "$shared"/corpus/*.owm 2>/dev/null || true
	for n in 10 100 1000 10000; do
		"$w" render -q --labels="$mode" -o "$out/$mode/gen-$n.svg" "$work/gen-$n.owm" 2>/dev/null
	done
done
for style in plain wardley colour handwritten dark; do
	mkdir -p "$out/$style"
	"$w" render -q --style "$style" --out-dir "$out/$style" "$shared"/corpus/*.owm \
		"$work/gen-100.owm" "$work/gen-1000.owm" 2>/dev/null || true
done
echo "$(find "$out" -name '*.svg' | wc -l) SVGs in $out"
