#!/usr/bin/env bash
# Cross-reader extraction check: converts the three examples and tests/data/extract/multilingual.json
# with THREADPDF, has every PDF reader of ../shared/readers extract the text (fidelity.mjs), and
# asserts the thresholds of tests/extract/thresholds.json (check_fidelity.mjs).
#
# usage: tests/extract/measure.sh THREADPDF [OUT_DIR]
# Environment: READERS (where install.sh put the npm readers), SHARED_READERS (default
# ../shared/readers beside the repository). Exits 0 with a message when the readers are absent, 1
# when a threshold is not met.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
threadpdf=$(realpath "$1")
if [[ $# -ge 2 ]]; then
  out=$2
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
shared=${SHARED_READERS:-$top/../shared/readers}
if [[ ! -f $shared/fidelity.mjs ]]; then
  echo "extraction check skipped: no PDF readers at $shared (the ../shared/readers folder beside the repository)"
  exit 0
fi
if ! command -v node >/dev/null; then
  echo "extraction check: $shared is there but node is not (the readers need node >= 20)" >&2
  exit 1
fi
readers=${READERS:-${XDG_CACHE_HOME:-$HOME/.cache}/threadpdf-readers}
if [[ ! -d $readers/node_modules/pdfjs-dist ]]; then
  echo "extraction check: the PDF readers are not installed in $readers; run bash $shared/install.sh" >&2
  exit 1
fi
mkdir -p "$out/text"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795512600}
list=$out/list.txt
: >"$list"
for input in examples/paper-sizes.json examples/night-trains.txt examples/world-scripts.json \
             tests/data/extract/multilingual.json; do
  stem=$(basename "${input%.*}")
  # The expected text is the thread as threadpdf read it (a .txt input has no JSON of its own).
  (cd "$top" && "$threadpdf" -q "$input" -o "$out/$stem.pdf" --json "$out/$stem.json")
  echo "threadpdf $out/$stem.json $out/$stem.pdf" >>"$list"
done
node "$shared/fidelity.mjs" --readers poppler,mutool,mupdfjs,pdfjs,pdfium --posts --out "$out/text" \
  --json "$out/fidelity.json" "$list"
node "$top/tests/extract/check_fidelity.mjs" "$top/tests/extract/thresholds.json" "$out/fidelity.json"
