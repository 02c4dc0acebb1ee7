#!/usr/bin/env bash
# Measures threadpdf against issue 12's goals and prints a pass or fail per goal.
#
#   bench/run.sh [BUILD_DIR] [--posts N] [--images N] [--seed N] [--runs N] [--scaling "10 100 ..."] [--wide] [--long] [--keep]
#
# Generates the benchmark thread (1,000 posts, 200 pictures) and a text-only thread of as many
# posts with threadpdf_make_thread, converts each --runs times (5) under threadpdf_measure and
# prints the medians of CPU (user + system, to the millisecond), wall time and peak RSS, with the
# load average before and after. --scaling converts text-only threads of the given post counts
# --runs times each and prints the table bench/README.md keeps. Where /usr/bin/chromium is
# installed, its print-to-PDF of the same thread as HTML runs between threadpdf's and is compared
# with it. --wide draws the pictures 2,000-4,000 px wide instead of 400-1,600, so that every one
# is scaled (the goals are set for the default mix). BUILD_DIR (default: build) must already hold
# src/app/threadpdf, bench/threadpdf_make_thread and bench/threadpdf_measure; this script builds
# nothing. --long adds the memory goals of long documents, one run each: a 20,000-post text-only
# thread and a packet of 500 text-only threads of 20 posts (about 40 s more). --keep leaves the
# temporary folder.
set -euo pipefail

build=build
posts=1000
images=200
seed=1
runs=5
scaling=
long=0
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
    --long) long=1; shift ;;
    --wide) wide=(--wide); shift ;;
    -h | --help) sed -n '2,18s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) build=$1; shift ;;
  esac
done

threadpdf=$build/src/app/threadpdf
make_thread=$build/bench/threadpdf_make_thread
measure=$build/bench/threadpdf_measure
for tool in "$threadpdf" "$make_thread" "$measure"; do
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
  "$measure" "$work/$name.time" "$threadpdf" "$work/$name/thread.json" -o "$work/$name.pdf" \
    2> "$work/$name.stderr" ||
    { echo "run.sh: threadpdf failed on $name:" >&2; tail -20 "$work/$name.stderr" >&2; exit 1; }
  awk '{ printf "%.3f %.3f %d\n", $1, $2, $3 }' "$work/$name.time" >> "$work/$name.runs"
}

# median FILE COLUMN: the median of one column of a runs file.
median() {
  sort -g -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# verdict VALUE LIMIT: "pass" when VALUE <= LIMIT.
verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "pass" : "FAIL" }'; }

# The goals' memory limits are in MB (10^6 bytes); the peak is measured in KiB.
# mb KIB: the peak in MB, one decimal. peak_goal LABEL KIB LIMIT_MB: one goal's line.
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }
peak_goal() {
  printf 'goal: %-44s %5s MB  %s\n' "$1 <= $3 MB" "$(mb "$2")" "$(verdict "$(awk -v k="$2" 'BEGIN { print k * 1024 }')" "$3e6")"
}

# --- Chromium comparison (issue 12): print-to-PDF of thread.html, the same thread as HTML that
# threadpdf_make_thread writes beside thread.json. Run between threadpdf's runs of the same thread.
# /usr/bin/time's CPU misses Chromium's processes that its zygote reaps, so CPU comes from `perf
# stat` (task-clock of every process it starts) when perf is installed; its peak is the largest one
# process's (Chromium runs several at once).
chromium=0 chromium_perf=0
chromium_note="/usr/bin/chromium is not installed"
if [[ -x /usr/bin/chromium ]]; then
  chromium=1
  command -v perf > /dev/null && perf stat -x, -e task-clock -o /dev/null true 2> /dev/null && chromium_perf=1 ||
    chromium_perf=0
fi
# chromium_print: prints $work/pictures/thread.html once, appends "cpu wall peak_kb" to $work/chromium.runs;
# on failure, names the cause in chromium_note and stops the comparison.
chromium_print() {
  ((chromium)) || return 0
  local profile=$work/chromium-profile cpu_of=()
  rm -rf "$profile" "$work/chromium.pdf"  # a fresh profile each run, as threadpdf starts with no state
  ((chromium_perf)) && cpu_of=(perf stat -x ',' -e task-clock -o "$work/chromium.perf")
  if ! /usr/bin/time -f '%U %S %e %M' -o "$work/chromium.time" "${cpu_of[@]}" timeout 600 /usr/bin/chromium \
    --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --no-pdf-header-footer \
    --generate-pdf-document-outline --print-to-pdf="$work/chromium.pdf" "file://$work/pictures/thread.html" \
    > "$work/chromium.stderr" 2>&1 || [[ ! -s $work/chromium.pdf ]]; then
    chromium=0
    chromium_note="Chromium failed: $(grep -v -e dbus -e 'unexpected operator' "$work/chromium.stderr" | tail -1)"
    return 0
  fi
  if ((chromium_perf)); then
    awk -F, -v t="$(cat "$work/chromium.time")" '$3 == "task-clock" { split(t, f, " ");
      printf "%.3f %.3f %d\n", $1 / 1000, f[3], f[4] }' "$work/chromium.perf" >> "$work/chromium.runs"
  else
    awk '{ printf "%.3f %.3f %d\n", $1 + $2, $3, $4 }' "$work/chromium.time" >> "$work/chromium.runs"
  fi
}
# --- end of the Chromium comparison's runner

"$make_thread" "$work/pictures" --posts "$posts" --images "$images" --seed "$seed" "${wide[@]}" > /dev/null
"$make_thread" "$work/text" --posts "$posts" --images 0 --seed "$seed" > /dev/null
echo "threads:    $posts posts with $images pictures${wide:+ 2,000-4,000 px wide} ($(du -sh "$work/pictures" | cut -f1)); $posts posts, text only"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (before), $(nproc) cores"

# Alternating the two threads (and Chromium) spreads any change in the machine's load over all.
for ((i = 0; i < runs; i++)); do
  convert pictures
  chromium_print
  convert text
done
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (after)"

printf '\n%-10s %8s %8s %9s %6s %11s\n' thread cpu wall peak pages bytes
for name in pictures text; do
  printf '%-10s %7ss %7ss %6s MB %6s %11s\n' "$name" "$(median "$work/$name.runs" 1)" \
    "$(median "$work/$name.runs" 2)" "$(mb "$(median "$work/$name.runs" 3)")" \
    "$(pdfinfo "$work/$name.pdf" | sed -n 's/^Pages:[[:space:]]*//p')" "$(stat -c %s "$work/$name.pdf")"
done
echo "(medians of $runs runs; cpu = user + system)"

pictures_cpu=$(median "$work/pictures.runs" 1)
text_cpu=$(median "$work/text.runs" 1)
peak_kb=$(median "$work/pictures.runs" 3)
echo
printf 'goal: %-44s %8s  %s\n' "CPU, $posts posts / $images pictures <= 0.25 s" "${pictures_cpu}s" "$(verdict "$pictures_cpu" 0.25)"
printf 'goal: %-44s %8s  %s\n' "CPU, $posts posts text only <= 0.1 s" "${text_cpu}s" "$(verdict "$text_cpu" 0.1)"
peak_goal "peak RSS, $posts posts / $images pictures" "$peak_kb" 100
# --- Chromium comparison (issue 12): its medians beside threadpdf's, the check that it printed
# the same content, and the two goals.
if ((chromium)); then
  pictures_wall=$(median "$work/pictures.runs" 2)
  chromium_cpu=$(median "$work/chromium.runs" 1)
  chromium_wall=$(median "$work/chromium.runs" 2)
  chromium_bytes=$(stat -c %s "$work/chromium.pdf")
  pictures_bytes=$(stat -c %s "$work/pictures.pdf")
  chromium_pages=$(pdfinfo "$work/chromium.pdf" | sed -n 's/^Pages:[[:space:]]*//p')
  echo
  echo "Chromium's print-to-PDF of the same thread as HTML ($(/usr/bin/chromium --version 2> /dev/null | head -1)):"
  printf '%-10s %8s %8s %9s %6s %11s\n' program cpu wall peak pages bytes
  printf '%-10s %7ss %7ss %5d MiB %6s %11s\n' threadpdf "$pictures_cpu" "$pictures_wall" $((peak_kb / 1024)) \
    "$(pdfinfo "$work/pictures.pdf" | sed -n 's/^Pages:[[:space:]]*//p')" "$pictures_bytes"
  printf '%-10s %7ss %7ss %5d MiB %6s %11s\n' chromium "$chromium_cpu" "$chromium_wall" \
    $(($(median "$work/chromium.runs" 3) / 1024)) "$chromium_pages" "$chromium_bytes"
  echo "(medians of $runs runs, alternating with threadpdf's; Chromium's cpu $( ((chromium_perf)) &&
    echo "from perf stat, all its processes" || echo "from /usr/bin/time: processes its zygote reaps are missing"
  ); its peak is its largest process's)"
  # The same content: every picture the page shows drawn once (emoji are glyphs in Chromium's PDF,
  # pictures in threadpdf's, so threadpdf's own count is not comparable).
  html_pictures=$(grep -o '<img ' "$work/pictures/thread.html" | wc -l)
  if command -v pdfimages > /dev/null; then
    chromium_pictures=$(pdfimages -list "$work/chromium.pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
    echo "content:    Chromium drew $chromium_pictures pictures of the page's $html_pictures on $chromium_pages pages" \
      "$( ((chromium_pictures == html_pictures)) && echo "(all)" || echo "(MISSING PICTURES: not the same content)")"
  fi
  ratio=$(awk -v c="$chromium_wall" -v t="$pictures_wall" 'BEGIN { printf "%.1f", (t > 0) ? c / t : 0 }')
  printf 'goal: %-44s %7sx  %s\n' "wall, Chromium / threadpdf >= 20" "$ratio" "$(verdict 20 "$ratio")"
  printf 'goal: %-44s %8s  %s\n' "PDF bytes <= Chromium's ($chromium_bytes)" "$pictures_bytes" \
    "$(verdict "$pictures_bytes" "$chromium_bytes")"
else
  echo "goal: Chromium comparison: not measured ($chromium_note)"
fi
# --- end of the Chromium comparison

# --- Long documents (issue 12: memory flat in the document's length), one run each.
if ((long)); then
  "$make_thread" "$work/long" --posts 20000 --images 0 --seed "$seed" > /dev/null
  convert long
  read -r long_cpu long_wall long_kb < "$work/long.runs"
  # The packet: 500 generated threads of 20 posts, named in a --batch list.
  mkdir -p "$work/packet"
  for ((t = 1; t <= 500; t++)); do
    "$make_thread" "$work/packet/t$t" --posts 20 --images 0 --seed "$((seed + t))" > /dev/null
    echo "$work/packet/t$t/thread.json"
  done > "$work/packet/list.txt"
  "$measure" "$work/packet.time" "$threadpdf" --batch "$work/packet/list.txt" --packet "$work/packet.pdf" \
    2> "$work/packet.stderr" ||
    { echo "run.sh: threadpdf failed on the packet:" >&2; tail -20 "$work/packet.stderr" >&2; exit 1; }
  read -r packet_cpu packet_wall packet_kb < <(awk '{ printf "%.3f %.3f %d\n", $1, $2, $3 }' "$work/packet.time")
  printf '\n%-24s %8s %8s %9s %6s %11s\n' document cpu wall peak pages bytes
  printf '%-24s %7ss %7ss %6s MB %6s %11s\n' "20,000 posts, text only" "$long_cpu" "$long_wall" "$(mb "$long_kb")" \
    "$(pdfinfo "$work/long.pdf" | sed -n 's/^Pages:[[:space:]]*//p')" "$(stat -c %s "$work/long.pdf")"
  printf '%-24s %7ss %7ss %6s MB %6s %11s\n' "packet, 500 threads" "$packet_cpu" "$packet_wall" "$(mb "$packet_kb")" \
    "$(pdfinfo "$work/packet.pdf" | sed -n 's/^Pages:[[:space:]]*//p')" "$(stat -c %s "$work/packet.pdf")"
  echo "(one run each)"
  peak_goal "peak RSS, 20,000 posts text only" "$long_kb" 150
  peak_goal "peak RSS, packet of 500 threads" "$packet_kb" 150
  rm -rf "$work/long" "$work/packet"
fi

if [[ -n $scaling ]]; then
  # The cost per post: CPU over posts, and (what start-up does not blur) the CPU one row adds over
  # the row above, over the posts it adds.
  printf '\n%7s %6s %8s %8s %9s %11s %12s %12s\n' posts pages cpu wall peak bytes "cpu/post" "added/post"
  prev_n=0 prev_cpu=0
  for n in $scaling; do
    "$make_thread" "$work/scale" --posts "$n" --images 0 --seed "$seed" > /dev/null
    rm -f "$work/scale.runs"
    for ((i = 0; i < runs; i++)); do convert scale; done
    cpu=$(median "$work/scale.runs" 1) wall=$(median "$work/scale.runs" 2) kb=$(median "$work/scale.runs" 3)
    added=$(awk -v c="$cpu" -v p="$prev_cpu" -v n="$n" -v m="$prev_n" \
      'BEGIN { if (m > 0 && n > m) printf "%.0f µs", (c - p) * 1e6 / (n - m); else printf "" }')
    printf '%7s %6s %7ss %7ss %6s MB %11s %10.0f µs %12s\n' "$n" \
      "$(pdfinfo "$work/scale.pdf" | sed -n 's/^Pages:[[:space:]]*//p')" "$cpu" "$wall" "$(mb "$kb")" \
      "$(stat -c %s "$work/scale.pdf")" "$(awk -v c="$cpu" -v n="$n" 'BEGIN { print c * 1e6 / n }')" "$added"
    prev_n=$n prev_cpu=$cpu
    rm -rf "$work/scale"
  done
  echo "(medians of $runs runs each)"
fi
