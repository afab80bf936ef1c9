#!/usr/bin/python3
"""Compare laminar::stats with scipy / statsmodels / scikit-learn / numpy on many inputs.

Usage: check_against_references.py PATH/TO/stats_driver [--verbose]

Generates cases with a fixed seed (random, ties, constant vectors, n = 2, small n for the
exact Kendall p, large n, NaN), runs them all through the C++ driver in one process,
computes the reference values here and fails listing the worst discrepancies per function.
Tolerances are those of ../../shared/analysis-spec.md: relative 1e-6 for tau / p / t /
Bonferroni / BH / normal and t distributions (and the Theil-Sen line of the MI-vs-distance
view), 1e-9 for histogram MI against a direct numpy implementation of the definition, 1e-6
absolute for KSG against sklearn's _compute_mi_cc.
"""
import json
import math
import sys
import warnings
from collections import defaultdict

import numpy as np
import scipy
import scipy.special
import scipy.stats
from scipy.stats import _mstats_basic
from sklearn.feature_selection._mutual_info import _compute_mi_cc
from sklearn.preprocessing import scale
from statsmodels.stats.multitest import multipletests

from driver_json import dec, enc, run_driver

warnings.simplefilter("ignore")  # scipy/numpy warn on the NaN and constant cases on purpose
RNG = np.random.default_rng(20240611)
REL = 1e-6
HIST_TOL = 1e-9
KSG_ABS = 1e-6


# ---------------------------------------------------------------- data generators
def vec(n, kind):
    if kind == "normal":
        return RNG.standard_normal(n)
    if kind == "ties":  # few distinct values
        return np.round(RNG.standard_normal(n) * 2) / 2
    if kind == "ints":
        return RNG.integers(0, max(2, n // 3), n).astype(float)
    if kind == "heavy":  # outliers for z-trimming
        return RNG.standard_t(2, n)
    if kind == "scaled":
        return RNG.standard_normal(n) * 1e6 + 3e7
    if kind == "tiny":
        return RNG.standard_normal(n) * 1e-8
    if kind == "constant":
        return np.full(n, 1.25)
    raise ValueError(kind)


def paired(n, kind, rho=0.6):
    x = vec(n, kind)
    y = rho * x + math.sqrt(1 - rho * rho) * vec(n, kind if kind != "constant" else "normal")
    if kind in ("ties", "ints"):
        y = np.round(y)
    return x, y


KINDS = ["normal", "ties", "ints", "heavy", "scaled", "tiny", "constant"]


# ---------------------------------------------------------------- references
def ref_kendall(c):
    res = scipy.stats.kendalltau(np.array(c["x"], float), np.array(c["y"], float))
    return {"tau": float(res.statistic), "p": float(res.pvalue)}


def ref_ttest(c):
    res = scipy.stats.ttest_ind(np.array(c["a"], float), np.array(c["b"], float),
                                equal_var=c["kind"] == "student")
    return {"t": float(res.statistic), "p": float(res.pvalue)}


def ref_multitest(c, method):
    p = np.array(c["p"], float)
    alpha = c.get("alpha", 0.05)
    reject, adjusted, _, _ = multipletests(p, alpha=alpha, method=method)
    return {"adjusted": adjusted, "reject": reject.astype(int)}


def ref_fisher(c):
    z = (np.arctanh(c["r1"]) - np.arctanh(c["r2"])) / np.sqrt(2.0 / (c["n"] - 3))
    return {"z": float(z), "p": float(2 * scipy.stats.norm.sf(abs(z)))}


def ref_fd_bins(values):
    return len(np.histogram_bin_edges(np.asarray(values, float), bins="fd")) - 1


def ref_hist_mi(x, y, bins):
    """The definition, written directly with numpy (histogram2d, natural log)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    if bins == 0:
        bins = int(np.clip(ref_fd_bins(np.concatenate([x, y])), 4, 64))
    h, _, _ = np.histogram2d(x, y, bins=bins)
    pxy = h / h.sum()
    px = pxy.sum(axis=1)
    py = pxy.sum(axis=0)
    nz = pxy > 0
    mi = float(np.sum(pxy[nz] * np.log(pxy[nz] / np.outer(px, py)[nz])))
    return mi, bins


def ref_ksg(x, y, k):
    """sklearn mutual_info_regression's scaling, then its estimator without the noise."""
    xs = scale(np.asarray(x, float), with_mean=False)
    ys = scale(np.asarray(y, float), with_mean=False)
    return float(_compute_mi_cc(xs, ys, k))


def ref_trim(x, y, threshold, ddof=0):
    x, y = np.asarray(x, float), np.asarray(y, float)
    if threshold == 0:
        return np.ones(len(x), bool)
    zx = scipy.stats.zscore(x, ddof=ddof)
    zy = scipy.stats.zscore(y, ddof=ddof)
    zx = np.where(np.isnan(zx), 0.0, zx)  # laminar: a constant vector has z = 0 (documented)
    zy = np.where(np.isnan(zy), 0.0, zy)
    return ~((np.abs(zx) > threshold) | (np.abs(zy) > threshold))


# ---------------------------------------------------------------- case generation
cases = []  # (case dict for the driver, checker(result) -> list of (metric, discrepancy, ok, note))


def add(case, check):
    cases.append((case, check))


# Element-wise comparisons use zip(..., strict=True): a result shorter than the reference (or
# empty) raises, and main() counts a raising checker as a failure, never as "no discrepancy".
def rel_diff(a, b):
    """Relative difference; both NaN counts as equal, both equal infinities too."""
    a, b = float(a), float(b)
    if math.isnan(a) and math.isnan(b):
        return 0.0
    if math.isnan(a) or math.isnan(b):
        return math.inf
    if a == b:
        return 0.0
    if b == 0:
        return abs(a) / 1e-300
    return abs(a - b) / abs(b)


def expect_error(name):
    def check(r, ref_note=""):
        ok = "error" in r
        return [(name + " (error expected)", 0.0 if ok else math.inf, ok,
                 r.get("error", "no error: " + json.dumps(r)[:120]))]
    return check


# --- pairwise sum / mean / var must equal numpy's bits (z-trimming decisions depend on them)
for n in [0, 1, 5, 7, 8, 9, 16, 100, 127, 128, 129, 255, 256, 1000, 1600, 3200]:
    x = RNG.standard_normal(n) * 10 ** RNG.uniform(-3, 3)
    add({"fn": "sum", "x": enc(x)},
        lambda r, x=x: [("numpy sum (bits)", rel_diff(dec(r["value"]), np.sum(x)),
                         dec(r["value"]) == np.sum(x), "")])
    if n > 1:
        add({"fn": "mean", "x": enc(x)},
            lambda r, x=x: [("numpy mean (bits)", rel_diff(dec(r["value"]), np.mean(x)),
                             dec(r["value"]) == np.mean(x), "")])
        for ddof in (0, 1):
            add({"fn": "var", "x": enc(x), "ddof": ddof},
                lambda r, x=x, ddof=ddof: [("numpy var (bits)", rel_diff(dec(r["value"]), np.var(x, ddof=ddof)),
                                            dec(r["value"]) == np.var(x, ddof=ddof), "")])
add({"fn": "mean", "x": []}, expect_error("mean of empty"))
add({"fn": "var", "x": [1.0], "ddof": 1}, expect_error("var ddof=1 of one value"))

# --- z-scores and trimming
for kind in KINDS:
    for n in [2, 3, 50, 1600]:
        for ddof in (0, 1):
            x = vec(n, kind)

            def check_z(r, x=x, ddof=ddof):
                ref = scipy.stats.zscore(x, ddof=ddof)
                ref = np.where(np.isnan(ref), 0.0, ref)  # documented: constant -> 0
                ours = dec(r["value"])
                worst = max(abs(a - b) for a, b in zip(ours, ref, strict=True))
                return [("zscore (abs)", worst, worst <= 1e-12, "")]
            add({"fn": "zscore", "x": enc(x), "ddof": ddof}, check_z)
for kind in KINDS:
    for threshold in [0, 1.0, 2.0, 3.0, 4.0]:
        x, y = paired(1600, kind)
        if kind == "heavy":
            y = vec(1600, "heavy")

        def check_trim(r, x=x, y=y, threshold=threshold):
            ref = ref_trim(x, y, threshold)
            diff = int(np.sum(np.array(r["keep"], bool) != ref))
            return [("z-trim mask (mismatches)", float(diff), diff == 0, "")]
        add({"fn": "ztrim", "x": enc(x), "y": enc(y), "threshold": threshold}, check_trim)
add({"fn": "zscore", "x": enc([1.0, float("nan"), 2.0])}, expect_error("zscore NaN"))
add({"fn": "ztrim", "x": [1.0, 2.0], "y": [1.0, 2.0], "threshold": -1}, expect_error("ztrim negative"))

# --- distributions
zs = np.concatenate([np.linspace(-40, 40, 401), RNG.standard_normal(200) * 5, [0.0, 1e-12, -1e-12, 37.5, -37.5]])
for which, ref in [("norm_cdf", scipy.stats.norm.cdf), ("norm_sf", scipy.stats.norm.sf),
                   ("norm_p2", lambda v: 2 * scipy.stats.norm.sf(np.abs(v)))]:
    def check_dist(r, which=which, ref=ref):
        ours, expected = dec(r["value"]), ref(zs)
        worst = max(rel_diff(a, b) for a, b in zip(ours, expected, strict=True))
        return [(which, worst, worst <= REL, "")]
    add({"fn": "dist", "which": which, "x": enc(zs)}, check_dist)
ts = np.concatenate([np.linspace(-60, 60, 241), RNG.standard_normal(100) * 4])
for df in [0.5, 1, 2, 3.7, 10, 38, 94, 1000, 1e6]:
    for which, ref in [("t_cdf", lambda v, df=df: scipy.stats.t.cdf(v, df)),
                       ("t_sf", lambda v, df=df: scipy.stats.t.sf(v, df)),
                       ("t_p2", lambda v, df=df: scipy.special.stdtr(df, -np.abs(v)) * 2)]:
        def check_t(r, which=which, ref=ref):
            ours, expected = dec(r["value"]), ref(ts)
            # below ~1e-300 both libraries lose relative precision (subnormals)
            worst = max(rel_diff(a, b) for a, b in zip(ours, expected, strict=True) if abs(b) > 1e-290 or a == b)
            return [(which, worst, worst <= REL, "")]
        add({"fn": "dist", "which": which, "x": enc(ts), "df": df}, check_t)
ds = np.concatenate([np.arange(1, 3300, dtype=float), [0.5, 1e-3, 7.25, 1e6]])
add({"fn": "dist", "which": "digamma", "x": enc(ds)},
    lambda r: [("digamma", max(rel_diff(a, b) for a, b in zip(dec(r["value"]), scipy.special.digamma(ds), strict=True)),
                max(rel_diff(a, b) for a, b in zip(dec(r["value"]), scipy.special.digamma(ds), strict=True)) <= 1e-12, "")])
add({"fn": "dist", "which": "t_cdf", "x": [1.0], "df": 0}, expect_error("t df=0"))
add({"fn": "dist", "which": "norm_cdf", "x": ["nan"]}, expect_error("norm NaN"))


# --- Kendall tau-b
def kendall_check(c):
    def check(r):
        ref = ref_kendall(c)
        if "error" in r:
            return [("kendall", math.inf, False, r["error"])]
        if math.isnan(ref["tau"]):  # scipy: undefined -> we must flag it, not invent a value
            ok = (not r["defined"]) and dec(r["tau"]) != dec(r["tau"])
            return [("kendall undefined flag", 0.0 if ok else math.inf, ok, r.get("reason", ""))]
        out = [("kendall tau", rel_diff(dec(r["tau"]), ref["tau"]), None, ""),
               ("kendall p (exact)" if r["exact"] else "kendall p (normal)",
                rel_diff(dec(r["p"]), ref["p"]), None, "")]
        return [(m, d, d <= REL and r["defined"], note) for m, d, _, note in out]
    return check


for n in list(range(2, 41)) + [50, 100, 333, 1000, 1600]:
    for kind in ["normal", "ties", "ints"] if n > 2 else ["normal"]:
        for rho in [0.0, 0.5, -0.9]:
            x, y = paired(n, kind, rho)
            c = {"fn": "kendall", "x": enc(x), "y": enc(y)}
            add(c, kendall_check(c))
for n in [34, 40, 100, 300, 1600]:  # min(dis, con) <= 1 with n > 33: exact rule for large n
    x = np.arange(n, dtype=float)
    for y in [x.copy(), x[::-1].copy(), np.r_[x[1], x[0], x[2:]], np.r_[x[:-2], x[-1], x[-2]][::-1]]:
        c = {"fn": "kendall", "x": enc(x), "y": enc(y)}
        add(c, kendall_check(c))
# analysis-shaped: 21 pair distances (tied integers) vs MI values
for trial in range(20):
    pos = np.sort(RNG.choice(200, 7, replace=False))
    dist = np.array([pos[j] - pos[i] for i in range(7) for j in range(i + 1, 7)], float)
    mi = -0.01 * dist + RNG.standard_normal(21) * 0.3
    c = {"fn": "kendall", "x": enc(dist), "y": enc(mi)}
    add(c, kendall_check(c))
for x, y in [([1, 1, 1], [1, 2, 3]), ([1, 2, 3], [5, 5, 5]), ([1, 2], [3, 4]), ([1, 2], [4, 3]),
             ([1, 1], [3, 4]), ([7.0], [1.0]), ([], []), ([1, 2, 2, 3], [1, 2, 2, 3]),
             ([0.0, -0.0, 1.0], [1.0, 2.0, 3.0])]:
    c = {"fn": "kendall", "x": enc(x), "y": enc(y)}
    add(c, kendall_check(c))
add({"fn": "kendall", "x": [1.0, "nan", 3.0], "y": [1.0, 2.0, 3.0]}, expect_error("kendall NaN x"))
add({"fn": "kendall", "x": [1.0, 2.0, 3.0], "y": [1.0, "inf", 3.0]}, expect_error("kendall inf y"))
add({"fn": "kendall", "x": [1.0, 2.0, 3.0], "y": [1.0, 2.0]}, expect_error("kendall length mismatch"))
# the exact distribution directly, every c for small n and samples for large n (n >= 171
# takes scipy's scaled recurrence)
exact_cases = [(n, c) for n in range(1, 15) for c in range(0, n * (n - 1) // 2 + 1)]
exact_cases += [(n, int(c)) for n in [20, 33, 34, 50, 60] for c in RNG.integers(0, n * (n - 1) // 2 + 1, 12)]
exact_cases += [(n, c) for n in [170, 171, 172, 200] for c in [0, 1, 2, 3, 17, 100]]
for n, cc in exact_cases:
    def check_exact(r, n=n, cc=cc):
        ref = float(_mstats_basic._kendall_p_exact(n, cc, "two-sided"))
        d = rel_diff(dec(r["value"]), ref)
        return [("kendall exact p (direct)", d, d <= REL, f"n={n} c={cc}")]
    add({"fn": "kendall_exact_p", "n": n, "c": cc}, check_exact)


# --- Pearson and Spearman (experiment 2's agreement of the two MI estimators), ties included
def correlation_check(c):
    def check(r):
        if "error" in r:
            return [("correlation", math.inf, False, r["error"])]
        x, y = np.array(c["x"], float), np.array(c["y"], float)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # scipy warns on constant input and returns NaN, as we must
            ref = {"pearson r": float(scipy.stats.pearsonr(x, y)[0]), "spearman rho": float(scipy.stats.spearmanr(x, y)[0])}
        out = []
        for name, got in [("pearson r", r["pearson"]), ("spearman rho", r["spearman"])]:
            d = rel_diff(dec(got), ref[name])
            out.append((name, d, d <= REL, ""))
        return out
    return check


for n in [2, 3, 5, 10, 21, 100, 1000]:
    for kind in KINDS:
        for rho in [0.0, 0.6, -0.9]:
            x, y = paired(n, kind, rho)
            c = {"fn": "correlation", "x": enc(x), "y": enc(y)}
            add(c, correlation_check(c))
for x, y in [([1, 2, 2, 3], [1, 1, 2, 2]), ([3, 1, 2, 2, 2], [5, 4, 4, 1, 0]), ([0.0, -0.0, 1.0], [1.0, 2.0, 2.0])]:
    c = {"fn": "correlation", "x": enc(x), "y": enc(y)}
    add(c, correlation_check(c))
add({"fn": "correlation", "x": [1.0, 2.0, 3.0], "y": [1.0, 2.0]}, expect_error("correlation length mismatch"))
add({"fn": "correlation", "x": [1.0, "nan", 3.0], "y": [1.0, 2.0, 3.0]}, expect_error("correlation NaN x"))


# --- t-tests
def ttest_check(c):
    def check(r):
        ref = ref_ttest(c)
        if "error" in r:
            return [("ttest " + c["kind"], math.inf, False, r["error"])]
        if math.isnan(ref["t"]):
            ok = not r["defined"]
            return [("ttest undefined flag", 0.0 if ok else math.inf, ok, r.get("reason", ""))]
        dt, dp = rel_diff(dec(r["t"]), ref["t"]), rel_diff(dec(r["p"]), ref["p"])
        return [("ttest t " + c["kind"], dt, dt <= REL and r["defined"], ""),
                ("ttest p " + c["kind"], dp, dp <= REL and r["defined"], "")]
    return check


for kind in ["student", "welch"]:
    for na, nb in [(2, 2), (2, 3), (3, 7), (10, 10), (21, 21), (21, 15), (100, 40), (1000, 1600)]:
        for shift in [0.0, 0.3, 2.0, 30.0]:
            for spread in [1.0, 5.0]:
                a = RNG.standard_normal(na)
                b = RNG.standard_normal(nb) * spread + shift
                c = {"fn": "ttest", "a": enc(a), "b": enc(b), "kind": kind}
                add(c, ttest_check(c))
    for a, b in [([1, 1, 1], [1, 1, 1]), ([1, 1, 1], [2, 2, 2]), ([1, 1, 1], [1, 2, 3]),
                 ([1.0], [1, 2, 3]), ([1, 2, 3], [4.0]), ([0.1, 0.1, 0.1, 0.1], [0.3, 0.2, 0.1])]:
        c = {"fn": "ttest", "a": enc(a), "b": enc(b), "kind": kind}
        add(c, ttest_check(c))
    add({"fn": "ttest", "a": [1.0, "nan"], "b": [1.0, 2.0], "kind": kind}, expect_error("ttest NaN"))
add({"fn": "ttest", "a": [1.0, 2.0], "b": [1.0, 2.0], "kind": "pooled"}, expect_error("ttest bad kind"))


# --- Bonferroni and Benjamini-Hochberg
def multitest_check(c, method, label):
    def check(r):
        ref = ref_multitest(c, method)
        if "error" in r:
            return [(label, math.inf, False, r["error"])]
        d = max(rel_diff(a, b) for a, b in zip(dec(r["adjusted"]), ref["adjusted"], strict=True))
        mism = int(np.sum(np.array(r["reject"]) != ref["reject"]))
        return [(label + " adjusted p", d, d <= REL, ""), (label + " mask (mismatches)", float(mism), mism == 0, "")]
    return check


p_sets = [RNG.uniform(0, 1, m) for m in [1, 2, 5, 12, 48, 48, 200]]
p_sets += [RNG.uniform(0, 0.01, 48), RNG.uniform(0, 0.1, 48) ** 3, 10.0 ** -RNG.uniform(0, 20, 48)]
p_sets += [np.full(48, 0.03), np.full(10, 1.0), np.full(5, 0.0), np.array([0.01, 0.01, 0.04, 0.04, 0.5]),
           np.array([0.05, 0.025, 0.0125]), np.array([0.001, 0.001, 0.001, 0.9])]
for p in p_sets:
    for alpha in [0.05, 0.01, 0.2]:
        c = {"fn": "bonferroni", "p": enc(p), "alpha": alpha}
        add(c, multitest_check(c, "bonferroni", "bonferroni"))
        c = {"fn": "bh", "p": enc(p), "alpha": alpha}
        add(c, multitest_check(c, "fdr_bh", "BH"))
for fn in ["bonferroni", "bh"]:
    add({"fn": fn, "p": [0.1, 1.5]}, expect_error(fn + " p > 1"))
    add({"fn": fn, "p": [0.1, -0.5]}, expect_error(fn + " p < 0"))
    add({"fn": fn, "p": [0.1, 0.2], "alpha": 0}, expect_error(fn + " alpha 0"))


# NaN p-values (undefined tests) count as tests and weigh like p = 1 (documented; statsmodels
# has no rule): compare with statsmodels on the NaN -> 1 substituted input, defined entries.
def nan_multitest_check(p, method, label):
    def check(r):
        keep = ~np.isnan(p)
        reject, adjusted, _, _ = multipletests(np.where(keep, p, 1.0), method=method)
        reject, adjusted = reject[keep], adjusted[keep]
        ours = dec(r["adjusted"])
        ok = bool(np.all(np.isnan(ours[~keep]))) and not any(np.array(r["reject"])[~keep])
        d = max(rel_diff(a, b) for a, b in zip(ours[keep], adjusted, strict=True))
        mism = int(np.sum(np.array(r["reject"])[keep] != reject))
        return [(label + " with NaN entries", d, ok and d <= REL and mism == 0 and r["tests"] == len(p), "")]
    return check


for p_nan in [np.array([0.001, np.nan, 0.02, 0.04, np.nan, 0.3]), np.array([np.nan, 0.01]),
              np.where(RNG.uniform(0, 1, 48) < 0.2, np.nan, RNG.uniform(0, 0.05, 48))]:
    add({"fn": "bonferroni", "p": enc(p_nan)}, nan_multitest_check(p_nan, "bonferroni", "bonferroni"))
    add({"fn": "bh", "p": enc(p_nan)}, nan_multitest_check(p_nan, "fdr_bh", "BH"))

# --- Fisher Z
for r1, r2, n in [(0.5, -0.5, 21), (-0.3, -0.6, 21), (0.0, 0.0, 10), (0.99, 0.1, 100), (-0.7, 0.2, 4),
                  *[(float(a), float(b), int(m)) for a, b, m in
                    zip(RNG.uniform(-0.99, 0.99, 40), RNG.uniform(-0.99, 0.99, 40), RNG.integers(4, 2000, 40))]]:
    c = {"fn": "fisher_z", "r1": r1, "r2": r2, "n": n}

    def check_f(r, c=c):
        ref = ref_fisher(c)
        dz, dp = rel_diff(dec(r["z"]), ref["z"]), rel_diff(dec(r["p"]), ref["p"])
        return [("fisher z", dz, dz <= REL, ""), ("fisher p", dp, dp <= REL, "")]
    add(c, check_f)
for r1, r2, n, should_define in [(0.5, 0.1, 3, False), (0.5, 0.1, 2, False), ("nan", 0.1, 21, False),
                                 (1.0, 1.0, 21, False), (1.0, 0.2, 21, True), (-1.0, 0.2, 21, True)]:
    def check_fu(r, should_define=should_define, r1=r1):
        ok = r.get("defined") == should_define
        if should_define:
            ok = ok and dec(r["p"]) == 0.0 and (dec(r["z"]) > 0) == (r1 == 1.0)
        return [("fisher z edge cases", 0.0 if ok else math.inf, ok, json.dumps(r))]
    add({"fn": "fisher_z", "r1": r1, "r2": r2, "n": n}, check_fu)
add({"fn": "fisher_z", "r1": 1.5, "r2": 0.1, "n": 21}, expect_error("fisher r out of range"))

# --- Freedman-Diaconis bin count (numpy.histogram_bin_edges 'fd')
for kind in KINDS:
    for n in [1, 2, 3, 4, 5, 10, 99, 1600, 3200]:
        x = vec(n, kind)
        add({"fn": "fd_bins", "x": enc(x)},
            lambda r, x=x: [("FD bin count (mismatches)", float(r["value"] != ref_fd_bins(x)),
                             r["value"] == ref_fd_bins(x), f"ours {r['value']} numpy {ref_fd_bins(x)}")])

# --- histogram MI
for kind in KINDS:
    for n in [2, 3, 10, 200, 1600]:
        for bins in [0, 1, 4, 7, 64]:
            x, y = paired(n, kind)

            def check_h(r, x=x, y=y, bins=bins):
                ref, rb = ref_hist_mi(x, y, bins)
                d = abs(dec(r["mi"]) - ref)
                return [("histogram MI", d, d <= HIST_TOL and r["bins"] == rb, f"bins ours {r['bins']} ref {rb}")]
            add({"fn": "hist_mi", "x": enc(x), "y": enc(y), "bins": bins}, check_h)
add({"fn": "hist_mi", "x": [1.0], "y": [2.0]},
    lambda r: [("histogram MI n=1 undefined", 0.0 if not r["defined"] else math.inf, not r["defined"], r["reason"])])
add({"fn": "hist_mi", "x": [1.0, "nan"], "y": [2.0, 3.0]}, expect_error("hist NaN"))

# --- KSG MI
for kind in KINDS:
    for n in [4, 5, 10, 100, 1600]:
        for k in [1, 3, 5]:
            if n <= k or (n == 1600 and k != 3):
                continue
            x, y = paired(n, kind)

            def check_k(r, x=x, y=y, k=k):
                ref = ref_ksg(x, y, k)
                d = abs(dec(r["mi"]) - ref)
                return [("KSG MI", d, d <= KSG_ABS, "")]
            add({"fn": "ksg", "x": enc(x), "y": enc(y), "k": k}, check_k)
for rho in [0.0, 0.3, 0.9, 0.999]:
    x, y = paired(1600, "normal", rho)
    add({"fn": "ksg", "x": enc(x), "y": enc(y), "k": 3},
        lambda r, x=x, y=y: [("KSG MI", abs(dec(r["mi"]) - ref_ksg(x, y, 3)),
                              abs(dec(r["mi"]) - ref_ksg(x, y, 3)) <= KSG_ABS, "")])
add({"fn": "ksg", "x": [1.0, 2.0, 3.0], "y": [1.0, 2.0, 4.0], "k": 3},
    lambda r: [("KSG n<=k undefined", 0.0 if not r["defined"] else math.inf, not r["defined"], r["reason"])])
add({"fn": "ksg", "x": [1.0, 2.0, 3.0, 4.0, 5.0], "y": [1.0, 2.0, "inf", 4.0, 5.0]}, expect_error("ksg inf"))

# --- full pair MI (trim + estimator), GPT-2-XL-like activation vectors with outliers
for estimator in ["hist", "ksg"]:
    for z_trim in [0, 2.5, 4.0]:
        for bins in (["fd", "16"] if estimator == "hist" else ["fd"]):
            vi = RNG.standard_t(3, 1600)
            vj = 0.5 * vi + RNG.standard_t(3, 1600)
            vi[RNG.integers(0, 1600, 3)] *= 40  # GPT-2's massive activation dimensions

            def check_p(r, vi=vi, vj=vj, z_trim=z_trim, bins=bins, estimator=estimator):
                keep = ref_trim(vi, vj, z_trim)
                x, y = vi[keep], vj[keep]
                if estimator == "hist":
                    ref, _ = ref_hist_mi(x, y, 0 if bins == "fd" else int(bins))
                    tol = HIST_TOL
                else:
                    ref, tol = ref_ksg(x, y, 3), KSG_ABS
                d = abs(dec(r["mi"]) - ref)
                return [(f"pair MI {estimator}", d, d <= tol and r["samples"] == keep.sum(), "")]
            add({"fn": "pair_mi", "x": enc(vi), "y": enc(vj), "estimator": estimator, "bins": bins,
                 "z_trim": z_trim}, check_p)
add({"fn": "pair_mi", "x": [1.0, 2.0], "y": [1.0, 2.0], "estimator": "kde"}, expect_error("pair MI bad estimator"))
add({"fn": "pair_mi", "x": [1.0, 2.0], "y": [1.0, 2.0], "bins": "many"}, expect_error("pair MI bad bins"))


# --- median (the Theil-Sen line's and the logit lens's rank median): numpy's
for n in [1, 2, 3, 4, 7, 10, 21, 100]:
    for kind in ["normal", "ties", "ints"]:
        x = vec(n, kind)
        add({"fn": "median", "x": enc(x)},
            lambda r, x=x: [("median", rel_diff(dec(r["value"]), np.median(x)), rel_diff(dec(r["value"]), np.median(x)) == 0.0, "")])
add({"fn": "median", "x": []}, lambda r: [("median of nothing", 0.0 if math.isnan(dec(r["value"])) else math.inf,
                                             math.isnan(dec(r["value"])), "")])


# --- Theil-Sen line (the MI-vs-distance view's trend): scipy on the finite points
def theil_sen_check(x, y):
    def check(r):
        keep = np.isfinite(x) & np.isfinite(y)
        xs, ys = x[keep], y[keep]
        if len(np.unique(xs)) < 2:  # scipy raises: there is no line
            ok = not r["defined"] and math.isnan(dec(r["slope"])) and math.isnan(dec(r["intercept"]))
            return [("theil-sen undefined flag", 0.0 if ok else math.inf, ok, "")]
        ref = scipy.stats.theilslopes(ys, xs, method="joint")
        d = max(rel_diff(dec(r["slope"]), ref.slope), rel_diff(dec(r["intercept"]), ref.intercept))
        return [("theil-sen slope, intercept", d, d <= REL and r["defined"], f"n={len(xs)}")]
    return check


for n in [2, 3, 4, 5, 8, 21, 50, 200]:
    for kind in ["normal", "ties", "ints"] if n > 2 else ["normal"]:
        for rho in [0.0, 0.5, -0.9]:
            x, y = paired(n, kind, rho)
            add({"fn": "theil_sen", "x": enc(x), "y": enc(y)}, theil_sen_check(x, y))
for trial in range(20):  # analysis-shaped: tied integer distances, MI falling with distance, NaN pairs
    pos = np.sort(RNG.choice(200, 7, replace=False))
    dist = np.array([pos[j] - pos[i] for i in range(7) for j in range(i + 1, 7)], float)
    mi = -0.01 * dist + RNG.standard_normal(21) * 0.3
    mi[RNG.choice(21, trial % 4, replace=False)] = np.nan
    add({"fn": "theil_sen", "x": enc(dist), "y": enc(mi)}, theil_sen_check(dist, mi))
for x, y in [([], []), ([1.0], [2.0]), ([2.0, 2.0, 2.0], [1.0, 5.0, 9.0]), ([1.0, 2.0], [4.0, math.nan]),
             ([1.0, 2.0, 3.0, 4.0], [1.0, math.inf, 3.0, 4.0]), ([0.0, -0.0, 1.0], [1.0, 2.0, 3.0])]:
    x, y = np.array(x, float), np.array(y, float)
    add({"fn": "theil_sen", "x": enc(x), "y": enc(y)}, theil_sen_check(x, y))
add({"fn": "theil_sen", "x": [1.0, 2.0, 3.0], "y": [1.0, 2.0]}, expect_error("theil-sen length mismatch"))


# ---------------------------------------------------------------- run and compare
def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    verbose = "--verbose" in sys.argv
    try:
        results = run_driver(sys.argv[1], [c for c, _ in cases])
    except RuntimeError as e:
        print(e)
        return 1
    worst = defaultdict(lambda: (0.0, ""))
    counts = defaultdict(int)
    failures = []
    for i, ((case, check), result) in enumerate(zip(cases, results)):
        try:
            outcomes = check(result)
        except Exception as e:  # a malformed result is a failure, not a crash
            outcomes = [(case["fn"] + " (checker)", math.inf, False, f"{type(e).__name__}: {e}; {json.dumps(result)[:200]}")]
        for metric, d, ok, note in outcomes:
            counts[metric] += 1
            if d >= worst[metric][0]:
                worst[metric] = (d, note)
            if not ok:
                failures.append((metric, i, d, note))
    print(f"scipy {scipy.__version__}, numpy {np.__version__}; {len(cases)} cases")
    print(f"{'check':44s} {'n':>5s}  worst discrepancy")
    for metric in sorted(worst):
        print(f"{metric:44s} {counts[metric]:5d}  {worst[metric][0]:.3g}")
    if failures:
        print(f"\n{len(failures)} FAILED checks (first 30):")
        for metric, i, d, note in failures[:30]:
            fn = cases[i][0]["fn"]
            print(f"  case {i} ({fn}): {metric}: {d:.3g} {note}")
            if verbose:
                print("    input:", json.dumps(cases[i][0])[:300])
                print("    ours: ", json.dumps(results[i])[:300])
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
