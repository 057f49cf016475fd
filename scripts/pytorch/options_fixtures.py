#!/usr/bin/python3
"""PyTorch reference fixtures for the loss options of docs/contract.md §2b.

What it computes
----------------
Each case is a deltapair `delta` request case with options under their JSON names:
  {"activation", "loss", "reduction", "z", "y" or "labels"[, "ignore_index"],
   ["class_weights"], ["pos_weight"], ["example_weights"], ["mask"], ["label_smoothing"]}
for three families, with every combination of the options the contract allows for it and each
of the four reductions (sum, mean, mean-by-weight, none):

  softmax + cross-entropy, class-index targets ("labels"):
      options: class_weights w, ignore_index k, label_smoothing eps, example_weights e, mask mu
      t_i = F.cross_entropy(z, c, weight=w, ignore_index=k, label_smoothing=eps,
                            reduction='none')[i]
  softmax + cross-entropy, probability targets ("y", rows on the simplex):
      options: class_weights w, label_smoothing eps, example_weights e, mask mu
      t_i = F.cross_entropy(z, y, weight=w, label_smoothing=eps, reduction='none')[i]
  sigmoid + binary-cross-entropy ("y" in [0, 1], multi-label):
      options: class_weights w, pos_weight p, label_smoothing eps, example_weights e, mask mu
      t_i = sum_j F.binary_cross_entropy_with_logits(z, y', weight=W, pos_weight=p,
                                                     reduction='none')[i, j]
      with W_ij = e_i * w_j * mu_ij (torch's weight: example x class weights, times the mask)
      and y' = (1 - eps) y + eps/2 done by hand (torch has no label_smoothing there).

Per-example losses (deltapair's example_losses):
  softmax:  l_i = e_i * mu_i * t_i     (mu_i the row's mask value: softmax rows are masked whole)
  sigmoid:  l_i = t_i                  (e and mu are inside torch's weight already)
Reductions, mapped onto torch with care:
  sum             J = sum_i l_i
  mean            J = sum_i l_i / m    (deltapair divides by the m rows ALWAYS; torch's 'mean'
                                        divides BCE by m*n and weighted class-index CE by sum w_c)
  mean-by-weight  J = sum_i l_i / sum_i W_i with W_i = e_i * (w_{c_i} with labels and class
                  weights) * (0 if the row is ignored or masked out whole); J = 0 and delta = 0
                  when sum W = 0 (torch gives NaN there). For class-index CE without example
                  weights or mask this is torch's reduction='mean' with weight, which the
                  generator checks against torch's own 'mean'.
  none            J = sum_i l_i, delta that of sum
  delta = dJ/dz by torch autograd through the expression above.

Rows that are ignored or masked out whole, and masked-out entries (sigmoid), are "not read" by
deltapair: in some cases they hold values no kept entry may (z = +-1e300, y = 7.5 or a row off
the simplex). Torch gets a copy with those entries replaced by 0 (their terms are multiplied by
0 anyway, but 0 * inf would be NaN), and the case keeps the garbage.

Logits are moderate (3 * N(0, 1)) or extreme (entries from {0, +-17, +-30, +-100, +-1000}).
Cases where torch gives a non-finite loss, example loss or delta are skipped and counted on
stdout (none are expected: every form torch uses here is stable).

Everything is float64 with a fixed torch.manual_seed, so the output is deterministic. Floats are
written with Python's repr (shortest round-trip), so they parse back to the same doubles.

Output: cli/src/test/resources/pytorch/options.json
  {"generator": ..., "torch": ...,
   "cases":    [{...delta request case...}, ...],
   "expected": [{"loss_value", "example_losses", "delta"}, ...]}
expected[k] belongs to cases[k].

Regenerate (from the repository root):
  /usr/bin/python3 scripts/pytorch/options_fixtures.py

Generated with Debian's python3-torch: torch 1.13.0a0 (Python 3.11.2)
"""

import itertools
import json
import math
import os

import torch
import torch.nn.functional as F

GENERATOR = "scripts/pytorch/options_fixtures.py"
OUTPUT = os.path.join("cli", "src", "test", "resources", "pytorch", "options.json")
SEED = 20240811
DT = torch.float64
REDUCTIONS = ["sum", "mean", "mean-by-weight", "none"]
EXTREMES = [0.0, 17.0, -17.0, 30.0, -30.0, 100.0, -100.0, 1000.0, -1000.0]
GARBAGE = 1e300

FAMILIES = {
    "ce-labels": ["class_weights", "ignore_index", "label_smoothing", "example_weights", "mask"],
    "ce-dense": ["class_weights", "label_smoothing", "example_weights", "mask"],
    "bce": ["class_weights", "pos_weight", "label_smoothing", "example_weights", "mask"],
}
SHAPES = {
    "ce-labels": [(4, 5), (7, 3), (3, 10), (1, 2), (6, 4)],
    "ce-dense": [(4, 5), (7, 3), (3, 10), (1, 2), (6, 4)],
    "bce": [(4, 5), (7, 3), (3, 10), (5, 1), (6, 4)],
}
SMOOTHINGS = [0.1, 0.3, 0.05]


def moderate(m, n):
    return 3.0 * torch.randn(m, n, dtype=DT)


def extreme(m, n):
    picks = torch.randint(len(EXTREMES), (m, n))
    return torch.tensor(EXTREMES, dtype=DT)[picks]


def weights(size, low, high, zeros):
    """Uniform in [low, high); with zeros, one entry (of several) set to 0."""
    w = low + (high - low) * torch.rand(size, dtype=DT)
    if zeros and size > 1:
        w[torch.randint(size, (1,)).item()] = 0.0
    return w


def row_mask(m, n):
    """Whole rows 0 or 1 (softmax), at least one kept row unless m == 1."""
    keep = (torch.rand(m) < 0.7).to(DT)
    if m > 1:
        keep[0] = 0.0
        keep[m - 1] = 1.0
    return keep.unsqueeze(1).expand(m, n).clone()


def entry_mask(m, n):
    """Entries 0 or 1 (sigmoid); row 0 masked out whole when m > 1."""
    mu = (torch.rand(m, n) < 0.7).to(DT)
    if m > 1:
        mu[0] = 0.0
        mu[m - 1, 0] = 1.0
    return mu


def simplex_rows(m, n, hard):
    if hard:
        return F.one_hot(torch.randint(n, (m,)), n).to(DT)
    return torch.softmax(2.0 * torch.randn(m, n, dtype=DT), dim=1)


def build(family, given, m, n, extreme_logits, variant):
    """One family's inputs: (case fields, torch inputs)."""
    z = extreme(m, n) if extreme_logits else moderate(m, n)
    f = {"z": z}
    if family == "ce-labels":
        c = torch.randint(n, (m,))
        if "ignore_index" in given:
            if variant % 2 == 0 or n < 2:
                k = -100
                c[torch.arange(m) % 3 == 0] = -100
            else:
                k = 0
                c[0] = 0
                if m > 1:
                    c[m - 1] = n - 1
            f["ignore_index"] = k
        f["labels"] = c
    elif family == "ce-dense":
        f["y"] = simplex_rows(m, n, hard=variant % 2 == 1)
    else:
        y = torch.rand(m, n, dtype=DT)
        if variant % 2 == 1:
            y = torch.round(y)
        f["y"] = y
    if "class_weights" in given:
        f["class_weights"] = weights(n, 0.0, 3.0, zeros=variant % 3 == 0)
    if "pos_weight" in given:
        f["pos_weight"] = weights(n, 0.2, 4.0, zeros=False)
    if "label_smoothing" in given:
        f["label_smoothing"] = SMOOTHINGS[variant % len(SMOOTHINGS)]
    if "example_weights" in given:
        f["example_weights"] = weights(m, 0.0, 2.0, zeros=variant % 2 == 0)
    if "mask" in given:
        f["mask"] = entry_mask(m, n) if family == "bce" else row_mask(m, n)
    return f


def dropped_rows(family, f, m, n):
    """Rows deltapair does not read: ignored, or masked out whole."""
    drop = torch.zeros(m, dtype=torch.bool)
    if "ignore_index" in f:
        drop |= f["labels"] == f["ignore_index"]
    if "mask" in f:
        drop |= (f["mask"] == 0).all(dim=1)
    return drop


def row_weights(family, f, m, n):
    """W_i of docs/contract.md §2b, computed here from the raw fields."""
    w = torch.ones(m, dtype=DT)
    if "example_weights" in f:
        w = w * f["example_weights"]
    if family == "ce-labels" and "class_weights" in f:
        c = f["labels"].clone()
        c[c < 0] = 0
        c[c >= n] = 0
        w = w * f["class_weights"][c]
    drop = dropped_rows(family, f, m, n)
    return torch.where(drop, torch.zeros_like(w), w)


def example_losses(family, f, z, m, n):
    """l_i (a differentiable function of z) by torch."""
    eps = f.get("label_smoothing", 0.0)
    weight = f.get("class_weights")
    if family == "bce":
        y = f["y"]
        y_s = (1.0 - eps) * y + eps / 2.0
        W = torch.ones(m, n, dtype=DT)
        if weight is not None:
            W = W * weight.unsqueeze(0)
        if "example_weights" in f:
            W = W * f["example_weights"].unsqueeze(1)
        if "mask" in f:
            W = W * f["mask"]
        t = F.binary_cross_entropy_with_logits(z, y_s, weight=W, pos_weight=f.get("pos_weight"),
                                               reduction="none")
        return t.sum(dim=1)
    if family == "ce-labels":
        k = f.get("ignore_index", -100)
        t = F.cross_entropy(z, f["labels"], weight=weight, ignore_index=k, label_smoothing=eps,
                            reduction="none")
    else:
        t = F.cross_entropy(z, f["y"], weight=weight, label_smoothing=eps, reduction="none")
    if "example_weights" in f:
        t = t * f["example_weights"]
    if "mask" in f:
        t = t * f["mask"][:, 0]
    return t


def reduce(reduction, losses, total_weight, m):
    total = losses.sum()
    if reduction in ("sum", "none"):
        return total
    if reduction == "mean":
        return total / m
    return total * (0.0 if total_weight == 0.0 else 1.0 / total_weight)


def sanitised(family, f, m, n):
    """The torch inputs: what deltapair does not read replaced by 0 (or a valid target)."""
    t = dict(f)
    drop = dropped_rows(family, f, m, n)
    z = f["z"].clone()
    z[drop] = 0.0
    if "y" in f:
        y = f["y"].clone()
        y[drop] = 1.0 / n if family == "ce-dense" else 0.0
        if family == "bce" and "mask" in f:
            z = torch.where(f["mask"] == 0, torch.zeros_like(z), z)
            y = torch.where(f["mask"] == 0, torch.zeros_like(y), y)
        t["y"] = y
    t["z"] = z
    return t


def spoiled(family, f, m, n):
    """The case's inputs with garbage where deltapair does not read (ignored / masked)."""
    g = {k: (v.clone() if torch.is_tensor(v) else v) for k, v in f.items()}
    drop = dropped_rows(family, f, m, n)
    signs = torch.where(torch.rand(m, n) < 0.5, -1.0, 1.0).to(DT)
    g["z"] = torch.where(drop.unsqueeze(1), GARBAGE * signs, g["z"])
    if "y" in g:
        g["y"] = torch.where(drop.unsqueeze(1), torch.full_like(g["y"], 7.5), g["y"])
        if family == "bce" and "mask" in f:
            g["y"] = torch.where(f["mask"] == 0, torch.full_like(g["y"], 7.5), g["y"])
            g["z"] = torch.where(f["mask"] == 0, GARBAGE * signs, g["z"])
    return g


def case_json(family, f, reduction):
    activation = "sigmoid" if family == "bce" else "softmax"
    loss = "binary-cross-entropy" if family == "bce" else "cross-entropy"
    case = {"activation": activation, "loss": loss, "reduction": reduction,
            "z": f["z"].tolist()}
    if "labels" in f:
        case["labels"] = [int(v) for v in f["labels"]]
    else:
        case["y"] = f["y"].tolist()
    for name in ["ignore_index", "label_smoothing"]:
        if name in f:
            case[name] = f[name]
    for name in ["class_weights", "pos_weight", "example_weights", "mask"]:
        if name in f:
            case[name] = f[name].tolist()
    return case


def finite(t):
    return bool(torch.isfinite(t).all())


def evaluate(family, f, reduction, m, n):
    """(expected dict) or None if torch is not finite."""
    t = sanitised(family, f, m, n)
    z = t["z"].clone().requires_grad_(True)
    losses = example_losses(family, t, z, m, n)
    total_weight = float(row_weights(family, f, m, n).sum())
    j = reduce(reduction, losses, total_weight, m)
    (delta,) = torch.autograd.grad(j, z)
    if not (finite(j) and finite(delta) and finite(losses)):
        return None
    check_against_torch_mean(family, t, f, reduction, m, n, j)
    return {"loss_value": j.item(), "example_losses": losses.detach().tolist(),
            "delta": delta.tolist()}


def check_against_torch_mean(family, t, f, reduction, m, n, j):
    """Independent checks of the mapping onto torch's own reductions."""
    if reduction == "mean-by-weight" and family == "ce-labels" \
            and "example_weights" not in f and "mask" not in f:
        mean = F.cross_entropy(t["z"], t["labels"], weight=t.get("class_weights"),
                               ignore_index=t.get("ignore_index", -100),
                               label_smoothing=t.get("label_smoothing", 0.0), reduction="mean")
        if torch.isfinite(mean):
            assert abs(mean.item() - j.item()) <= 1e-12 * max(1.0, abs(j.item())), (f, mean, j)
    if reduction == "mean" and family == "ce-dense" and "example_weights" not in f \
            and "mask" not in f:
        mean = F.cross_entropy(t["z"], t["y"], weight=t.get("class_weights"),
                               label_smoothing=t.get("label_smoothing", 0.0), reduction="mean")
        assert abs(mean.item() - j.item()) <= 1e-12 * max(1.0, abs(j.item())), (f, mean, j)
    if reduction == "mean" and family == "bce" and "example_weights" not in f \
            and "mask" not in f and "class_weights" not in f:
        eps = t.get("label_smoothing", 0.0)
        mean = F.binary_cross_entropy_with_logits(
            t["z"], (1 - eps) * t["y"] + eps / 2, pos_weight=t.get("pos_weight"), reduction="mean")
        # torch's BCE mean divides by m*n, deltapair's by m
        assert abs(mean.item() * n - j.item()) <= 1e-12 * max(1.0, abs(j.item())), (f, mean, j)


def special_cases():
    """(family, fields, reductions): sum W = 0, and garbage where nothing is read."""
    out = []
    m, n = 4, 3
    # every row ignored: sum W = 0
    c = torch.full((m,), -100)
    out.append(("ce-labels", {"z": moderate(m, n), "labels": c, "ignore_index": -100,
                              "class_weights": weights(n, 0.5, 2.0, False)}))
    # every label's class weight is 0: sum W = 0, but the smoothing term still counts in sum
    c = torch.tensor([1, 1, 2, 1])
    out.append(("ce-labels", {"z": moderate(m, n), "labels": c,
                              "class_weights": torch.tensor([1.0, 0.0, 0.0], dtype=DT),
                              "label_smoothing": 0.2}))
    # every example weight 0
    out.append(("ce-dense", {"z": moderate(m, n), "y": simplex_rows(m, n, False),
                             "example_weights": torch.zeros(m, dtype=DT)}))
    out.append(("bce", {"z": moderate(m, n), "y": torch.rand(m, n, dtype=DT),
                        "example_weights": torch.zeros(m, dtype=DT),
                        "pos_weight": weights(n, 0.2, 4.0, False)}))
    # every row masked out whole
    out.append(("ce-dense", {"z": moderate(m, n), "y": simplex_rows(m, n, True),
                             "mask": torch.zeros(m, n, dtype=DT)}))
    out.append(("bce", {"z": moderate(m, n), "y": torch.rand(m, n, dtype=DT),
                        "mask": torch.zeros(m, n, dtype=DT), "label_smoothing": 0.1}))
    return out


def main():
    torch.manual_seed(SEED)
    cases, expected, skipped = [], [], []
    variant = 0
    for family, names in FAMILIES.items():
        shapes = SHAPES[family]
        for size in range(len(names) + 1):
            for given in itertools.combinations(names, size):
                for reduction in REDUCTIONS:
                    for extreme_logits in (False, True):
                        m, n = shapes[variant % len(shapes)]
                        variant += 1
                        f = build(family, set(given), m, n, extreme_logits, variant)
                        exp = evaluate(family, f, reduction, m, n)
                        if exp is None:
                            skipped.append((family, given, reduction, m, n))
                            continue
                        # every third case with dropped rows gets garbage there
                        shown = spoiled(family, f, m, n) if variant % 3 == 0 else f
                        cases.append(case_json(family, shown, reduction))
                        expected.append(exp)
    for family, f in special_cases():
        m, n = f["z"].shape
        for reduction in REDUCTIONS:
            exp = evaluate(family, f, reduction, m, n)
            if exp is None:
                skipped.append((family, sorted(f), reduction, m, n))
                continue
            cases.append(case_json(family, spoiled(family, f, m, n), reduction))
            expected.append(exp)
    sanity(cases, expected)
    write(cases, expected)
    print("wrote", len(cases), "cases to", OUTPUT, "; skipped (torch not finite):", len(skipped))
    for s in skipped:
        print("  skipped", s)


def sanity(cases, expected):
    """Independent checks of the fixture itself."""
    for case, exp in zip(cases, expected):
        m = len(case["z"])
        total = math.fsum(exp["example_losses"])
        if case["reduction"] in ("sum", "none"):
            assert abs(exp["loss_value"] - total) <= 1e-12 * max(1.0, abs(total)), case
        if case["reduction"] == "mean":
            assert abs(exp["loss_value"] - total / m) <= 1e-12 * max(1.0, abs(total)), case
        for i in range(m):
            ignored = "ignore_index" in case and case["labels"][i] == case["ignore_index"]
            masked = "mask" in case and not any(case["mask"][i])
            if ignored or masked:
                assert exp["example_losses"][i] == 0.0 and not any(exp["delta"][i]), case
        json.dumps(exp, allow_nan=False)


def write(cases, expected):
    with open(OUTPUT, "w") as out:
        out.write('{"generator": %s, "torch": %s,\n "cases": [\n'
                  % (json.dumps(GENERATOR), json.dumps(torch.__version__)))
        out.write(",\n".join("  " + json.dumps(c, allow_nan=False) for c in cases))
        out.write('\n ],\n "expected": [\n')
        out.write(",\n".join("  " + json.dumps(e, allow_nan=False) for e in expected))
        out.write("\n ]}\n")


if __name__ == "__main__":
    main()
