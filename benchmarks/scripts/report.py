#!/usr/bin/env python3
"""Tables and chart for docs/benchmarks.md from one JMH run's CSV (-rf csv).

usage: python3 benchmarks/scripts/report.py RESULTS.csv docs/benchmarks-chart.png [SWEEP.csv] > tables.md
(SWEEP.csv: a ParallelThresholdBenchmark run, printed as the threshold sweep table)
Needs matplotlib only for the chart (Debian: apt-get install python3-matplotlib).

The main tables and the chart are float64 calls of the buffer overload (OutputDeltaBenchmark's
lossAndDelta; a CSV without a dtype column is all float64). Rows with dtype float32 and rows of the
allocating method, where the run has them, get tables of their own (issue 12).
"""
import csv
import sys

BACKENDS = ["native", "native-vector", "dl4j", "nd4j-raw"]
PAIRS = ["softmax+cross-entropy", "sigmoid+binary-cross-entropy", "identity+squared-error",
         "sigmoid+squared-error"]
SHAPES = ["32x10", "256x100", "4096x1000"]
KERNELS = ["stream-add", "exp", "exp-vector"]


DTYPES = ["float64", "float32"]


def load(path):
    """time, alloc: (backend or kernel, pair, shape) -> score, for float64 calls of the main method;
    extra_time, extra_alloc: the same keyed (method, dtype, backend, pair, shape) for every row."""
    time, alloc, extra_time, extra_alloc = {}, {}, {}, {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            name = row["Benchmark"]
            if row.get("Param: split"):
                continue
            key = (row.get("Param: backend") or row.get("Param: kernel"), row.get("Param: pair") or "",
                   row["Param: shape"])
            method = name.split(":")[0].rsplit(".", 1)[-1]
            dtype = row.get("Param: dtype") or "float64"
            score = float(row["Score"])
            if name.endswith("gc.alloc.rate.norm"):
                extra_alloc[(method, dtype) + key] = score
                if dtype == "float64" and method != "allocating":
                    alloc[key] = score
            elif ":" not in name:
                extra_time[(method, dtype) + key] = score
                if dtype == "float64" and method != "allocating":
                    time[key] = score
    return time, alloc, extra_time, extra_alloc


def fmt(us):
    if us is None:
        return "–"
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.2f} µs" if us >= 1 else f"{us * 1000:.0f} ns"


def main():
    time, alloc, extra_time, extra_alloc = load(sys.argv[1])
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
    float32(extra_time, extra_alloc)
    allocating(extra_time)
    if len(sys.argv) > 3:
        sweep(sys.argv[3])
    if len(sys.argv) > 2:
        chart(time, sys.argv[2])


def ratio_cell(num, den):
    return "–" if num is None or den is None else f"{num / den:.2f}×"


def float32(time, alloc):
    """float32 calls of the buffer overload, and float64 time / float32 time (issue 12: ≥ 1.8×)."""
    if not any(k[1] == "float32" for k in time):
        return
    print("\n### float32, buffer overload (issue 12: float64 time / float32 time ≥ 1.8×)\n")
    print("| pair | shape | " + " | ".join(f"{b} float32" for b in BACKENDS)
          + " | " + " | ".join(f"{b}: float64 / float32 time" for b in BACKENDS)
          + " | native: B/op | native-vector: B/op |")
    print("|---|---|" + "---:|" * (2 * len(BACKENDS) + 2))
    for pair in PAIRS:
        for shape in SHAPES:
            f32 = [time.get(("lossAndDelta", "float32", b, pair, shape)) for b in BACKENDS]
            f64 = [time.get(("lossAndDelta", "float64", b, pair, shape)) for b in BACKENDS]
            bytes_ = [alloc.get(("lossAndDelta", "float32", b, pair, shape))
                      for b in ("native", "native-vector")]
            print(f"| {pair} | {shape} | " + " | ".join(fmt(t) for t in f32) + " | "
                  + " | ".join(ratio_cell(d, f) for d, f in zip(f64, f32)) + " | "
                  + " | ".join("–" if v is None else f"{v:.0f}" for v in bytes_) + " |")


def allocating(time):
    """The allocating evaluate's time / the buffer overload's (issue 12: ≤ 1.3× at 4096x1000)."""
    if not any(k[0] == "allocating" for k in time):
        return
    deltapair = [b for b in BACKENDS if b != "nd4j-raw"]
    print("\n### Allocating evaluate / buffer overload, time per call (issue 12: ≤ 1.3× at 4096x1000)\n")
    print("| pair | shape | " + " | ".join(f"{b} {d}" for d in DTYPES for b in deltapair) + " |")
    print("|---|---|" + "---:|" * (len(DTYPES) * len(deltapair)))
    for pair in PAIRS:
        for shape in SHAPES:
            cells = [ratio_cell(time.get(("allocating", d, b, pair, shape)),
                                time.get(("lossAndDelta", d, b, pair, shape)))
                     for d in DTYPES for b in deltapair]
            print(f"| {pair} | {shape} | " + " | ".join(cells) + " |")


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
