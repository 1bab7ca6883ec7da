#!/usr/bin/env python3
"""Writes 1,000 JSON-like 100-byte payloads, one per line (compressible, like events), for
plume-perf / kafka-producer-perf-test --payload-file:  payload-file.py OUT"""
import random
import sys

random.seed(1)
rows = []
for i in range(1000):
    s = '{"id":%d,"user":"u%05d","event":"click","page":"/p/%04d","ok":true}' % (
        i, random.randint(0, 99999), random.randint(0, 9999))
    rows.append(s[:100].ljust(100, "x"))
with open(sys.argv[1], "w") as f:
    f.write("\n".join(rows))
