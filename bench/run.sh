#!/usr/bin/env bash
# Times threadpdf on a generated thread: wall time, peak memory, pages and bytes of the PDF.
#
#   bench/run.sh [BUILD_DIR] [--posts N] [--images N] [--seed N] [--keep]
#
# BUILD_DIR (default: build) must already hold src/app/threadpdf and bench/threadpdf_make_thread;
# this script builds nothing. --keep leaves the temporary folder (thread, images, PDF) in place.
set -euo pipefail

build=build
gen_args=()
keep=0
while (($#)); do
  case "$1" in
    --posts | --images | --seed)
      (($# >= 2)) || { echo "run.sh: $1 needs a value" >&2; exit 2; }
      gen_args+=("$1" "$2"); shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) build=$1; shift ;;
  esac
done

threadpdf=$build/src/app/threadpdf
make_thread=$build/bench/threadpdf_make_thread
for tool in "$threadpdf" "$make_thread"; do
  [[ -x $tool ]] || { echo "run.sh: $tool not found; build it first (cmake --build $build)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/threadpdf-bench.XXXXXX")
if ((keep)); then
  echo "keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

"$make_thread" "$work/in" "${gen_args[@]}"
echo "thread:     $(du -sh "$work/in" | cut -f1) in $work/in ($(find "$work/in/img" -type f | wc -l) images)"

# The benchmark is the conversion only; the generator ran above.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
pdf=$work/out.pdf
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -v -o "$work/time.txt" "$threadpdf" "$work/in/thread.json" -o "$pdf" 2> "$work/stderr.txt" ||
    { echo "run.sh: threadpdf failed:" >&2; tail -20 "$work/stderr.txt" >&2; exit 1; }
  wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")
  peak="$((rss_kb / 1024)) MiB ($rss_kb kB)"
else
  # Without GNU time (Debian package `time`) there is no peak-memory figure.
  TIMEFORMAT=%R
  { time "$threadpdf" "$work/in/thread.json" -o "$pdf" 2> "$work/stderr.txt"; } 2> "$work/time.txt" ||
    { echo "run.sh: threadpdf failed:" >&2; tail -20 "$work/stderr.txt" >&2; exit 1; }
  wall="$(< "$work/time.txt") s"
  peak="unknown (/usr/bin/time is missing: apt-get install time)"
fi

warnings=$(grep -c . "$work/stderr.txt" || true)
if command -v pdfinfo > /dev/null; then
  pages=$(pdfinfo "$pdf" 2> /dev/null | sed -n 's/^Pages:[[:space:]]*//p') || pages="unreadable (pdfinfo failed)"
else
  pages="unknown (pdfinfo is missing: apt-get install poppler-utils)"
fi
bytes=$(stat -c %s "$pdf")

echo "wall time:  $wall"
echo "peak RSS:   $peak"
echo "pages:      ${pages:-unknown}"
echo "PDF bytes:  $bytes ($((bytes / 1024 / 1024)) MiB)"
echo "stderr:     $warnings lines"
