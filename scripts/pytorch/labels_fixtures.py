#!/usr/bin/python3
"""PyTorch reference fixtures for class-index labels (with and without ignore_index).

What it computes
----------------
Each case is a deltapair `delta` request case
  {"activation": "softmax", "loss": L, "reduction": R, "z": z, "labels": c[, "ignore_index": k]}
with z an m x n float64 matrix (rows = examples) and c m integer class indices.
With PyTorch it evaluates

  "cross-entropy"   l_i = F.cross_entropy(z, c, reduction='none', ignore_index=k)[i]
                    J_sum = F.cross_entropy(z, c, reduction='sum', ignore_index=k)
  "kl-divergence"   y = F.one_hot(c, n) with the ignored rows set to 0,
                    l_i = sum_j F.kl_div(F.log_softmax(z, 1), y, reduction='none')[i, j]
                    J_sum = F.kl_div(F.log_softmax(z, 1), y, reduction='sum')
                    (equal to cross-entropy's values: sum_j y log y = 0 for one-hot y)

  J     = J_sum                (reduction "sum")
  J     = J_sum / m            (reduction "mean": deltapair divides by ALL m rows, ignored
                                ones included; this is NOT torch's reduction='mean', which
                                divides by the number of kept rows, deltapair's later
                                "mean-by-weight")
  delta = dJ/dz                (torch autograd w.r.t. the logits z; 0 on ignored rows)

Without ignore_index torch's default ignore_index (-100) is passed and no label equals it.
Shapes 1x2, 4x5, 7x3, 3x10; logits moderate (3 * N(0, 1)) and extreme (rows of +-1000);
variants: no ignore_index; ignore_index -100 with some rows ignored; ignore_index 0 (a valid
class index, so the rows of class 0 are ignored); ignore_index given but no row ignored; every
row ignored (J = 0, delta = 0); ignored rows holding +-1e300 (never validated nor computed).

Everything is float64 with a fixed torch.manual_seed, so the output is deterministic.  Floats
are written with Python's repr (shortest round-trip), so they parse back to the same doubles.

Output: cli/src/test/resources/pytorch/labels.json
  {"generator": ..., "torch": ...,
   "cases":    [{"activation", "loss", "reduction", "z", "labels"[, "ignore_index"]}, ...],
   "expected": [{"loss_value", "example_losses", "delta"}, ...]}
expected[k] belongs to cases[k]; example_losses are the unreduced l_i (0 for ignored rows).

Regenerate (from the repository root):
  /usr/bin/python3 scripts/pytorch/labels_fixtures.py

Generated with Debian's python3-torch: torch 1.13.0a0 (Python 3.11.2)
"""

import json
import math
import os

import torch
import torch.nn.functional as F

GENERATOR = "scripts/pytorch/labels_fixtures.py"
OUTPUT = os.path.join("cli", "src", "test", "resources", "pytorch", "labels.json")
SEED = 20240711
DT = torch.float64
TORCH_DEFAULT_IGNORE = -100

SHAPES = [(1, 2), (4, 5), (7, 3), (3, 10)]
LOSSES = ["cross-entropy", "kl-divergence"]
REDUCTIONS = ["sum", "mean"]


def moderate(m, n):
    return 3.0 * torch.randn(m, n, dtype=DT)


def extreme(m, n):
    """Every other row (and always row 0) is +-1000 with random signs; the rest moderate."""
    z = moderate(m, n)
    for i in range(0, m, 2):
        signs = torch.where(torch.rand(n) < 0.5, -1.0, 1.0).to(DT)
        signs[torch.randint(n, (1,)).item()] = 1.0  # at least one +1000 in the row
        z[i] = 1000.0 * signs
    return z


def random_labels(m, n):
    return torch.randint(0, n, (m,))


def variants(m, n):
    """(name, z, labels, ignore_index or None) for one shape."""
    out = []
    out.append(("moderate", moderate(m, n), random_labels(m, n), None))
    out.append(("extreme", extreme(m, n), random_labels(m, n), None))
    # ignore_index -100 on some rows (for m = 1 that is "all ignored" below)
    if m > 1:
        c = random_labels(m, n)
        for i in range(0, m, 3):
            c[i] = -100
        out.append(("ignore -100", moderate(m, n), c, -100))
        out.append(("extreme, ignore -100", extreme(m, n), c.clone(), -100))
    # ignore_index 0: a valid class index; force at least one row of class 0 and one other
    c = random_labels(m, n)
    c[0] = 0
    if m > 1:
        c[m - 1] = n - 1
    out.append(("ignore 0", moderate(m, n), c, 0))
    # ignore_index given, no row has it
    out.append(("ignore -1, none ignored", moderate(m, n), random_labels(m, n), -1))
    # all rows ignored
    out.append(("all ignored", moderate(m, n), torch.full((m,), -100), -100))
    # ignored rows hold values no kept row may (never validated nor computed)
    if m > 1:
        z = moderate(m, n)
        c = random_labels(m, n)
        for i in range(1, m, 2):
            z[i] = 1e300 * torch.where(torch.rand(n) < 0.5, -1.0, 1.0).to(DT)
            c[i] = -100
        out.append(("ignored rows +-1e300", z, c, -100))
    return out


def per_example(loss, z, c, ignore):
    """(l_i vector, J_sum) as torch computes them; z requires grad."""
    k = TORCH_DEFAULT_IGNORE if ignore is None else ignore
    if loss == "cross-entropy":
        return (F.cross_entropy(z, c, reduction="none", ignore_index=k),
                F.cross_entropy(z, c, reduction="sum", ignore_index=k))
    kept = c != k
    y = F.one_hot(torch.where(kept, c, torch.zeros_like(c)), z.shape[1]).to(DT)
    y = y * kept.to(DT).unsqueeze(1)
    # ignored rows of z may hold +-1e300; their log_softmax can be -inf there, and 0 * -inf is
    # NaN, so the ignored rows are replaced by 0 before log_softmax (they are not computed)
    zk = torch.where(kept.unsqueeze(1), z, torch.zeros_like(z))
    log_a = F.log_softmax(zk, dim=1)
    return (F.kl_div(log_a, y, reduction="none").sum(dim=1),
            F.kl_div(log_a, y, reduction="sum"))


def finite(t):
    return bool(torch.isfinite(t).all())


def main():
    torch.manual_seed(SEED)
    cases, expected = [], []
    for m, n in SHAPES:
        for name, z0, c, ignore in variants(m, n):
            for loss in LOSSES:
                for reduction in REDUCTIONS:
                    z = z0.clone().requires_grad_(True)
                    losses, total = per_example(loss, z, c, ignore)
                    j = total if reduction == "sum" else total / m
                    (delta,) = torch.autograd.grad(j, z)
                    assert finite(j) and finite(delta) and finite(losses), (name, loss, m, n)
                    case = {"activation": "softmax", "loss": loss, "reduction": reduction,
                            "z": z0.tolist(), "labels": [int(v) for v in c]}
                    if ignore is not None:
                        case["ignore_index"] = ignore
                    cases.append(case)
                    expected.append({"loss_value": j.item(),
                                     "example_losses": losses.detach().tolist(),
                                     "delta": delta.tolist()})
    # independent sanity checks of the fixture itself
    for case, exp in zip(cases, expected):
        m = len(case["labels"])
        total = math.fsum(exp["example_losses"])
        want = total if case["reduction"] == "sum" else total / m
        assert abs(exp["loss_value"] - want) <= 1e-12 * max(1.0, abs(want)), case
        for i, label in enumerate(case["labels"]):
            if case.get("ignore_index") == label:
                assert exp["example_losses"][i] == 0.0 and not any(exp["delta"][i]), case
    write(cases, expected)
    print("wrote", len(cases), "cases to", OUTPUT)


def write(cases, expected):
    with open(OUTPUT, "w") as out:
        out.write('{"generator": %s, "torch": %s,\n "cases": [\n'
                  % (json.dumps(GENERATOR), json.dumps(torch.__version__)))
        out.write(",\n".join("  " + json.dumps(c) for c in cases))
        out.write('\n ],\n "expected": [\n')
        out.write(",\n".join("  " + json.dumps(e) for e in expected))
        out.write("\n ]}\n")


if __name__ == "__main__":
    main()
