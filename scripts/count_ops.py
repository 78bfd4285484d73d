#!/usr/bin/python3
"""Counts the PyTorch operators in Chrome traces of one GAN iteration (./gan bench --trace-dir, and the peer's).

Usage: scripts/count_ops.py TRACE.json [TRACE.json ...]

For each trace it prints one JSON object: "top_level" counts the operator calls made by the caller (an "aten::" or
other operator event not inside another operator event of the same thread: what the Java or Python code launched),
"all" counts every operator event, nested ones included, and "top_names" lists the ten most frequent top-level
operators. Profiler bookkeeping ("[memory]", "ProfilerStep", "Optimizer.step", "autograd::engine::..." records and
Python function events) is not counted as an operator. Standard library only.
"""

import collections
import json
import sys


def operators(events):
    for e in events:
        if e.get("ph") != "X" or "dur" not in e:
            continue
        cat = e.get("cat", "")
        name = e.get("name", "")
        if cat not in ("", "cpu_op", "Operator", "operator"):
            continue
        if name.startswith(("[", "ProfilerStep", "Optimizer.", "autograd::engine", "<built-in", "enumerate(")) or "#" in name:
            continue
        yield e


def count(path):
    with open(path) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    ops = sorted(operators(events), key=lambda e: (str(e.get("tid")), float(e["ts"]), -float(e["dur"])))
    top = []
    open_until = {}
    for e in ops:
        tid = str(e.get("tid"))
        start = float(e["ts"])
        end = start + float(e["dur"])
        if start >= open_until.get(tid, float("-inf")):
            top.append(e)
            open_until[tid] = end
        else:
            open_until[tid] = max(open_until[tid], end) if start >= open_until[tid] else open_until[tid]
    names = collections.Counter(e["name"] for e in top)
    return {"trace": path, "top_level": len(top), "all": len(ops), "top_names": names.most_common(10)}


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    for path in sys.argv[1:]:
        print(json.dumps(count(path)))


if __name__ == "__main__":
    main()
