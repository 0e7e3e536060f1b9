#!/usr/bin/env python3
"""Writes the machines and inputs bench/run-peers.sh times (into a directory given as argv[1])."""
import json, os, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

def dump(name, v):
    with open(os.path.join(out, name), "w") as f:
        json.dump(v, f)

states = {}
for i in range(10):
    s = {"Type": "Pass", "Parameters": {"step": i, "data.$": "$.data"}}
    if i == 9:
        s["End"] = True
    else:
        s["Next"] = f"S{i+1}"
    states[f"S{i}"] = s
dump("linear10.asl.json", {"StartAt": "S0", "States": states})
dump("linear10.input.json", {"data": {"a": 1}})

for mode in ("INLINE", "DISTRIBUTED"):
    dump(f"map-{mode.lower()}.asl.json", {"StartAt": "M", "States": {"M": {
        "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1000, "End": True,
        "ItemProcessor": {"ProcessorConfig": {"Mode": mode, "ExecutionType": "EXPRESS"},
                          "StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"v.$": "$.v"}, "End": True}}}}}})
for n in (10000, 100000):
    dump(f"items{n}.input.json", {"items": [{"v": i} for i in range(n)]})
