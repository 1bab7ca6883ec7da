#!/usr/bin/env python3
"""Summarise a JFR recording by top frames (JDK 17 has no `jfr view`).

usage: jfr-top.py RECORDING.jfr [N] [PACKAGE_PREFIX]

Prints, for jdk.ExecutionSample (threads running Java) and jdk.NativeMethodSample (threads in native code:
JNI codecs, syscalls; samples in idle waits such as EPoll.wait are dropped): the top N leaf methods, and the top N methods that are the first
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

IDLE_NATIVE = ("EPoll.wait", "Unsafe.park", "Object.wait", "Thread.sleep", "Poll.poll")


def cpu_tables(label, samples):
    leaf = collections.Counter()
    own = collections.Counter()
    threads = collections.Counter()
    n = 0
    for e in samples:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        if not frames or any(w in frame_name(frames[0]) for w in IDLE_NATIVE):
            continue
        n += 1
        leaf[frame_name(frames[0])] += 1
        own[first_own(frames, prefix)] += 1
        t = e["values"].get("sampledThread") or e["values"].get("eventThread") or {}
        threads[t.get("javaName") or t.get("osName") or "?"] += 1
    table(f"{label} by thread", threads, n, "samples")
    table(f"{label} by leaf frame", leaf, n, "samples")
    table(f"{label} by first {prefix} frame", own, n, "samples")


cpu_tables("Java CPU samples", events(path, "jdk.ExecutionSample"))
cpu_tables("Native-method samples (JNI codecs, syscalls; idle waits dropped)",
           events(path, "jdk.NativeMethodSample"))

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
