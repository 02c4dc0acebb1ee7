#!/usr/bin/env bash
# Line breaking must be linear in a paragraph's length: converts one-post threads whose text is a
# single paragraph of 64 KB up to 16 MB (no line feeds; words of English and Greek, one link every
# 500 words) and prints time, peak memory and pages for each size, and the time per MB. Quadratic
# work shows as a time per MB that grows with the size.
# Usage: bench/long_paragraph.sh [BUILD_DIR] [--max-mb N] [--layout NAME]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../build}
[[ $# -gt 0 && $1 != --* ]] && shift
max_mb=16
layout=a4
while (($#)); do
  case $1 in
    --max-mb) max_mb=$2; shift 2 ;;
    --layout) layout=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bin=$build/src/app/threadpdf
[[ -x $bin ]] || { echo "build threadpdf first: $bin" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-8s %9s %10s %7s %10s\n' size wall peak pages s/MB
for kb in 64 256 1024 4096 16384; do
  (( kb <= max_mb * 1024 )) || break
  python3 - "$work/t.json" "$kb" <<'PY'
import json, sys
path, kb = sys.argv[1], int(sys.argv[2])
words = ["paper", "ratio", "sheet", "folded", "printer", "σελίδα", "χαρτί", "margin", "column", "standard"]
parts, size, n, spans = [], 0, 0, []
while size < kb * 1024:
    if n % 500 == 499:
        w = "https://example.org/a/very/long/path/%d?x=1&y=2" % n
        start = sum(len(p) for p in parts) + len(parts)
        spans.append({"start": start, "end": start + len(w), "kind": "link"})
    else:
        w = words[n % len(words)]
    parts.append(w); size += len(w.encode()) + 1; n += 1
thread = {"format": "threadpdf-thread/1", "source": {"platform": "json"},
          "author": {"name": "Bench", "handle": "@bench.example"},
          "posts": [{"id": "1", "text": " ".join(parts), "spans": spans}]}
json.dump(thread, open(path, "w"), ensure_ascii=False)
PY
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" "$work/t.json" -o "$work/t.pdf" --layout "$layout" -q >/dev/null
  read -r wall kib < "$work/time"
  pages=$(pdfinfo "$work/t.pdf" | awk '/^Pages:/ {print $2}')
  awk -v kb="$kb" -v wall="$wall" -v kib="$kib" -v pages="$pages" \
    'BEGIN { printf "%-8s %8ss %7d MiB %7s %10.3f\n", kb "K", wall, kib / 1024, pages, wall * 1024 / kb }'
done
