#!/usr/bin/env python3
"""Summarise a JFR recording by top frames (JDK 17 has no `jfr view`).

usage: jfr-top.py RECORDING.jfr [N] [PACKAGE_PREFIX]

Prints, for jdk.ExecutionSample: the top N leaf methods, and the top N methods that are the first
frame under PACKAGE_PREFIX (default dev.plume.) on each stack ("own code" sites); for
jdk.ObjectAllocationSample: the top N (allocated class, first frame under the prefix) by sampled
weight in bytes.
"""
import collections
import json
import subprocess
import sys


def events(path, name):
    out = subprocess.run(["jfr", "print", "--json", "--events", name, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(frame):
    m = frame["method"]
    return type_name(frame) + "." + m["name"] + ":" + str(frame.get("lineNumber", "?"))


def type_name(frame):
    return frame["method"]["type"]["name"].replace("/", ".")


def first_own(frames, prefix):
    for f in frames:
        if type_name(f).startswith(prefix) and "$$Lambda$" not in type_name(f):
            return frame_name(f)
    return "(no " + prefix + " frame)"


def table(title, counter, total, unit):
    print(f"\n{title} (total {total:,} {unit})")
    for key, n in counter.most_common(TOP):
        print(f"  {100.0 * n / max(total, 1):5.1f}%  {key}")


path = sys.argv[1]
TOP = int(sys.argv[2]) if len(sys.argv) > 2 else 15
prefix = sys.argv[3] if len(sys.argv) > 3 else "dev.plume."

samples = events(path, "jdk.ExecutionSample")
leaf = collections.Counter()
own = collections.Counter()
threads = collections.Counter()
for e in samples:
    frames = (e["values"].get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    leaf[frame_name(frames[0])] += 1
    own[first_own(frames, prefix)] += 1
    t = e["values"].get("sampledThread") or {}
    threads[t.get("javaName") or t.get("osName") or "?"] += 1
table("CPU samples by thread", threads, len(samples), "samples")
table("CPU samples by leaf frame", leaf, len(samples), "samples")
table(f"CPU samples by first {prefix} frame", own, len(samples), "samples")

alloc = collections.Counter()
total = 0
for e in events(path, "jdk.ObjectAllocationSample"):
    v = e["values"]
    frames = (v.get("stackTrace") or {}).get("frames") or []
    cls = (v.get("objectClass") or {}).get("name", "?").replace("/", ".")
    w = int(v.get("weight") or 0)
    total += w
    alloc[cls + "  <-  " + first_own(frames, prefix)] += w
table(f"Allocation (sampled weight) by class and first {prefix} frame", alloc, total, "bytes")
