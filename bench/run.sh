#!/usr/bin/env bash
# Measures wardley at every size and prints BENCHMARKS.md's tables
# (markdown) on standard output:
#
#   1. in process (go test -bench BenchmarkStage, COUNT runs each): time,
#      bytes and allocations per map for each stage (parse, compile,
#      layout, svg) and the whole pipeline (text to SVG), on the corpus map
#      of median size and generated maps (internal/gen) of 10, 100, 1,000
#      and 10,000 components, with the ratio of each generated size to the
#      one ten times smaller (linear growth is about 10); and the median
#      map's pipeline in a process of its own (bench/loop);
#   2. the command line (wardley render -q -o OUT.svg MAP, RUNS runs each,
#      process start included), timed by bench/exectime: wall time, CPU
#      time (user + system), peak memory (maximum resident set size),
#      output size, and the same ratios; /bin/true and an empty Go program
#      give the machine's floor; PNG and PDF of the median map and of
#      gen-1000;
#   3. start-up: an empty Go program, bench/floor (only the fixed choices:
#      cobra, participle, svgo) and `wardley version`, default and static
#      builds, and a render to standard output (no synced write);
#      bench/touch, what touching fresh memory costs, and bench/cores, how
#      fast each core is before and after the in-process benchmarks (lines
#      at the top).
#
# Medians throughout. The machine, its load and the command go at the top.
# Not part of CI: it takes a few minutes.
#
#   bench/run.sh [COUNT] [RUNS] [WORKDIR] > table.md     (defaults 6, 21, /tmp/wardley-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-6}
runs=${2:-21}
work=${3:-/tmp/wardley-bench}
shared=../shared
[ -d "$shared/corpus" ] || shared=../../shared
rev="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!*.md' || echo ', with uncommitted changes')"
rm -rf "$work" && mkdir -p "$work"
go build -o "$work/wardley" ./cmd/wardley
go build -o "$work/exectime" ./bench/exectime
# The releases' build (.goreleaser.yaml, Dockerfile): static, no cgo, so no
# dynamic loader at start-up.
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$work/wardley-static" ./cmd/wardley
printf 'package main\n\nfunc main() {}\n' >"$work/empty.go"
go build -o "$work/empty" "$work/empty.go"
# The floor of start-up with the project's fixed choices (cobra,
# participle, svgo) and nothing else, in both builds.
go build -o "$work/floor" ./bench/floor
go build -o "$work/touch" ./bench/touch
go build -o "$work/cores" ./bench/cores
go build -o "$work/loop" ./bench/loop
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$work/floor-static" ./bench/floor
# The median corpus map as internal/testshared.Median picks it: by size,
# then name, the lower middle one.
median=$(for f in "$shared"/corpus/*.owm; do echo "$(wc -c <"$f") $f"; done | sort -k1,1n -k2 |
	awk '{m[NR]=$2} END {print m[int((NR+1)/2)]}')
cp "$median" "$work/median.owm"
sizes="10 100 1000 10000"
for n in $sizes; do go run ./bench/genmap "$n" >"$work/gen-$n.owm"; done
# median prints the median of the numbers on standard input, one a line.
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
load0=$(cut -d' ' -f1-3 /proc/loadavg)
# cores prints how fast each core is now (bench/cores: SHA-256 of 128 MiB
# pinned to each, median of 3) and what the two give at once (each its
# own 128 MiB): one core of this shared machine can run at half speed for
# minutes, and the numbers measured meanwhile with it.
cores() {
	local line="" c t0 t1 both
	if command -v taskset >/dev/null; then
		for c in $(seq 0 $(($(nproc) - 1))); do
			t0=$(for _ in 1 2 3; do taskset -c "$c" "$work/cores" 128; done | median)
			line="$line cpu$c $t0 ms,"
		done
	fi
	t1=$(for _ in 1 2 3; do "$work/cores" 128; done | median)
	both=$(for _ in 1 2 3; do "$work/cores" 128 2; done | median)
	echo "${line# } one unpinned $t1 ms; two at once $both ms ($(awk -v a="$t1" -v b="$both" 'BEGIN {printf "%.2f", 2 * a / b}')× one)"
}
cores0=$(cores)

go test -run '^$' -bench '^BenchmarkStage$' -benchmem -count "$count" . >"$work/bench.txt"
loop=$("$work/loop" "$work/median.owm")
cores1=$(cores)

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3-4)."
# What a first touch of memory costs here (bench/touch), after the
# in-process benchmarks so as not to disturb them.
echo "First touches ([bench/touch](bench/touch/main.go)): $("$work/touch" 64)."
echo "Load average (1, 5, 15 min) at the start: $load0; after the in-process benchmarks: $(cut -d" " -f1-3 /proc/loadavg)."
echo "Cores ([bench/cores](bench/cores/main.go), SHA-256 of 128 MiB) before the in-process benchmarks: $cores0; after: $cores1."
echo "Command: \`bench/run.sh $count $runs\` ($rev)."
echo
echo "In process, \`go test -bench BenchmarkStage -benchmem -count $count\`, median of $count:"
echo
echo "| stage | map | time/map | × size/10 | bytes/map | allocs/map |"
echo "|---|---|---:|---:|---:|---:|"
for stage in parse compile layout svg pipeline; do
	prev=""
	for m in median $(for n in $sizes; do echo "gen-$n"; done); do
		grep "^BenchmarkStage/stage=$stage/map=$m-" "$work/bench.txt" >"$work/rows.txt"
		ns=$(awk '{print $3}' "$work/rows.txt" | median)
		bytes=$(awk '{print $5}' "$work/rows.txt" | median)
		allocs=$(awk '{print $7}' "$work/rows.txt" | median)
		ratio="" && [ -n "$prev" ] && [ "$m" != gen-10 ] && ratio=$(awk -v a="$ns" -v b="$prev" 'BEGIN {printf "%.1f", a/b}')
		[ "$m" != median ] && prev=$ns
		printf '| %s | %s | %s | %s | %s | %s |\n' "$stage" "$m" \
			"$(awk -v v="$ns" 'BEGIN {if (v >= 1e6) printf "%.1f ms", v/1e6; else printf "%.0f µs", v/1e3}')" \
			"$ratio" "$(awk -v v="$bytes" 'BEGIN {if (v >= 1048576) printf "%.1f MiB", v/1048576; else printf "%.0f KiB", v/1024}')" "$allocs"
	done
done
echo
echo "The pipeline of the median map in a process of its own ([bench/loop](bench/loop/main.go)): $loop."

# wall µs, peak RSS KiB and CPU time (user + system) µs of one command,
# RUNS times, medians (bench/exectime). OUT (may be empty) is removed before
# each run, so that the image is drawn and written every time (render
# leaves an image whose bytes are already right alone). On a shared machine
# the CPU time is the steadier measure of what the command costs: waiting
# for a core counts in wall time only.
measure() {
	local out=$1
	shift
	if [ -n "$out" ]; then
		"$work/exectime" -n "$runs" -rm "$out" -- "$@"
	else
		"$work/exectime" -n "$runs" -- "$@"
	fi
}
echo
echo "Command line, \`wardley render -q -o OUT.svg MAP\` (process start and the synced write included), median of $runs:"
echo
echo "| map | input | wall | CPU | × size/10 | peak memory | output | × size/10 |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
ms() { awk -v v="$1" 'BEGIN {printf "%.1f ms", v/1000}'; }
read -r t m c <<<"$(measure "" /bin/true)"
printf '| (/bin/true) | | %s | %s | | %.1f MiB | | |\n' "$(ms "$t")" "$(ms "$c")" "$(awk -v v="$m" 'BEGIN {print v/1024}')"
read -r t m c <<<"$(measure "" "$work/empty")"
printf '| (empty Go program) | | %s | %s | | %.1f MiB | | |\n' "$(ms "$t")" "$(ms "$c")" "$(awk -v v="$m" 'BEGIN {print v/1024}')"
prevt="" prevo=""
for m in median $(for n in $sizes; do echo "gen-$n"; done); do
	read -r t rss c <<<"$(measure "$work/$m.svg" "$work/wardley" render -q -o "$work/$m.svg" "$work/$m.owm")"
	out=$(wc -c <"$work/$m.svg")
	rt="" ro=""
	if [ -n "$prevt" ] && [ "$m" != gen-10 ]; then
		rt=$(awk -v a="$t" -v b="$prevt" 'BEGIN {printf "%.1f", a/b}')
		ro=$(awk -v a="$out" -v b="$prevo" 'BEGIN {printf "%.1f", a/b}')
	fi
	[ "$m" != median ] && prevt=$t && prevo=$out
	printf '| %s | %s B | %s | %s | %s | %.1f MiB | %s B | %s |\n' "$m" "$(wc -c <"$work/$m.owm")" \
		"$(ms "$t")" "$(ms "$c")" "$rt" "$(awk -v v="$rss" 'BEGIN {print v/1024}')" "$out" "$ro"
done
read -r t rss c <<<"$(measure "$work/median.svg" "$work/wardley-static" render -q -o "$work/median.svg" "$work/median.owm")"
printf '| median, release build (static) | %s B | %s | %s | | %.1f MiB | %s B | |\n' "$(wc -c <"$work/median.owm")" \
	"$(ms "$t")" "$(ms "$c")" "$(awk -v v="$rss" 'BEGIN {print v/1024}')" "$(wc -c <"$work/median.svg")"
# The other formats: PNG at the default scale (2), and PDF.
for m in median gen-1000; do
	for f in png pdf; do
		read -r t rss c <<<"$(measure "$work/$m.$f" "$work/wardley" render -q -o "$work/$m.$f" "$work/$m.owm")"
		printf '| %s, %s | %s B | %s | %s | | %.1f MiB | %s B | |\n' "$m" "$(echo "$f" | tr a-z A-Z)" "$(wc -c <"$work/$m.owm")" \
			"$(ms "$t")" "$(ms "$c")" "$(awk -v v="$rss" 'BEGIN {print v/1024}')" "$(wc -c <"$work/$m.$f")"
	done
done

echo
echo "Start-up, median of $runs: what a command costs before it does anything. \`floor version\` is"
echo '[bench/floor](bench/floor/main.go), a program of only the fixed choices (cobra, participle, svgo);'
echo '`-o -` writes to standard output: the drawing without the synced write.'
echo
echo "| command | build | wall | CPU | peak memory |"
echo "|---|---|---:|---:|---:|"
row() {
	local name=$1 build=$2
	shift 2
	read -r t rss c <<<"$(measure "" "$@")"
	printf '| %s | %s | %s | %s | %.1f MiB |\n' "$name" "$build" "$(ms "$t")" "$(ms "$c")" "$(awk -v v="$rss" 'BEGIN {print v/1024}')"
}
row "empty Go program" default "$work/empty"
row "floor version" default "$work/floor" version
row "floor version" static "$work/floor-static" version
row "wardley version" default "$work/wardley" version
row "wardley version" static "$work/wardley-static" version
row "wardley render -q -o - median.owm" static "$work/wardley-static" render -q -o - "$work/median.owm"
echo
echo "The median map is $(basename "$median")."
