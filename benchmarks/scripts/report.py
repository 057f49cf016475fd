#!/usr/bin/env python3
"""Tables and chart for docs/benchmarks.md from one JMH run's CSV (-rf csv).

usage: python3 benchmarks/scripts/report.py RESULTS.csv docs/benchmarks-chart.png [SWEEP.csv] > tables.md
(SWEEP.csv: a ParallelThresholdBenchmark run, printed as the threshold sweep table)
Needs matplotlib only for the chart (Debian: apt-get install python3-matplotlib).
"""
import csv
import sys

BACKENDS = ["native", "native-vector", "dl4j", "nd4j-raw"]
PAIRS = ["softmax+cross-entropy", "sigmoid+binary-cross-entropy", "identity+squared-error",
         "sigmoid+squared-error"]
SHAPES = ["32x10", "256x100", "4096x1000"]
KERNELS = ["stream-add", "exp", "exp-vector"]


def load(path):
    time, alloc = {}, {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            name = row["Benchmark"]
            if row.get("Param: split"):
                continue
            key = (row.get("Param: backend") or row.get("Param: kernel"), row.get("Param: pair") or "",
                   row["Param: shape"])
            score = float(row["Score"])
            if name.endswith("gc.alloc.rate.norm"):
                alloc[key] = score
            elif ":" not in name:
                time[key] = score
    return time, alloc


def fmt(us):
    if us is None:
        return "–"
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.2f} µs" if us >= 1 else f"{us * 1000:.0f} ns"


def main():
    time, alloc = load(sys.argv[1])
    print("### Time per call (loss + full delta), one JMH run\n")
    print("| pair | shape | " + " | ".join(BACKENDS) + " | native: B/op | native-vector: B/op |")
    print("|---|---|" + "---:|" * (len(BACKENDS) + 2))
    for pair in PAIRS:
        for shape in SHAPES:
            cells = [fmt(time.get((b, pair, shape))) for b in BACKENDS]
            bytes_ = [alloc.get((b, pair, shape)) for b in ("native", "native-vector")]
            cells += ["–" if v is None else f"{v:.0f}" for v in bytes_]
            print(f"| {pair} | {shape} | " + " | ".join(cells) + " |")
    print("\n### Roofline (one thread)\n")
    print("| kernel | " + " | ".join(SHAPES) + " |")
    print("|---|" + "---:|" * len(SHAPES))
    for k in KERNELS:
        print(f"| {k} | " + " | ".join(fmt(time.get((k, "", s))) for s in SHAPES) + " |")
    print("\n### Ratios\n")
    print("| ratio | " + " | ".join(SHAPES) + " |")
    print("|---|" + "---:|" * len(SHAPES))

    def ratio(num, den):
        return "–" if num is None or den is None else f"{num / den:.1f}×"

    for pair in PAIRS[:2]:
        for b in ("native", "native-vector"):
            for other in ("dl4j", "nd4j-raw"):
                print(f"| {pair}: {other} time / {b} time | " + " | ".join(
                    ratio(time.get((other, pair, s)), time.get((b, pair, s))) for s in SHAPES) + " |")
    for b in ("native", "native-vector"):
        print(f"| identity+squared-error: stream-add time / {b} time | " + " | ".join(
            ratio(time.get(("stream-add", "", s)), time.get((b, "identity+squared-error", s)))
            for s in SHAPES) + " |")
        print(f"| softmax+cross-entropy: exp-loop time / {b} time | " + " | ".join(
            ratio(time.get(("exp", "", s)), time.get((b, "softmax+cross-entropy", s)))
            for s in SHAPES) + " |")
    print("\n### Issue 6's roofline targets at 4096x1000\n")
    print("| target | native | native-vector |")
    print("|---|---:|---:|")
    big = "4096x1000"

    def share(kernel, pair, b, unit):
        t, k = time.get((b, pair, big)), time.get((kernel, "", big))
        if t is None or k is None:
            return "–"
        return f"{100 * k / t:.0f}%" if unit == "%" else f"{k / t:.2f}×"

    print("| identity+squared-error throughput / stream-add's (target ≥ 80%) | "
          + " | ".join(share("stream-add", "identity+squared-error", b, "%")
                       for b in ("native", "native-vector")) + " |")
    print("| softmax+cross-entropy throughput / exp loop's (targets: native ≥ 80%, vector ≥ 2.5×) | "
          + share("exp", "softmax+cross-entropy", "native", "%") + " | "
          + share("exp", "softmax+cross-entropy", "native-vector", "×") + " |")
    if len(sys.argv) > 3:
        sweep(sys.argv[3])
    if len(sys.argv) > 2:
        chart(time, sys.argv[2])


def sweep(path):
    """Sequential vs split time per call from a ParallelThresholdBenchmark run."""
    runs, shapes = {}, []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if ":" in row["Benchmark"]:
                continue
            shape = row["Param: shape"]
            if shape not in shapes:
                shapes.append(shape)
            runs[(row["Param: backend"], row["Param: pair"], shape, row["Param: split"])] = float(
                row["Score"])
    shapes.sort(key=lambda s: int(s.split("x")[0]) * int(s.split("x")[1]))
    print("\n### Parallel threshold sweep: time on one thread / time split over two\n")
    print("| backend | pair | " + " | ".join(
        f"{s} ({int(s.split('x')[0]) * int(s.split('x')[1]):,} el.)" for s in shapes) + " |")
    print("|---|---|" + "---:|" * len(shapes))
    for b in ("native", "native-vector"):
        for pair in ("softmax+cross-entropy", "identity+squared-error"):
            cells = []
            for s in shapes:
                off, on = runs.get((b, pair, s, "off")), runs.get((b, pair, s, "on"))
                cells.append("–" if off is None or on is None
                             else f"{fmt(off)} / {fmt(on)} = {off / on:.2f}")
            print(f"| {b} | {pair} | " + " | ".join(cells) + " |")


def chart(time, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    sizes = [int(a) * int(b) for a, b in (s.split("x") for s in SHAPES)]
    fig, axes = plt.subplots(2, 2, figsize=(12, 9), sharex=True)
    styles = {"native": "o-", "native-vector": "s-", "dl4j": "^-", "nd4j-raw": "v-"}
    for ax, pair in zip(axes.flat, PAIRS):
        for b in BACKENDS:
            ys = [time.get((b, pair, s)) for s in SHAPES]
            pts = [(x, y) for x, y in zip(sizes, ys) if y is not None]
            if pts:
                ax.plot(*zip(*pts), styles[b], label=b)
        for k, style in (("stream-add", ":"), ("exp", "--")):
            ys = [time.get((k, "", s)) for s in SHAPES]
            pts = [(x, y) for x, y in zip(sizes, ys) if y is not None]
            if pts:
                ax.plot(*zip(*pts), style, color="grey", label=f"roofline: {k} (1 thread)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(pair)
        ax.set_xticks(sizes)
        ax.set_xticklabels(SHAPES)
        ax.set_ylabel("time per call (µs, log)")
        ax.grid(True, which="both", alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    for ax in axes[1]:
        ax.set_xlabel("batch (rows x columns, log of elements)")
    fig.suptitle("deltapair: loss + full output delta, time per call vs batch size (JMH, avg time)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main()
