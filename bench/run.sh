#!/usr/bin/env bash
# Measures threadpdf against issue 12's goals and prints a pass or fail per goal.
#
#   bench/run.sh [BUILD_DIR] [--posts N] [--images N] [--seed N] [--runs N] [--scaling "10 100 ..."] [--wide] [--keep]
#
# Generates the benchmark thread (1,000 posts, 200 pictures) and a text-only thread of as many
# posts with threadpdf_make_thread, converts each --runs times (5) under /usr/bin/time and prints
# the medians of CPU (user + system), wall time and peak RSS, with the load average before and
# after. --scaling converts text-only threads of the given post counts once each and prints the
# table bench/README.md keeps. --wide draws the pictures 2,000-4,000 px wide instead of 400-1,600,
# so that every one is scaled (the goals are set for the default mix). BUILD_DIR (default: build)
# must already hold src/app/threadpdf and bench/threadpdf_make_thread; this script builds nothing.
# --keep leaves the temporary folder.
set -euo pipefail

build=build
posts=1000
images=200
seed=1
runs=5
scaling=
keep=0
wide=()
while (($#)); do
  case "$1" in
    --posts | --images | --seed | --runs | --scaling)
      (($# >= 2)) || { echo "run.sh: $1 needs a value" >&2; exit 2; }
      case "$1" in
        --posts) posts=$2 ;; --images) images=$2 ;; --seed) seed=$2 ;; --runs) runs=$2 ;; --scaling) scaling=$2 ;;
      esac
      shift 2 ;;
    --keep) keep=1; shift ;;
    --wide) wide=(--wide); shift ;;
    -h | --help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) build=$1; shift ;;
  esac
done

threadpdf=$build/src/app/threadpdf
make_thread=$build/bench/threadpdf_make_thread
for tool in "$threadpdf" "$make_thread"; do
  [[ -x $tool ]] || { echo "run.sh: $tool not found; build it first (cmake --build $build)" >&2; exit 1; }
done
[[ -x /usr/bin/time ]] || { echo "run.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
command -v pdfinfo > /dev/null || { echo "run.sh: pdfinfo is missing (apt-get install poppler-utils)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/threadpdf-bench.XXXXXX")
if ((keep)); then
  echo "keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

# convert NAME: converts $work/NAME/thread.json once; appends "cpu wall peak_kb" to $work/NAME.runs.
convert() {
  local name=$1
  /usr/bin/time -f '%U %S %e %M' -o "$work/$name.time" "$threadpdf" "$work/$name/thread.json" \
    -o "$work/$name.pdf" > /dev/null 2> "$work/$name.stderr" ||
    { echo "run.sh: threadpdf failed on $name:" >&2; tail -20 "$work/$name.stderr" >&2; exit 1; }
  awk '{ printf "%.3f %.3f %d\n", $1 + $2, $3, $4 }' "$work/$name.time" >> "$work/$name.runs"
}

# median FILE COLUMN: the median of one column of a runs file.
median() {
  sort -g -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# verdict VALUE LIMIT: "pass" when VALUE <= LIMIT.
verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "pass" : "FAIL" }'; }

"$make_thread" "$work/pictures" --posts "$posts" --images "$images" --seed "$seed" "${wide[@]}" > /dev/null
"$make_thread" "$work/text" --posts "$posts" --images 0 --seed "$seed" > /dev/null
echo "threads:    $posts posts with $images pictures${wide:+ 2,000-4,000 px wide} ($(du -sh "$work/pictures" | cut -f1)); $posts posts, text only"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (before), $(nproc) cores"

# Alternating the two threads spreads any change in the machine's load over both.
for ((i = 0; i < runs; i++)); do
  convert pictures
  convert text
done
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (after)"

printf '\n%-10s %8s %8s %9s %6s %11s\n' thread cpu wall peak pages bytes
for name in pictures text; do
  printf '%-10s %7ss %7ss %5d MiB %6s %11s\n' "$name" "$(median "$work/$name.runs" 1)" \
    "$(median "$work/$name.runs" 2)" $(($(median "$work/$name.runs" 3) / 1024)) \
    "$(pdfinfo "$work/$name.pdf" | sed -n 's/^Pages:[[:space:]]*//p')" "$(stat -c %s "$work/$name.pdf")"
done
echo "(medians of $runs runs; cpu = user + system)"

pictures_cpu=$(median "$work/pictures.runs" 1)
text_cpu=$(median "$work/text.runs" 1)
peak_kb=$(median "$work/pictures.runs" 3)
echo
printf 'goal: %-44s %8s  %s\n' "CPU, $posts posts / $images pictures <= 0.25 s" "${pictures_cpu}s" "$(verdict "$pictures_cpu" 0.25)"
printf 'goal: %-44s %8s  %s\n' "CPU, $posts posts text only <= 0.1 s" "${text_cpu}s" "$(verdict "$text_cpu" 0.1)"
# 100 MB = 97,656 KiB; /usr/bin/time reports KiB.
printf 'goal: %-44s %4d MiB  %s\n' "peak RSS, $posts posts / $images pictures <= 100 MB" $((peak_kb / 1024)) \
  "$(verdict "$peak_kb" 97656)"
if [[ -x /usr/bin/chromium ]]; then
  echo "goal: Chromium comparison: not measured (threadpdf has no HTML export of the thread to print yet)"
else
  echo "goal: Chromium comparison: not measured (/usr/bin/chromium is not installed)"
fi

if [[ -n $scaling ]]; then
  printf '\n%7s %6s %8s %8s %9s %11s %12s\n' posts pages cpu wall peak bytes "cpu/post"
  for n in $scaling; do
    "$make_thread" "$work/scale" --posts "$n" --images 0 --seed "$seed" > /dev/null
    rm -f "$work/scale.runs"
    convert scale
    read -r cpu wall kb < "$work/scale.runs"
    printf '%7s %6s %7ss %7ss %5d MiB %11s %10.0f µs\n' "$n" \
      "$(pdfinfo "$work/scale.pdf" | sed -n 's/^Pages:[[:space:]]*//p')" "$cpu" "$wall" $((kb / 1024)) \
      "$(stat -c %s "$work/scale.pdf")" "$(awk -v c="$cpu" -v n="$n" 'BEGIN { print c * 1e6 / n }')"
    rm -rf "$work/scale"
  done
fi
