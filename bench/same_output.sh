#!/bin/bash
# Whether this checkout's `geonews extract` writes the same bytes as another checkout's (a git worktree of an
# earlier commit, built with `make .venv/.installed-stamp`): the 1,306 ANT articles to JSON Lines and to
# GeoJSON, and the seed article, with the compiled loops and with GEONEWS_COMPILED=0 GAZETTEER_COMPILED=0
# (the Python references). Prints one line per output and exits 1 when any differs.
#
# Run: bench/same_output.sh ../wt-base   (from the root of this checkout)
set -euo pipefail
other=$(cd "${1:?usage: bench/same_output.sh OTHER_CHECKOUT}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
data=${DATA:-$here/../shared/data}/ant_conflict_dev.jsonl
seed=$(ls "$here"/seeds/*.txt | head -1)
[ -f "$data" ] || { echo "same_output: $data is missing (the ANT articles of ../shared/data)" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
run() {  # checkout, label, env...
    local tree=$1 label=$2; shift 2
    mkdir -p "$work/$label"
    env "$@" "$tree/.venv/bin/geonews" extract "$data" > "$work/$label/ant.jsonl"
    env "$@" "$tree/.venv/bin/geonews" extract "$data" -o "$work/$label/ant.geojson" --force
    env "$@" "$tree/.venv/bin/geonews" extract "$seed" > "$work/$label/seed.jsonl"
    env "$@" "$tree/.venv/bin/geonews" extract "$seed" -o "$work/$label/seed.geojson" --force
}
status=0
for mode in compiled python; do
    if [ $mode = python ]; then set -- GEONEWS_COMPILED=0 GAZETTEER_COMPILED=0; else set -- GEONEWS_COMPILED=1; fi
    run "$other" "other-$mode" "$@"
    run "$here" "here-$mode" "$@"
    for f in ant.jsonl ant.geojson seed.jsonl seed.geojson; do
        if cmp -s "$work/other-$mode/$f" "$work/here-$mode/$f"; then
            echo "same bytes: $f ($mode, $(wc -c < "$work/here-$mode/$f") bytes)"
        else
            echo "DIFFERENT: $f ($mode)"; status=1
        fi
    done
done
exit $status
