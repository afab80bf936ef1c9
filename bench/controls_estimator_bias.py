#!/usr/bin/python3
"""How each histogram-MI option treats two sites whose samples differ only in shape.

usage: /usr/bin/python3 bench/controls_estimator_bias.py [--reps 200] [--n 1600]

Not a test: prints the table of docs/controls.md. Two "sites" get paired samples of n
dimensions with the SAME dependence and different marginals: Gaussian (like attention
outputs) and Laplace (heavier tails, like MLP outputs). Independent samples (true MI 0) and a
Gaussian copula with rho = 0.5 (true MI = -0.5 ln(1 - rho^2) = 0.1438 nats for both: MI does
not change under the monotone map to Laplace marginals). Each option's estimate per site and
the site gap (Laplace - Gaussian) show whether an attention-vs-MLP comparison would measure
the dependence or the estimator. The pipeline's z-trimming (|z| > 4) is applied first.
Computed with tools/verify_results.py's numpy functions, which agree with Laminar's C++ to
1e-9 (tests/stats/check_controls.py).
"""
import argparse
import importlib.util
import math
from pathlib import Path

import numpy as np
from scipy import stats

spec = importlib.util.spec_from_file_location("verify_results", Path(__file__).parent.parent / "tools/verify_results.py")
v = importlib.util.module_from_spec(spec)
spec.loader.exec_module(v)

RHO = 0.5
TRUE_MI = -0.5 * math.log(1 - RHO * RHO)


def sample(rng, n, marginal, rho):
    z1 = rng.standard_normal(n)
    z2 = rho * z1 + math.sqrt(1 - rho * rho) * rng.standard_normal(n)
    if marginal == "laplace":  # Gaussian copula, Laplace marginals
        return stats.laplace.ppf(stats.norm.cdf(z1)), stats.laplace.ppf(stats.norm.cdf(z2))
    return z1, z2


def estimates(x, y, b, state):
    plug = v.hist_mi(x, y, b)
    return {"plug": plug, "mm": plug - v.miller_madow_bias(x, y, b), "floor": plug - v.mi_floor(x, y, b, state)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--n", type=int, default=1600)
    a = ap.parse_args()
    rng = np.random.default_rng(20261202)
    rows = {}
    for rho in (0.0, RHO):
        for rep in range(a.reps):
            kept, fd = {}, {}
            for m in ("gauss", "laplace"):
                x, y = sample(rng, a.n, m, rho)
                kept[m] = v.trim(x, y, 4.0, 0)
                fd[m] = v.fd_bins(np.concatenate(kept[m]))
            shared = v.shared_fd_bins(list(fd.values()))  # a layer of one pair per site
            for m in ("gauss", "laplace"):
                x, y = kept[m]
                state = v.stream_state(rep, v.floor_stream(0, 0 if m == "gauss" else 1, 0))
                for label, b in (("fd", fd[m]), ("fixed16", 16), ("shared-fd", shared)):
                    for kind, value in estimates(x, y, b, state).items():
                        rows.setdefault((rho, label, kind, m), []).append(value)
                rows.setdefault((rho, "fd", "bins", m), []).append(fd[m])
    print(f"n = {a.n}, {a.reps} repetitions per cell; true MI 0 and {TRUE_MI:.4f} nats")
    print(f"{'rho':>4} {'bins':>10} {'estimate':>14} {'Gaussian':>16} {'Laplace':>16} {'gap L-G':>16}")
    for rho in (0.0, RHO):
        print(f"{rho:4.1f} {'fd':>10} {'B chosen':>14} {np.mean(rows[(rho, 'fd', 'bins', 'gauss')]):16.1f} "
              f"{np.mean(rows[(rho, 'fd', 'bins', 'laplace')]):16.1f}")
        for label in ("fd", "fixed16", "shared-fd"):
            for kind, name in (("plug", "plug-in"), ("mm", "Miller-Madow"), ("floor", "minus floor")):
                g, l = np.array(rows[(rho, label, kind, "gauss")]), np.array(rows[(rho, label, kind, "laplace")])
                gap = l - g
                print(f"{rho:4.1f} {label:>10} {name:>14} {g.mean():8.4f} ({g.std():.3f}) {l.mean():8.4f} ({l.std():.3f}) "
                      f"{gap.mean():8.4f} ({gap.std() / math.sqrt(gap.size):.4f})")


if __name__ == "__main__":
    main()
