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
# best of three wall times: the machine may be shared
best() {
  b=""
  for _ in 1 2 3; do
    t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
    b=$(awk -v b="$b" -v d="$(awk -v a="$t0" -v c="$t1" 'BEGIN{print c-a}')" 'BEGIN{ if (b=="" || d<b) print d; else print b }')
  done
  echo "$b"
}
set -- ; for f in "$dir"/*.asl.json; do set -- "$@" --json-path "$f"; done
s200=$(best "$dir/sfnctl" validate "$dir")
p200=$(best "$peer" --silent "$@")
s1=$(best "$dir/sfnctl" validate "$dir/def0000.asl.json")
p1=$(best "$peer" --silent --json-path "$dir/def0000.asl.json")
awk -v a="$s200" -v b="$p200" -v c="$s1" -v d="$p1" -v n="$n" 'BEGIN {
  printf "%d files: sfnctl %.3f s, asl-validator %.3f s, ratio %.0fx\n", n, a, b, b/a
  printf "1 file:   sfnctl %.3f s, asl-validator %.3f s, ratio %.0fx\n", c, d, d/c }'
