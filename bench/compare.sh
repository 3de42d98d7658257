#!/usr/bin/env bash
# Puts wardley's pictures of OWM's reference maps beside OWM's own, for a
# person to look at: for each ../shared/reference/maps/NAME.owm, writes
# OUT/NAME.png with ours (left) and OWM's reference PNG (right), both at the
# 800 × 600 map size OWM drew them at (unless the map sets its size), with the
# map area at the same place, labels at OWM's offsets (--labels=auto places
# them as wardley does by default). Not part of CI: it needs Chromium
# (apt-get install chromium).
#
#   bench/compare.sh [--compat|--labels=auto] [OUT]     (OUT defaults to /tmp/wardley-compare)
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(--labels=owm)
case "${1:-}" in
--compat) flags=(--compat); shift ;;
--labels=auto) flags=(--labels=auto); shift ;;
esac
out=${1:-/tmp/wardley-compare}
shared=../shared
[ -d "$shared/reference" ] || shared=../../shared
mkdir -p "$out"
go build -o "$out/wardley" ./cmd/wardley
fonts=$(pwd)/font/fonts
for map in "$shared"/reference/maps/*.owm; do
	name=$(basename "$map" .owm)
	size=(--width 800 --height 600)
	grep -q '^size ' "$map" && size=()
	"$out/wardley" render "${flags[@]}" "${size[@]}" -o "$out/$name.svg" "$map"
	owm=$(cd "$shared/reference/owm" && pwd)/$name.png
	# The SVG is inlined so that the page's @font-face reaches it.
	{
		echo "<html><head><style>@font-face{font-family:'Gloria Hallelujah';src:url(file://$fonts/GloriaHallelujah-Regular.ttf)}"
		echo "body{margin:0;background:#888;display:flex;gap:4px;align-items:flex-start}</style></head><body>"
		sed 1,2d "$out/$name.svg"
		echo "<img src=\"file://$owm\"></body></html>"
	} >"$out/$name.html"
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--user-data-dir="$(mktemp -d)" --hide-scrollbars --window-size=1900,800 \
		--screenshot="$out/$name.png" "file://$out/$name.html" >/dev/null 2>&1
	echo "$out/$name.png"
done
