#!/usr/bin/env python3
"""Plots a `compare --csv FILE` result: throughput and p99 against partitions, sending threads,
value size and producers per JVM, one line per client, as an SVG drawn with the standard library
only (no matplotlib or gnuplot needed). Also prints a Markdown table of ratios against
kafka-clients.

    python3 benchmarks/plot-scaling.py RESULTS.csv [OUT.svg]      # default OUT: benchmarks/scaling.svg

Each axis is varied alone around defaults-100B-6p (1 thread, 1 producer), as in `--cases scaling`;
rows of other cases are ignored by the plot but appear in the table. Several rounds of a case are
reduced to their median.
"""
import csv
import math
import statistics
import sys
from collections import OrderedDict, defaultdict

BASE = {"settings": "defaults", "value_bytes": 100, "partitions": 6, "threads": 1, "producers": 1}
AXES = [  # (column varied, x label)
    ("partitions", "partitions"),
    ("threads", "application threads sending (one producer)"),
    ("value_bytes", "value size (bytes)"),
    ("producers", "producers in one JVM"),
]
METRICS = [("tput_rec_s", "delivered throughput (rec/s)"), ("p99_us", "p99 latency at fixed rate (us)")]
COLORS = {"plume": "#1f77b4", "plume-outcome": "#2ca02c", "plume-kafka-api": "#9467bd",
          "kafka-clients": "#d62728"}
INT_COLUMNS = ("value_bytes", "partitions", "threads", "producers", "round")


def load(path):
    """{(case, client): {column: median}} plus the case's axes, in file order."""
    runs = defaultdict(list)
    axes = OrderedDict()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = (row["case"], row["client"])
            runs[key].append(row)
            axes[row["case"]] = {c: (int(row[c]) if c in INT_COLUMNS else row[c])
                                 for c in ("settings",) + INT_COLUMNS[:-1]}
    medians = {}
    for key, rows in runs.items():
        m = {}
        for col in rows[0]:
            try:
                m[col] = statistics.median(float(r[col]) for r in rows)
            except ValueError:
                pass
        medians[key] = m
    return medians, axes


def series(medians, axes, column):
    """{client: [(x, row)]} for the cases that differ from BASE only in `column`."""
    out = defaultdict(list)
    for (case, client), m in medians.items():
        a = axes[case]
        if all(a[k] == v for k, v in BASE.items() if k != column):
            out[client].append((a[column], m))
    for pts in out.values():
        pts.sort(key=lambda p: p[0])
    return {c: p for c, p in out.items() if len(p) >= 2}


def nice_max(v):
    if v <= 0 or math.isnan(v):
        return 1.0
    e = 10 ** math.floor(math.log10(v))
    for f in (1, 2, 2.5, 5, 10):
        if f * e >= v:
            return f * e
    return 10 * e


def fmt(v):
    if v >= 1e6:
        return f"{v / 1e6:g}M"
    if v >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def panel(x0, y0, w, h, title, xlabel, data, metric):
    """SVG elements of one chart: log x (the axes grow by factors), linear y from 0."""
    el = []
    left, bottom, top, right = 62, 42, 26, 12
    pw, ph = w - left - right, h - top - bottom
    ox, oy = x0 + left, y0 + top
    xs = sorted({x for pts in data.values() for x, _ in pts})
    ymax = nice_max(max((m[metric] for pts in data.values() for _, m in pts), default=1.0))
    el.append(f'<text x="{x0 + w / 2}" y="{y0 + 16}" text-anchor="middle" font-weight="bold">{title}</text>')
    el.append(f'<rect x="{ox}" y="{oy}" width="{pw}" height="{ph}" fill="none" stroke="#888"/>')
    if not xs:
        el.append(f'<text x="{ox + pw / 2}" y="{oy + ph / 2}" text-anchor="middle" fill="#888">no data</text>')
        return el
    lo, hi = math.log(xs[0]), math.log(xs[-1]) if xs[-1] > xs[0] else math.log(xs[0]) + 1

    def px(x):
        return ox + 10 + (pw - 20) * (math.log(x) - lo) / (hi - lo)

    def py(y):
        return oy + ph - ph * y / ymax

    for i in range(5):
        yv = ymax * i / 4
        el.append(f'<line x1="{ox}" y1="{py(yv):.1f}" x2="{ox + pw}" y2="{py(yv):.1f}" stroke="#eee"/>')
        el.append(f'<text x="{ox - 4}" y="{py(yv) + 4:.1f}" text-anchor="end" font-size="11">{fmt(yv)}</text>')
    for x in xs:
        el.append(f'<text x="{px(x):.1f}" y="{oy + ph + 15}" text-anchor="middle" font-size="11">{fmt(x)}</text>')
    el.append(f'<text x="{ox + pw / 2}" y="{oy + ph + 32}" text-anchor="middle" font-size="12">{xlabel}</text>')
    for client, pts in data.items():
        color = COLORS.get(client, "#444")
        path = " ".join(f"{px(x):.1f},{py(m[metric]):.1f}" for x, m in pts)
        el.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for x, m in pts:
            el.append(f'<circle cx="{px(x):.1f}" cy="{py(m[metric]):.1f}" r="3" fill="{color}"/>')
    return el


def svg(medians, axes):
    w, h = 460, 250
    rows = [(col, label, series(medians, axes, col)) for col, label in AXES]
    rows = [r for r in rows if r[2]]
    clients = sorted({c for _, _, d in rows for c in d}, key=lambda c: list(COLORS).index(c) if c in COLORS else 99)
    width, height = 2 * w, len(rows) * h + 40
    el = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
          f'font-family="sans-serif" font-size="13">',
          f'<rect width="{width}" height="{height}" fill="white"/>']
    for i, c in enumerate(clients):
        x = 20 + i * 170
        el.append(f'<rect x="{x}" y="12" width="14" height="14" fill="{COLORS.get(c, "#444")}"/>')
        el.append(f'<text x="{x + 20}" y="24">{c}</text>')
    for r, (col, label, data) in enumerate(rows):
        for k, (metric, mlabel) in enumerate(METRICS):
            el += panel(k * w, 40 + r * h, w, h, mlabel, label, data, metric)
    el.append("</svg>")
    return "\n".join(el) + "\n"


def table(medians, axes):
    """Markdown: per case and client other than kafka-clients, client / kafka-clients."""
    lines = ["| case | client | throughput | CPU/rec @rate | alloc/rec @rate | p99 @rate |"
             " threads | heap after GC (MiB) |",
             "|---|---|---|---|---|---|---|---|"]
    for case in axes:
        theirs = medians.get((case, "kafka-clients"))
        for (c, client), ours in medians.items():
            if c != case or client == "kafka-clients" or theirs is None:
                continue

            def r(col):
                return ours[col] / theirs[col] if theirs[col] else float("nan")

            lines.append(
                f"| {case} | {client} | **{r('tput_rec_s'):.2f}** | {r('rate_cpu_us_per_rec'):.2f} |"
                f" {r('rate_alloc_b_per_rec'):.2f} | {r('p99_us'):.2f} |"
                f" {ours['live_threads']:.0f} vs {theirs['live_threads']:.0f} |"
                f" {ours['heap_after_gc_bytes'] / 2**20:.0f} vs {theirs['heap_after_gc_bytes'] / 2**20:.0f} |")
    return "\n".join(lines)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    medians, axes = load(argv[1])
    out = argv[2] if len(argv) > 2 else "benchmarks/scaling.svg"
    with open(out, "w") as f:
        f.write(svg(medians, axes))
    print(table(medians, axes))
    print(f"\nwrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
