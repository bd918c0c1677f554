#!/usr/bin/env bash
# Side by side, in one run: Article Atlas's renderer and Mapnik 3.1 drawing the
# anchor scene of ../shared/bench (all 1:50m countries of data/, plate carrée,
# palette fills, 0.5 px borders, 7 lines of 2 px) and its story scene (the
# anchor plus 300 markers and collision-free halo labels); the app's own
# frames (app/scene benchmarks, all layers) against Mapnik's anchor render at
# 1920×1080; then whole-process exports. Prints medians in ms and the ratio
# ours / Mapnik.
#
# usage: app/render/compare.sh [BENCH_DIR]     (run from anywhere in the repo)
# needs: Go, python3-mapnik and python3-cairo (apt-get install -y python3-mapnik
# python3-cairo), /usr/bin/time
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=$(cd "${1:-$root/../shared/bench}" && pwd)
cd "$root"
export ATLAS_BENCH_DIR=$bench LANG=C.UTF-8
if ! /usr/bin/python3 -c 'import mapnik, cairo' 2>/dev/null; then
  echo "Mapnik's or Cairo's Python binding is missing: apt-get install -y python3-mapnik python3-cairo" >&2
  exit 1
fi
runs=${RUNS:-10}
data=data/countries-50m.geojson

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The machines these run on are noisy: their speed drifts over minutes. So
# the two sides are measured in turns, $runs rounds of one sample of each
# of ours and one of each of Mapnik's, and every figure is the median of its
# $runs samples: both sides see the same quiet and busy spells.
#
# Ours: go test benchmarks, ns/op. The anchor and story scenes
# (app/render), then the app's frames with every layer (app/scene: world
# view 1920×1080 at 1:110m, East Asia zoomed at 1:50m, a 1440×900 dp window
# at 2 px per dp at 1:50m, a pan step, a date step of the world view at
# 1920×1080 and in the HiDPI window, a long date step that recolours most
# countries, and the first date step at a view, which draws the base once
# more keeping what the next steps recolour from).
#
# Mapnik: its scripts print medians over --iters renders; each call is one
# sample.
go test -c -o /tmp/atlas-compare-render.test ./app/render
go test -c -o /tmp/atlas-compare-scene.test ./app/scene
benchout="" m1080s="" m4ks="" ms1080s="" ms4ks=""
for round in $(seq "$runs"); do
  benchout+=$'\n'$(cd app/render && /tmp/atlas-compare-render.test -test.run '^$' -test.bench '^Benchmark(Anchor|Story)(1080|4K|PNG1080)$|^BenchmarkStorySVG$' -test.count 1)
  benchout+=$'\n'$(cd app/scene && /tmp/atlas-compare-scene.test -test.run '^$' -test.bench '^Benchmark(Frame1080|FrameZoomed|FrameHiDPI|Pan|DateStep|DateStepHiDPI|DateStepFar|DateStepFirst)$' -test.count 1)
  m1080s+=$(/usr/bin/python3 "$bench/mapnik_render.py" --data "$data" --size 1920x1080 --iters 10)$'\n'
  m4ks+=$(/usr/bin/python3 "$bench/mapnik_render.py" --data "$data" --size 3840x2160 --iters 4)$'\n'
  ms1080s+=$(/usr/bin/python3 "$bench/mapnik_story.py" --data "$data" --size 1920x1080 --iters 2)$'\n'
  ms4ks+=$(/usr/bin/python3 "$bench/mapnik_story.py" --data "$data" --size 3840x2160 --iters 1)$'\n'
  echo "round $round of $runs done, load average $(cut -d' ' -f1 /proc/loadavg)" >&2
done
ours() { echo "$benchout" | awk -v n="Benchmark$1-" 'index($1, n) == 1 {print $3/1e6}' | median; }
o1080=$(ours Anchor1080); o4k=$(ours Anchor4K); opng=$(ours AnchorPNG1080)
s1080=$(ours Story1080); s4k=$(ours Story4K); spng=$(ours StoryPNG1080); ssvg=$(ours StorySVG)
svgbytes=$(echo "$benchout" | awk '$1 ~ /^BenchmarkStorySVG-/ {for (i = 1; i < NF; i++) if ($(i+1) == "svg_bytes") {print $i; exit}}')
f1080=$(ours Frame1080); fzoom=$(ours FrameZoomed); fhidpi=$(ours FrameHiDPI); pan=$(ours Pan)
dstep=$(ours DateStep); dstephidpi=$(ours DateStepHiDPI); dstepfar=$(ours DateStepFar); dstepfirst=$(ours DateStepFirst)
# theirs SAMPLES FIELD: the median over the rounds of one field of Mapnik's JSON lines.
theirs() { echo "$1" | /usr/bin/python3 -c 'import json, sys; [print(json.loads(l)[sys.argv[1]]) for l in sys.stdin if l.strip()]' "$2" | median; }
manchor=$(theirs "$m1080s" render_ms) # the frames' yardstick: Mapnik's anchor render at 1920×1080

# Whole processes: our command-line export (the app's own scene) against Mapnik --once.
go build -o /tmp/atlas-compare ./app
wall() { # median wall ms of $runs runs of a command
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  done | median
}
w_ours=$(wall /tmp/atlas-compare export --out /tmp/atlas-compare.png --width 1920 --height 1080)
w_ours_fine=$(wall /tmp/atlas-compare export --out /tmp/atlas-compare.png --width 1920 --height 1080 --detail fine)
w_mapnik=$(wall /usr/bin/python3 "$bench/mapnik_render.py" --data "$data" --size 1920x1080 --once --out /tmp/mapnik-compare.png)
# The story scene's equivalent at 4K: every layer, names, title, legend, date and source line.
w_ours_4k=$(wall /tmp/atlas-compare export --out /tmp/atlas-compare.png --width 3840 --height 2160 --scale 2)
w_mapnik_4k=$(wall /usr/bin/python3 "$bench/mapnik_story.py" --data "$data" --size 3840x2160 --once --out /tmp/mapnik-compare.png)
/usr/bin/time -f '%M' -o /tmp/atlas-compare.rss /tmp/atlas-compare export --out /tmp/atlas-compare.png --width 3840 --height 2160 --scale 2 >/dev/null 2>&1
rss=$(tail -1 /tmp/atlas-compare.rss)

row() { awk -v a="$2" -v b="$3" -v t="$1" -v g="$4" 'BEGIN {printf "| %-46s | %8.2f | %8.1f | %6.3f | %s |\n", t, a, b, a/b, g}'; }
echo
echo "| measure (median ms)                            |     ours |   Mapnik |  ratio | target |"
echo "|------------------------------------------------|---------:|---------:|-------:|--------|"
row "anchor render 1920×1080" "$o1080" "$manchor" "≤ 0.5"
row "anchor render 3840×2160" "$o4k" "$(theirs "$m4ks" render_ms)" "≤ 0.7"
row "anchor render + PNG 1920×1080" "$opng" "$(theirs "$m1080s" render_png32_ms)" "≤ 1.0"
row "story render 1920×1080" "$s1080" "$(theirs "$ms1080s" render_ms)" "≤ 0.20"
row "story render 3840×2160" "$s4k" "$(theirs "$ms4ks" render_ms)" "—"
row "story render + PNG 1920×1080" "$spng" "$(theirs "$ms1080s" render_png32_ms)" "—"
row "story SVG 1920×1080" "$ssvg" "$(theirs "$ms1080s" svg_ms)" "≤ 0.20"
row "story SVG 1920×1080, kB" "$((svgbytes / 1000))" "$(( $(echo "$ms1080s" | head -1 | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["svg_bytes"])') / 1000 ))" "≤ 0.30"
row "Frame1080, all layers ÷ Mapnik anchor 1080" "$f1080" "$manchor" "≤ 0.15"
row "FrameZoomed, all layers ÷ Mapnik anchor 1080" "$fzoom" "$manchor" "≤ 0.20"
row "FrameHiDPI 2880×1800 ÷ Mapnik anchor 1080" "$fhidpi" "$manchor" "≤ 0.30"
row "Pan step ÷ Mapnik anchor 1080" "$pan" "$manchor" "≤ 0.06"
row "DateStep 1920×1080 ÷ Mapnik anchor 1080" "$dstep" "$manchor" "≤ 0.10"
row "DateStep HiDPI 2880×1800 ÷ Mapnik anchor 1080" "$dstephidpi" "$manchor" "≤ 0.20"
row "DateStepFar (most countries recoloured) 1080" "$dstepfar" "$manchor" "—"
row "DateStepFirst (first step at a view) 1080" "$dstepfirst" "$manchor" "—"
row "whole process, export 1920×1080 PNG" "$w_ours" "$w_mapnik" "< 1"
row "whole process, export 1920×1080, 1:50m" "$w_ours_fine" "$w_mapnik" "< 1"
row "whole process, story 3840×2160 PNG" "$w_ours_4k" "$w_mapnik_4k" "≤ 0.40"
echo
echo "peak RSS of a 3840×2160 export, whole process: $((rss / 1024)) MB (target ≤ 150 MB)"
echo "load average at the end (1, 5, 15 min; over $(nproc) means others shared the cores): $(cut -d' ' -f1-3 /proc/loadavg)"
