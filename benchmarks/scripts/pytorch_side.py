#!/usr/bin/env python3
"""The PyTorch side of docs/benchmarks.md's comparison table.

Times loss + full delta (autograd backward of the reduced loss) for the three headline pairs at
the three shapes, in float64 and float32, with torch.set_num_threads(2), the way the JMH
benchmark times deltapair: inputs built once, each call a fresh forward and backward.

    /usr/bin/python3 benchmarks/scripts/pytorch_side.py                  # prints the table
    /usr/bin/python3 benchmarks/scripts/pytorch_side.py --jmh results.csv  # and the ratios

With --jmh, the CSV is JMH's (-rf csv) from OutputDeltaBenchmark; the ratio column is
PyTorch time / deltapair time for each backend JMH measured, float32 against PyTorch float32 and
float64 against float64 (JMH's dtype parameter; a CSV without it is float64), above 1: deltapair
faster. The deltapair time is the buffer overload's (method lossAndDelta) unless --method
allocating picks the allocating evaluate.
Needs Debian's python3-torch (1.13); nothing in the Maven build runs it.
"""
import argparse
import csv
import time

import torch
import torch.nn.functional as F

PAIRS = ["softmax+cross-entropy", "sigmoid+binary-cross-entropy", "identity+squared-error"]
SHAPES = [(32, 10), (256, 100), (4096, 1000)]


def inputs(pair, m, n, dtype, seed=42):
    g = torch.Generator().manual_seed(seed)
    z = (2.0 * torch.randn(m, n, generator=g)).to(dtype)
    if pair == "softmax+cross-entropy":
        labels = torch.randint(0, n, (m,), generator=g)
        y = labels  # class indices: F.cross_entropy's fast path, the one PyTorch users call
    elif pair == "sigmoid+binary-cross-entropy":
        y = (torch.rand(m, n, generator=g) < 0.5).to(dtype)
    else:
        y = torch.randn(m, n, generator=g).to(dtype)
    return z, y


def step(pair, z, y):
    zz = z.detach().requires_grad_(True)
    if pair == "softmax+cross-entropy":
        loss = F.cross_entropy(zz, y, reduction="sum")
    elif pair == "sigmoid+binary-cross-entropy":
        loss = F.binary_cross_entropy_with_logits(zz, y, reduction="sum")
    else:
        loss = 0.5 * ((zz - y) ** 2).sum()
    loss.backward()
    return loss.item(), zz.grad


def time_us(pair, m, n, dtype, min_seconds=1.0):
    z, y = inputs(pair, m, n, dtype)
    for _ in range(20):
        step(pair, z, y)
    calls = 0
    start = time.perf_counter()
    while True:
        step(pair, z, y)
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds and calls >= 10:
            return 1e6 * elapsed / calls


def jmh_times(path, method="lossAndDelta"):
    """(backend, pair, shape, dtype) -> µs per call of one OutputDeltaBenchmark method from a JMH
    CSV (avgt, us/op or ms/op); profiler rows (name:metric) are skipped."""
    out = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            name = row["Benchmark"]
            if ":" in name or not name.endswith("OutputDeltaBenchmark." + method):
                continue
            unit = row["Unit"]
            scale = {"us/op": 1.0, "ms/op": 1000.0, "ns/op": 0.001}.get(unit)
            if scale is None:
                continue
            key = (row.get("Param: backend"), row.get("Param: pair"), row.get("Param: shape"),
                   row.get("Param: dtype") or "float64")
            out[key] = float(row["Score"]) * scale
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jmh", help="JMH CSV of OutputDeltaBenchmark to compute ratios against")
    parser.add_argument("--method", default="lossAndDelta", choices=["lossAndDelta", "allocating"],
                        help="the JMH method to compare with (default: lossAndDelta, the buffer overload)")
    parser.add_argument("--seconds", type=float, default=1.0, help="time per case (default 1 s)")
    args = parser.parse_args()
    torch.set_num_threads(2)
    jmh = jmh_times(args.jmh, args.method) if args.jmh else {}
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    header = "| pair @ shape | dtype | PyTorch µs |"
    backends = sorted({k[0] for k in jmh})
    for b in backends:
        header += f" {b} µs | PyTorch / {b} |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for pair in PAIRS:
        for m, n in SHAPES:
            for name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
                t = time_us(pair, m, n, dtype, args.seconds)
                line = f"| {pair} @ {m}x{n} | {name} | {t:,.1f} |"
                for b in backends:
                    ours = jmh.get((b, pair, f"{m}x{n}", name))
                    line += f" {ours:,.1f} | {t / ours:.2f} |" if ours else " – | – |"
                print(line)


if __name__ == "__main__":
    main()
