#!/bin/sh
# Compare `sfnctl validate` with asl-validator (npm) on the same files, whole
# process, side by side. Needs the conformance corpus beside the repository
# and asl-validator installed: npm install --prefix /tmp/peers asl-validator
#   sh bench/validate.sh [N]      (N definitions, default 200)
set -eu
n=${1:-200}
peer=${ASL_VALIDATOR:-/tmp/peers/node_modules/.bin/asl-validator}
corpus=../shared/conformance/executions.jsonl
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$corpus" "$dir" "$n" <<'PY'
import json, sys
cases = [json.loads(l) for l in open(sys.argv[1])]
for i in range(int(sys.argv[3])):
    c = cases[(i * 7) % len(cases)]
    open("%s/def%04d.asl.json" % (sys.argv[2], i), "w").write(json.dumps(c["definition"], indent=2))
PY
go build -o "$dir/sfnctl" .
now() { date +%s.%N; }
t0=$(now); "$dir/sfnctl" validate "$dir" >/dev/null 2>&1 || true; t1=$(now)
args=""; for f in "$dir"/*.asl.json; do args="$args --json-path $f"; done
# shellcheck disable=SC2086
"$peer" --silent $args >/dev/null 2>&1 || true; t2=$(now)
"$dir/sfnctl" validate "$dir/def0000.asl.json" >/dev/null 2>&1 || true; t3=$(now)
"$peer" --silent --json-path "$dir/def0000.asl.json" >/dev/null 2>&1 || true; t4=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v n="$n" 'BEGIN {
  printf "%d files: sfnctl %.3f s, asl-validator %.3f s, ratio %.0fx\n", n, b-a, c-b, (c-b)/(b-a)
  printf "1 file:   sfnctl %.3f s, asl-validator %.3f s, ratio %.0fx\n", d-c, e-d, (e-d)/(d-c) }'
