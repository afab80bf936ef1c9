#!/usr/bin/python3
"""Compare the controls of issue 10 with independent references.

Usage: check_controls.py PATH/TO/controls_driver PATH/TO/tools/verify_results.py [--verbose]

* paired t-test and Wilcoxon signed-rank: scipy.stats.ttest_rel / wilcoxon (scipy 1.10 defaults);
* permutation nulls, estimator floor, spectrum bootstrap: the Python replays of the seeded draws
  in tools/verify_results.py (the p-values and #extreme counts must agree EXACTLY, the null
  values to 1e-12), the tau values against scipy.stats.kendalltau;
* Miller-Madow: the corrected entropies written out with numpy (H + (m - 1) / 2n each);
* shared Freedman-Diaconis bins: numpy.histogram_bin_edges(bins='fd') and a lower median.
Fails listing every discrepancy.
"""
import importlib.util
import math
import sys
import warnings

import numpy as np
import scipy.stats

from driver_json import dec, enc, run_driver

warnings.simplefilter("ignore")  # scipy warns on zeros/ties/small samples on purpose
RNG = np.random.default_rng(20261202)
REL = 1e-9


def load_verify(path):
    spec = importlib.util.spec_from_file_location("verify_results", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Checker:
    def __init__(self, verbose):
        self.failures, self.counts, self.verbose = [], {}, verbose

    def close(self, what, ours, ref, tol=REL, kind="rel"):
        ours, ref = np.atleast_1d(dec(ours)).astype(float), np.atleast_1d(np.asarray(ref, dtype=float))
        self.counts[what] = self.counts.get(what, 0) + ref.size
        if ours.shape != ref.shape:
            self.failures.append(f"{what}: shape {ours.shape} vs {ref.shape}")
            return
        both_nan = np.isnan(ours) & np.isnan(ref)
        same_inf = np.isinf(ours) & np.isinf(ref) & (np.sign(ours) == np.sign(ref))
        with np.errstate(invalid="ignore"):
            diff = np.abs(ours - ref)
            if kind == "rel":
                diff = diff / np.maximum(np.abs(ref), 1e-300)
        diff[both_nan | same_inf] = 0
        diff[np.isnan(diff)] = np.inf
        if diff.max(initial=0) > tol:
            self.failures.append(f"{what}: discrepancy {diff.max():.3g} > {tol:g} ({ours[:4]} vs {ref[:4]})")

    def exact(self, what, ours, ref):
        self.counts[what] = self.counts.get(what, 0) + 1
        if isinstance(ref, float) and math.isnan(ref):
            ok = isinstance(ours, str) and ours == "nan"
        else:
            ok = ours == ref
        if not ok:
            self.failures.append(f"{what}: {ours!r} != {ref!r}")


# ---------------------------------------------------------------- case generators
def pair_data(texts, occurrences):
    distance, group = [], []
    for t in range(texts):
        pos = np.cumsum(RNG.integers(1, 12, occurrences))
        for i in range(occurrences):
            for j in range(i + 1, occurrences):
                distance.append(float(pos[j] - pos[i]))
                group.append(t)
    return distance, group


def permutation_cases():
    cases = []
    for texts, occ, kind in [(1, 7, "planted"), (3, 5, "random"), (2, 8, "ties"), (4, 4, "planted"), (1, 3, "random"),
                             (2, 6, "constant")]:
        distance, group = pair_data(texts, occ)
        n = len(distance)
        if kind == "planted":
            mi = 0.5 * np.exp(-np.array(distance) / 15) + RNG.normal(0, 0.02, n)
        elif kind == "ties":
            mi = np.round(RNG.normal(0, 1, n))
        elif kind == "constant":
            mi = np.full(n, 0.25)
        else:
            mi = RNG.normal(0, 1, n)
        cases.append({"fn": "kendall_perm", "distance": distance, "mi": enc(mi), "group": group, "permutations": 200,
                      "seed": int(RNG.integers(0, 2**63)), "stream": (0x5045524D << 32) | (1 << 24) | (3 << 8) | 1})
    for n, shift in [(1, 0.0), (2, 0.0), (21, 0.1), (21, 0.0), (70, 0.02), (130, 0.0)]:
        a, b = RNG.normal(0.3, 0.05, n), RNG.normal(0.3, 0.05, n)
        cases.append({"fn": "signflip_perm", "attn": enc(a + shift), "mlp": enc(b), "permutations": 300,
                      "seed": int(RNG.integers(0, 2**63)), "stream": (0x5045524D << 32) | (2 << 24) | (5 << 8)})
    cases.append({"fn": "signflip_perm", "attn": [0.3, 0.7, 0.5], "mlp": [0.2, 0.6, 0.4], "permutations": 300,
                  "seed": 1, "stream": 2})  # equal differences: ties in exact arithmetic
    return cases


def paired_data():
    out = []
    for n in [1, 2, 3, 5, 9, 10, 20, 33, 50, 51, 80]:
        a = RNG.normal(0, 1, n)
        out.append((a, a * 0.8 + RNG.normal(0.2, 0.5, n)))
    for n in [8, 25, 60]:  # ties in |d|
        out.append((np.round(RNG.normal(0, 2, n)), np.round(RNG.normal(0.3, 2, n))))
    a = RNG.normal(0, 1, 30)
    b = a.copy()
    b[:20] += RNG.normal(0, 1, 20)  # ten zero differences
    out.append((a, b))
    out.append((np.arange(12.0), np.arange(12.0) - 0.5))  # constant non-zero difference
    out.append((np.arange(6.0), np.arange(6.0)))          # all differences zero
    c = RNG.normal(0, 1, 40)
    out.append((c, c - np.tile([0.5, -0.5, 1.0, -1.0], 10)))  # |d| in two tie groups, symmetric
    return out


def floor_cases():
    cases = []
    for d, kind, bins, bias, est in [(800, "normal", "fd", "none", "hist"), (800, "laplace", "fd", "miller-madow", "hist"),
                                     (1600, "normal", "16", "miller-madow", "hist"), (400, "dep", "fd", "none", "hist"),
                                     (300, "normal", "fd", "none", "ksg"), (1, "normal", "fd", "none", "hist")]:
        if kind == "laplace":
            x, y = RNG.laplace(0, 1, d), RNG.laplace(0, 1, d)
        elif kind == "dep":
            x = RNG.normal(0, 1, d)
            y = 0.7 * x + RNG.normal(0, 0.7, d)
        else:
            x, y = RNG.normal(0, 1, d), RNG.normal(0, 1, d)
        cases.append({"fn": "pair_mi_floor", "x": enc(x), "y": enc(y), "bins": bins, "bias": bias, "estimator": est,
                      "z_trim": 4.0, "seed": int(RNG.integers(0, 2**63)), "layer": 7, "site": 1, "pair": 12})
    return cases


# ---------------------------------------------------------------- references
def check_permutation(c, r, v, chk):
    if c["fn"] == "kendall_perm":
        obs, null, extreme, p = v.kendall_permutation_null(dec(c["distance"]), dec(c["mi"]), c["group"],
                                                            c["permutations"], v.stream_state(c["seed"], c["stream"]))
        what = "Kendall permutation null"
    else:
        obs, null, extreme, p = v.site_difference_sign_flip_null(dec(c["attn"]), dec(c["mlp"]), c["permutations"],
                                                                 v.stream_state(c["seed"], c["stream"]))
        what = "sign-flip permutation null"
    chk.close(f"{what}: observed", r["observed"], obs, 1e-12)
    chk.close(f"{what}: null values", r["null"], null, 1e-12)
    chk.exact(f"{what}: #extreme", r["extreme"], int(extreme))
    chk.exact(f"{what}: p (exact)", r["p"], float(p))
    levels = r["bandLevels"]
    chk.close(f"{what}: null quantiles (numpy linear)", r["band"],
              np.quantile(null, levels) if len(null) else [math.nan] * len(levels), 1e-12, "abs")


def check_paired(a, b, rt, rw, chk):
    ref = scipy.stats.ttest_rel(a, b)
    chk.close("paired t-test: t", rt["t"], ref.statistic)
    chk.close("paired t-test: p", rt["p"], ref.pvalue)
    try:
        w = scipy.stats.wilcoxon(a, b)
        chk.close("Wilcoxon: statistic", rw["statistic"], w.statistic)
        chk.close("Wilcoxon: p", rw["p"], w.pvalue)
    except ValueError:  # all differences zero: scipy refuses, Laminar says undefined
        chk.exact("Wilcoxon: undefined where scipy refuses", rw["defined"], False)


def miller_madow_reference(x, y, b):
    """MI from Miller-Madow-corrected entropies, written out (not from the C++ formula)."""
    c, _, _ = np.histogram2d(x, y, bins=b)
    n = c.sum()

    def h(counts):
        p = counts[counts > 0] / n
        return -np.sum(p * np.log(p)) + (np.count_nonzero(counts) - 1) / (2 * n)

    return h(c.sum(axis=1)) + h(c.sum(axis=0)) - h(c.ravel())


def check_floor(c, r, v, chk):
    x, y = dec(c["x"]), dec(c["y"])
    if "error" in r:
        chk.exact("floor: error only when fewer than 2 samples", len(x) < 2, True)
        return
    xk, yk = v.trim(x, y, c["z_trim"], 0)
    if len(xk) < 2:  # MI undefined: no estimate and no floor
        chk.exact("floor: undefined below 2 samples", (r["mi"], r["floor"]), ("nan", "nan"))
        return
    state = v.stream_state(c["seed"], v.floor_stream(c["layer"], c["site"], c["pair"]))
    perm = v.seeded_permutation(len(yk), state)
    if c["estimator"] == "ksg":
        chk.close("floor: KSG estimate", r["mi"], v.ksg_mi(xk, yk, 3), 1e-6, "abs")
        chk.close("floor: KSG floor", r["floor"], v.ksg_mi(xk, yk[perm], 3), 1e-6, "abs")
        return
    b = v.fd_bins(np.concatenate([xk, yk])) if c["bins"] == "fd" else int(c["bins"])
    chk.exact("floor: bins", r["bins"], b)
    mm = c["bias"] == "miller-madow"
    est = miller_madow_reference(xk, yk, b) if mm else v.hist_mi(xk, yk, b)
    flo = miller_madow_reference(xk, yk[perm], b) if mm else v.mi_floor(xk, yk, b, state)
    chk.close("floor: estimate", r["mi"], est, 1e-9, "abs")
    chk.close("floor: uncorrected estimate", r["uncorrected"], v.hist_mi(xk, yk, b), 1e-9, "abs")
    chk.close("floor: floor", r["floor"], flo, 1e-9, "abs")
    if mm:
        chk.close("Miller-Madow bias (verify_results)", est, v.hist_mi(xk, yk, b) - v.miller_madow_bias(xk, yk, b),
                  1e-12, "abs")


def main(argv):
    driver, verify_path = argv[1], argv[2]
    v = load_verify(verify_path)
    chk = Checker("--verbose" in argv)
    cases = permutation_cases()
    paired = paired_data()
    for a, b in paired:
        cases += [{"fn": "ttest_rel", "a": enc(a), "b": enc(b)}, {"fn": "wilcoxon", "a": enc(a), "b": enc(b)}]
    cases += floor_cases()
    fd_inputs = []
    for _ in range(5):
        x, y = RNG.standard_t(3, 500), RNG.normal(0, 1, 500)
        fd_inputs.append((x, y))
        cases.append({"fn": "pair_fd", "x": enc(x), "y": enc(y), "z_trim": 4.0})
    shared_inputs = [list(RNG.integers(4, 65, k)) for k in (1, 2, 7, 42)]
    cases += [{"fn": "shared_fd", "bins": [int(b) for b in s]} for s in shared_inputs]
    spectra = []
    for n, d, centre in [(12, 8, False), (9, 5, True), (30, 16, False)]:
        x = RNG.normal(0, 1, (n, 3 * d)) + RNG.normal(0, 1, (1, 3 * d)) * 2  # shared direction: large |cos|
        if centre:
            x[:, 0] = 1.5  # a constant column: zero similarities after centring
        spectra.append((x, n, d, centre))
        cases.append({"fn": "spectrum", "x": enc(x.ravel()), "n": n, "d": d, "centre": centre, "replicates": 40,
                      "seed": int(RNG.integers(0, 2**63)), "stream": 77})

    results = run_driver(driver, cases)
    it = iter(zip(cases, results))
    for c, r in it:
        if c["fn"] in ("kendall_perm", "signflip_perm"):
            check_permutation(c, r, v, chk)
        elif c["fn"] == "ttest_rel":
            c2, r2 = next(it)
            check_paired(dec(c["a"]), dec(c["b"]), r, r2, chk)
        elif c["fn"] == "pair_mi_floor":
            check_floor(c, r, v, chk)
        elif c["fn"] == "pair_fd":
            xk, yk = v.trim(dec(c["x"]), dec(c["y"]), 4.0, 0)
            chk.exact("pair Freedman-Diaconis bins", r["value"], v.fd_bins(np.concatenate([xk, yk])))
        elif c["fn"] == "shared_fd":
            chk.exact("shared Freedman-Diaconis bins", r["value"], int(np.sort(c["bins"])[(len(c["bins"]) - 1) // 2]))
            chk.exact("shared bins (verify_results)", r["value"], v.shared_fd_bins(c["bins"]))
        elif c["fn"] == "spectrum":
            x = np.array(dec(c["x"])).reshape(c["n"], 3 * c["d"])
            ref = v.spectrum_summary(x, c["d"], 0.8, 0.2, c["centre"], c["replicates"], 0.95,
                                     v.stream_state(c["seed"], c["stream"]))
            for (name, high, low), got in zip(ref, r["blocks"]):
                chk.close(f"spectrum mass |cos| > 0.8 ({'corr' if c['centre'] else 'cos'})", got[0], high, 1e-12)
                chk.close(f"spectrum mass |cos| < 0.2 ({'corr' if c['centre'] else 'cos'})", got[1], low, 1e-12)
                for m in got:  # value, lower, upper, se, bias: the interval holds the point estimate
                    chk.exact("spectrum interval contains its mass", m[1] <= m[0] <= m[2], True)
            # the masses themselves, straight from the definition
            xn = v.unit_columns(x, c["centre"])
            q = xn[:, :c["d"]].T @ xn[:, :c["d"]]
            vals = np.abs(np.clip(q[np.triu_indices(c["d"], 1)], -1, 1))
            chk.close("spectrum mass QQ from the definition", [r["blocks"][0][0][0], r["blocks"][0][1][0]],
                      [np.mean(vals > 0.8), np.mean(vals < 0.2)], 1e-12)
    for what, n in chk.counts.items():
        print(f"{what:60s} {n:6d} values")
    if chk.failures:
        print("\nFAILED:", *chk.failures, sep="\n  ")
        return 1
    print("all controls agree with their references")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
