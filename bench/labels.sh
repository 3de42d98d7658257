#!/usr/bin/env bash
# Prints, as Markdown, the label metrics of every corpus map with OWM's
# fixed label offsets and with automatic placement (layout.Measure): per
# map, label overlaps and labels crossing symbols or lines, the totals, the
# five most crowded maps and the five worst left. The corpus test
# (go test ./internal/labelstats -run TestCorpus -v) prints the same table.
#
#   bench/labels.sh [MAP.owm...]     (default: ../shared/corpus/*.owm)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
	shared=../shared
	[ -d "$shared/corpus" ] || shared=../../shared
	set -- "$shared"/corpus/*.owm
fi
exec go run ./bench/labelstats "$@"
