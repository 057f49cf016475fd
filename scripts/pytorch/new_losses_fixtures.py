#!/usr/bin/python3
"""PyTorch reference fixtures for the huber, focal and kl-divergence losses.

What it computes
----------------
For each test case (activation, loss, reduction, logits z, targets y), with
z and y m x n float64 matrices (rows = examples), it evaluates with PyTorch:

  a     = act(z)          identity, sigmoid, softmax (row-wise, dim=1), tanh,
                          exp, relu, softplus (torch.nn.functional.softplus)
  l_i   = sum over the n outputs of row i of the element-wise loss
  J     = sum_i l_i                  (reduction "sum")
  J     = (1/m) sum_i l_i            (reduction "mean": mean over EXAMPLES,
                                      never over elements)
  delta = dJ/dz                      (torch autograd w.r.t. the logits z)

Element-wise losses:
  "huber" / "huber(delta=D)"  F.huber_loss(a, y, reduction='none', delta=D);
                              bare "huber" means delta=1.0.
  "focal" / "focal(gamma=G)" / "focal(gamma=G, alpha=A)"
                              torchvision.ops.sigmoid_focal_loss(z, y,
                              alpha=A (or -1 when absent), gamma=G,
                              reduction='none'); activation is always
                              "sigmoid"; bare "focal" means gamma=2.0 and no
                              alpha.
  "kl-divergence"             F.kl_div(log a, y, reduction='none'), i.e.
                              y * (log y - log a) with 0 * log 0 = 0; for
                              softmax log a = F.log_softmax(z, dim=1), for the
                              element-wise activations log a = torch.log(act(z)).

Everything is float64, torch.manual_seed is fixed, so the output is
deterministic.  Cases for which torch itself returns a non-finite loss or
delta are skipped (and listed on stdout); no NaN/Infinity is ever written.
Floats are written with Python's repr (shortest round-trip), so they parse
back to exactly the same doubles.

Output: examples/src/test/resources/pytorch/new-losses.json
  {"generator": ..., "torch": ..., "torchvision": ...,
   "cases":    [{"activation", "loss", "reduction", "z", "y"}, ...],
   "expected": [{"loss_value", "example_losses", "delta"}, ...]}
expected[k] belongs to cases[k]; example_losses are the unreduced l_i.

Regenerate (from the repository root):
  /usr/bin/python3 scripts/pytorch/new_losses_fixtures.py

Generated with Debian's python3-torch / python3-torchvision:
  torch 1.13.0a0, torchvision 0.14.1a0 (Python 3.11.2)
"""

import json
import math
import os
import sys

import torch
import torch.nn.functional as F
import torchvision
from torchvision.ops import sigmoid_focal_loss

GENERATOR = "scripts/pytorch/new_losses_fixtures.py"
OUTPUT = os.path.join("examples", "src", "test", "resources", "pytorch",
                      "new-losses.json")
SEED = 20240611
DT = torch.float64

SHAPES = [(1, 1), (1, 3), (4, 5), (7, 3), (3, 10)]
SHAPES_MULTI_COL = [s for s in SHAPES if s[1] >= 2]  # softmax needs n >= 2
REDUCTIONS = ["sum", "mean"]

ACTIVATIONS = {
    "identity": lambda z: z,
    "sigmoid": torch.sigmoid,
    "softmax": lambda z: torch.softmax(z, dim=1),
    "tanh": torch.tanh,
    "exp": torch.exp,
    "relu": torch.relu,
    "softplus": F.softplus,
}


# ---------------------------------------------------------------- naming ---

def huber_name(d):
    return "huber" if d == 1.0 else "huber(delta=%r)" % d


def focal_name(gamma, alpha, bare_default=True):
    if alpha is None:
        if gamma == 2.0 and bare_default:
            return "focal"
        return "focal(gamma=%r)" % gamma
    return "focal(gamma=%r, alpha=%r)" % (gamma, alpha)


# ------------------------------------------------------- element losses ---

def huber_elements(d):
    def f(z, y, act):
        a = ACTIVATIONS[act](z)
        return F.huber_loss(a, y, reduction="none", delta=d)
    return f


def focal_elements(gamma, alpha):
    def f(z, y, act):
        assert act == "sigmoid"
        return sigmoid_focal_loss(z, y, alpha=-1.0 if alpha is None else alpha,
                                  gamma=gamma, reduction="none")
    return f


def kl_elements(z, y, act):
    if act == "softmax":
        log_a = F.log_softmax(z, dim=1)
    else:
        log_a = torch.log(ACTIVATIONS[act](z))
    return F.kl_div(log_a, y, reduction="none")


# ------------------------------------------------------------ evaluation ---

def evaluate(elements, act, reduction, z_in, y_in):
    """Return (loss_value, example_losses, delta) as Python objects, or a
    string describing why the case is not finite."""
    z = z_in.clone().detach().to(DT).requires_grad_(True)
    y = y_in.clone().detach().to(DT)
    m = z.shape[0]
    e = elements(z, y, act)
    assert e.shape == z.shape and e.dtype == DT
    per_example = e.sum(dim=1)
    total = per_example.sum()
    J = total if reduction == "sum" else total / m
    (delta,) = torch.autograd.grad(J, z)
    bad = []
    if not torch.isfinite(per_example).all():
        bad.append("loss")
    if not torch.isfinite(delta).all():
        bad.append("delta")
    if bad:
        return "non-finite " + " and ".join(bad)
    return (float(J.item()),
            [float(v) for v in per_example.tolist()],
            [[float(v) for v in row] for row in delta.tolist()])


# ------------------------------------------------------------ generators ---

def uniform(shape, lo, hi):
    return lo + (hi - lo) * torch.rand(shape, dtype=DT)


def uniform_avoid_zero(shape, lo, hi, eps=1e-3):
    z = uniform(shape, lo, hi)
    small = z.abs() < eps
    while small.any():
        z[small] = uniform((int(small.sum()),), lo, hi)
        small = z.abs() < eps
    return z


def hard_binary(shape):
    return (torch.rand(shape, dtype=DT) < 0.5).to(DT)


def one_hot_rows(shape):
    m, n = shape
    y = torch.zeros(shape, dtype=DT)
    idx = torch.randint(0, n, (m,))
    y[torch.arange(m), idx] = 1.0
    return y


def soft_simplex_rows(shape, total=1024, zeros=True):
    """Rows of non-negative dyadic rationals k/total that sum to exactly 1.0
    in floating point.  With zeros=True, about a third of the entries of each
    row (when n >= 3) are forced to exactly 0."""
    m, n = shape
    y = torch.zeros(shape, dtype=DT)
    for i in range(m):
        support = torch.ones(n, dtype=torch.bool)
        if zeros and n >= 3:
            k = max(1, n // 3)
            support[torch.randperm(n)[:k]] = False
        cols = torch.nonzero(support).flatten()
        w = torch.rand(len(cols), dtype=DT) + 0.05
        counts = torch.floor(w / w.sum() * total).to(torch.int64)
        counts[0] += total - int(counts.sum())  # exact total
        y[i, cols] = counts.to(DT) / total
        assert float(y[i].sum()) == 1.0
    return y


# ---------------------------------------------------------------- builder ---

class Builder:
    def __init__(self):
        self.cases = []
        self.expected = []
        self.skipped = []
        self.count = {}

    def add(self, family, elements, act, loss, reduction, z, y):
        res = evaluate(elements, act, reduction, z, y)
        case = {"activation": act, "loss": loss, "reduction": reduction,
                "z": [[float(v) for v in row] for row in z.tolist()],
                "y": [[float(v) for v in row] for row in y.tolist()]}
        if isinstance(res, str):
            self.skipped.append((family, case, res))
            return
        loss_value, example_losses, delta = res
        self.cases.append(case)
        self.expected.append({"loss_value": loss_value,
                              "example_losses": example_losses,
                              "delta": delta})
        self.count[family] = self.count.get(family, 0) + 1

    def add_both(self, family, elements, act, loss, z, y):
        for r in REDUCTIONS:
            self.add(family, elements, act, loss, r, z, y)


def build_huber(b):
    deltas = [1.0, 0.5, 1.5]
    acts = ["identity", "sigmoid", "softmax", "tanh", "exp", "relu",
            "softplus"]
    k = 0
    for act in acts:
        shapes = SHAPES_MULTI_COL if act == "softmax" else SHAPES
        for d in deltas:
            # two moderate shapes per (activation, delta), cycling so every
            # shape is covered for every activation
            for _ in range(2):
                shape = shapes[k % len(shapes)]
                k += 1
                if act == "relu":
                    z = uniform_avoid_zero(shape, -3.0, 3.0)
                else:
                    z = uniform(shape, -3.0, 3.0)
                y = uniform(shape, -2.0, 2.0)
                b.add_both("huber", huber_elements(d), act, huber_name(d),
                           z, y)
    # large logits: identity up to |z| = 1000 (continuous), saturating
    # activations with |z| = 1000 entries
    for d in deltas:
        z = uniform((4, 5), -1000.0, 1000.0)
        z[0, 0], z[1, 1], z[2, 2] = 1000.0, -1000.0, 999.5
        y = uniform((4, 5), -2.0, 2.0)
        b.add_both("huber", huber_elements(d), "identity", huber_name(d), z, y)
        for act in ["sigmoid", "tanh"]:
            z = torch.tensor([[1000.0, -1000.0, 0.25],
                              [-1000.0, 1000.0, 1000.0],
                              [0.0, -1000.0, 3.0],
                              [1000.0, 2.0, -1000.0],
                              [-0.5, 1000.0, -1000.0],
                              [1000.0, 1000.0, -1000.0],
                              [-1000.0, -1000.0, -1000.0]], dtype=DT)
            y = uniform(z.shape, -2.0, 2.0)
            b.add_both("huber", huber_elements(d), act, huber_name(d), z, y)
        z = torch.tensor([[1000.0, 0.0, -1000.0],
                          [-1000.0, 1000.0, 0.0],
                          [1000.0, 1000.0, -1000.0],
                          [-1000.0, -1000.0, 3.0]], dtype=DT)
        y = uniform(z.shape, -2.0, 2.0)
        b.add_both("huber", huber_elements(d), "softmax", huber_name(d), z, y)


FOCAL_EXTREME = [0.0, 17.0, -17.0, 30.0, -30.0, 100.0, -100.0, 1000.0,
                 -1000.0]


def build_focal(b):
    gammas = [0.0, 0.5, 1.0, 2.0, 3.5]
    alphas = [None, 0.25, 0.75]
    k = 0
    for g in gammas:
        for a in alphas:
            el = focal_elements(g, a)
            # moderate logits: one hard-target and one soft-target batch
            for targets in ("hard", "soft"):
                shape = SHAPES[k % len(SHAPES)]
                k += 1
                z = uniform(shape, -4.0, 4.0)
                y = hard_binary(shape) if targets == "hard" else \
                    uniform(shape, 0.0, 1.0)
                b.add_both("focal", el, "sigmoid", focal_name(g, a), z, y)
            # extreme logits, 3 x 10: rows y = 0, y = 1, soft y
            row = FOCAL_EXTREME + [0.5]
            z = torch.tensor([row, row, row], dtype=DT)
            y = torch.stack([torch.zeros(10, dtype=DT),
                             torch.ones(10, dtype=DT),
                             uniform((10,), 0.0, 1.0)])
            b.add_both("focal", el, "sigmoid", focal_name(g, a), z, y)
            if g < 1.0 and g != 0.0:
                # torch's autograd gives NaN for 0 < gamma < 1 where the
                # prediction is exactly, correctly saturated ((1 - p_t) == 0
                # in float64, so d/dx x^gamma = inf times 0); the case above
                # is then skipped.  Add a variant in which those elements are
                # moved to the wrong side of saturation (finite in torch).
                z2 = z.clone()
                z2[0][z2[0] < -37.0] *= -1.0   # y = 0 row
                z2[1][z2[1] > 37.0] *= -1.0    # y = 1 row
                b.add_both("focal", el, "sigmoid", focal_name(g, a), z2, y)
    # single-element extreme cases (isolates exactly which (z, y) torch can
    # and cannot differentiate): gamma 2.0 written as "focal(gamma=2.0)" so
    # both spellings of the default occur, and gamma 0.5
    for g in [2.0, 0.5]:
        for zv in FOCAL_EXTREME:
            for yv in [0.0, 1.0]:
                b.add("focal", focal_elements(g, None), "sigmoid",
                      focal_name(g, None, bare_default=False), "sum",
                      torch.tensor([[zv]], dtype=DT),
                      torch.tensor([[yv]], dtype=DT))


def build_kl(b):
    # softmax, moderate logits, one-hot and soft (with zeros) targets
    for shape in SHAPES_MULTI_COL:
        for maker in (one_hot_rows, soft_simplex_rows):
            z = uniform(shape, -3.0, 3.0)
            b.add_both("kl-divergence", kl_elements, "softmax",
                       "kl-divergence", z, maker(shape))
    # softmax, |z| = 1000
    z = torch.tensor([[1000.0, 0.0, -1000.0]], dtype=DT)
    for yrow in ([0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.5, 0.0, 0.5],
                 [0.25, 0.25, 0.5]):
        b.add_both("kl-divergence", kl_elements, "softmax", "kl-divergence",
                   z, torch.tensor([yrow], dtype=DT))
    z = torch.tensor([[1000.0, 0.0, -1000.0, 2.0, 1.0],
                      [-1000.0, 1000.0, 0.0, 0.0, -1.0],
                      [0.5, -1.5, 2.0, 1000.0, -1000.0],
                      [1000.0, 1000.0, -1000.0, 0.0, 3.0]], dtype=DT)
    b.add_both("kl-divergence", kl_elements, "softmax", "kl-divergence",
               z, one_hot_rows(z.shape))
    b.add_both("kl-divergence", kl_elements, "softmax", "kl-divergence",
               z, soft_simplex_rows(z.shape))
    # chain rule through element-wise activations, moderate logits
    k = 0
    for act in ["sigmoid", "exp", "softplus"]:
        for shape in SHAPES:
            maker = one_hot_rows if k % 2 == 0 else soft_simplex_rows
            k += 1
            z = uniform(shape, -3.0, 3.0)
            b.add_both("kl-divergence", kl_elements, act, "kl-divergence",
                       z, maker(shape))


# ------------------------------------------------------------------ output --

def check_finite(obj):
    if isinstance(obj, float):
        assert math.isfinite(obj), obj
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            check_finite(v)
    elif isinstance(obj, dict):
        for v in obj.values():
            check_finite(v)


def dumps(obj):
    # json.dumps writes floats with float.__repr__ (shortest round-trip);
    # allow_nan=False makes any NaN/Infinity a hard error
    return json.dumps(obj, allow_nan=False, separators=(", ", ": "))


def main():
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_default_dtype(DT)

    b = Builder()
    build_huber(b)
    build_focal(b)
    build_kl(b)

    check_finite(b.cases)
    check_finite(b.expected)

    root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    out = os.path.join(root, OUTPUT)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    lines = ['{"generator": %s, "torch": %s, "torchvision": %s,'
             % (dumps(GENERATOR), dumps(torch.__version__),
                dumps(torchvision.__version__)),
             ' "cases": [']
    lines += ["  " + dumps(c) + ("," if i + 1 < len(b.cases) else "")
              for i, c in enumerate(b.cases)]
    lines += [' ],', ' "expected": [']
    lines += ["  " + dumps(e) + ("," if i + 1 < len(b.expected) else "")
              for i, e in enumerate(b.expected)]
    lines += [' ]}']
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    print("wrote %s (%d cases)" % (OUTPUT, len(b.cases)))
    print("torch %s, torchvision %s" % (torch.__version__,
                                       torchvision.__version__))
    for fam, n in b.count.items():
        print("  %-14s %d" % (fam, n))
    print("skipped %d case(s) where torch returned non-finite values:"
          % len(b.skipped))
    for fam, case, why in b.skipped:
        print("  %s %s %s %s z=%s y=%s: %s" % (
            fam, case["activation"], case["loss"], case["reduction"],
            case["z"] if len(case["z"]) * len(case["z"][0]) <= 3 else
            "%dx%d" % (len(case["z"]), len(case["z"][0])),
            case["y"] if len(case["y"]) * len(case["y"][0]) <= 3 else
            "%dx%d" % (len(case["y"]), len(case["y"][0])), why))
    return 0


if __name__ == "__main__":
    sys.exit(main())
