#!/usr/bin/python3
"""Recompute every number of a Laminar results directory from vectors.safetensors.

usage: /usr/bin/python3 tools/verify_results.py RESULTS_DIR [--quiet]
           [--model MODEL_DIR [--cli LAMINAR_CLI] [--sentences FILE]]

Uses numpy, scipy, statsmodels and scikit-learn only (Debian: python3-numpy python3-scipy
python3-statsmodels python3-sklearn). Prints the largest discrepancy per statistic and exits
with status 1 when one exceeds the tolerances of analysis-spec.md ("Numbers that must match
external references"), 2 when the directory cannot be read. The format is described in
docs/results-format.md.

With --model, also checks activation provenance: the model is run again on the same token ids
(`laminar-cli extract`, the CLI named by --cli or found on PATH) and every saved vector must
equal, bit for bit, the TransformerLens hook it stands for at the recorded token. The sentence
file is the one the results name (metadata.sentences.file) unless --sentences names another;
its SHA-256 must match the recorded one.
"""
import codecs
import csv
import hashlib
import json
import math
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

# analysis-spec.md tolerances
REL_VECTOR_MATH = 1e-5   # variance, means, cosine, correlation (relative)
REL_SCIPY = 1e-6         # Kendall, t-test, corrections, normal CDF (relative)
ABS_HIST_MI = 1e-9       # histogram MI (absolute)
ABS_KSG_MI = 1e-6        # KSG MI (absolute)

DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32,
          "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_}


def read_safetensors(path):
    data = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        arr = np.frombuffer(data[base + a:base + b], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        out[name] = arr
    return out


def num(v):
    """results.json numbers: null = NaN, "Infinity"/"-Infinity" = +-inf."""
    if v is None:
        return math.nan
    if v == "Infinity":
        return math.inf
    if v == "-Infinity":
        return -math.inf
    return float(v)


class Report:
    def __init__(self):
        self.rows = {}  # statistic -> [max discrepancy, tolerance, kind, count]
        self.failures = []

    def add(self, stat, ours, ref, tol, kind="rel", floor=1e-12, where=""):
        ours = np.asarray(ours, dtype=np.float64).ravel()
        ref = np.asarray(ref, dtype=np.float64).ravel()
        if ours.shape != ref.shape:
            self.fail(stat, f"{where}: {ours.size} values where {ref.size} were expected")
            return
        same_nan = np.isnan(ours) & np.isnan(ref)
        same_inf = np.isinf(ours) & np.isinf(ref) & (np.sign(ours) == np.sign(ref))
        ok = same_nan | same_inf
        with np.errstate(invalid="ignore"):
            diff = np.abs(ours - ref)
            if kind == "rel":
                diff = diff / np.maximum(np.abs(ref), floor)
        diff[ok] = 0.0
        diff[np.isnan(diff)] = np.inf  # one side NaN/inf, the other not
        worst = float(diff.max()) if diff.size else 0.0
        row = self.rows.setdefault(stat, [0.0, tol, kind, 0])
        row[0] = max(row[0], worst)
        row[3] += diff.size
        if worst > tol:
            self.failures.append(f"{stat}: {where}: discrepancy {worst:.3g} > {tol:g}")

    def exact(self, stat, ours, ref, where=""):
        ours, ref = np.asarray(ours).ravel(), np.asarray(ref).ravel()
        bad = ours.shape != ref.shape or not np.array_equal(ours, ref)
        row = self.rows.setdefault(stat, [0.0, 0.0, "exact", 0])
        row[3] += ref.size
        if bad:
            row[0] = max(row[0], 1.0)
            self.failures.append(f"{stat}: {where}: differs ({ours[:8]} vs {ref[:8]})")

    def fail(self, stat, msg):
        self.rows.setdefault(stat, [math.inf, 0.0, "check", 0])[0] = math.inf
        self.failures.append(f"{stat}: {msg}")

    def print(self, out=sys.stdout):
        print(f"{'statistic':40s} {'values':>9s} {'largest discrepancy':>20s} {'tolerance':>12s}", file=out)
        for stat, (worst, tol, kind, count) in self.rows.items():
            label = {"rel": "relative", "abs": "absolute", "exact": "exact", "check": "check"}[kind]
            print(f"{stat:40s} {count:9d} {worst:20.3g} {tol:12.3g} {label}", file=out)


# --- seeded choices (core/analysis/seeded_random.cpp) -------------------------------------
M64 = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


def stream_state(seed, stream):
    _, a = splitmix64(seed & M64)
    _, b = splitmix64((a ^ stream) & M64)
    return b


def uniform_below(state, n):
    limit = M64 - ((M64 % n) + 1) % n
    while True:
        state, r = splitmix64(state)
        if r <= limit:
            return state, r % n


def seeded_permutation(n, state):
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        state, j = uniform_below(state, i + 1)
        p[i], p[j] = p[j], p[i]
    return np.array(p, dtype=np.int64)


# --- experiment 1 -------------------------------------------------------------------------
def unit_columns(x, centre):
    if centre:
        x = x - x.mean(axis=0, keepdims=True)
    norm = np.sqrt((x * x).sum(axis=0, keepdims=True))
    with np.errstate(divide="ignore"):
        inv = np.where(norm > 0, 1.0 / np.where(norm > 0, norm, 1.0), 0.0)
    return x * inv


BLOCKS = ["QQ", "KK", "VV", "QK", "QV", "KV"]
BLOCK_PAIRS = [(0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2)]


def block_values(xn, d):
    out = {}
    iu = np.triu_indices(d, 1)
    for name, (a, b) in zip(BLOCKS, BLOCK_PAIRS):
        m = xn[:, a * d:(a + 1) * d].T @ xn[:, b * d:(b + 1) * d]
        v = m[iu] if a == b else m.ravel()
        out[name] = np.clip(v, -1.0, 1.0)
    return out


def verify_similarity(res, vec, rep, check_permutation=True):
    sim = res["similarity"]
    d, bins = sim["width"], sim["settings"]["bins"]
    seed = int(sim["settings"]["seed"])
    edges = np.linspace(-1.0, 1.0, bins + 1)
    rep.add("bin edges", num_list(sim["binEdges"]), edges, 0.0, "abs")
    groups = ["target", "nontarget"]
    # The seeded non-target choice: one draw per text from positions 1 .. p-1 (0 .. p-1 with
    # --allow-position-0; older files lack the setting and excluded position 0).
    first = 0 if sim["settings"].get("allowPosition0", False) else 1
    tgt = sim["groups"]["target"]
    pos_of_text = dict(zip(tgt["textIndex"], tgt["tokenPosition"]))
    expected = [[], []]
    for t, p in zip(tgt["textIndex"], tgt["tokenPosition"]):
        if p >= first + 1:
            _, k = uniform_below(stream_state(seed, t), p - first)
            expected[0].append(t)
            expected[1].append(first + k)
    nt = sim["groups"]["nontarget"]
    rep.exact("non-target choice (seeded)", nt["textIndex"] + nt["tokenPosition"], expected[0] + expected[1])
    for pt, t in zip(nt["tokenPosition"], nt["textIndex"]):
        if not (first <= pt < pos_of_text[t]):
            rep.fail("non-target choice (seeded)", f"text {t}: position {pt} not before the target")
    perms = {}
    for gi, g in enumerate(groups):
        # Saved up to format 2 (checked against the seed); re-derived from the seed since format 3.
        derive = lambda: seeded_permutation(len(sim["groups"][g]["textIndex"]) * 3 * d,
                                            stream_state(seed, (1 << 63) | gi))
        key = f"{g}.shuffle_permutation"
        if key in vec:
            perm = vec[key].astype(np.int64)
            if check_permutation:
                rep.exact("shuffle permutation (seeded)", perm, derive(), g)
        else:
            perm = derive()
        perms[g] = perm
    if len(sim["layers"]) != sim["nLayer"]:
        rep.fail("layers", f"{len(sim['layers'])} layers saved, model has {sim['nLayer']}")
    for layer in sim["layers"]:
        l = layer["layer"]
        for g in groups:
            where = f"layer {l} {g}"
            x = vec[f"layer{l}.{g}.qkv"].astype(np.float64)
            lj = layer[g]
            rep.exact("rows", [lj["rows"]], [x.shape[0]], where)
            for m, name in enumerate("QKV"):
                blk = x[:, m * d:(m + 1) * d]
                col_mean = blk.mean(axis=0)
                p = lj["profiles"][name]
                rep.add("variance (ddof 1)", num(p["variance"]), blk.var(axis=0, ddof=1).mean(), REL_VECTOR_MATH,
                        where=f"{where} {name}")
                rep.add("mean", num(p["mean"]), col_mean.mean(), REL_VECTOR_MATH, floor=1e-9, where=f"{where} {name}")
                rep.add("mean |column mean|", num(p["meanAbs"]), np.abs(col_mean).mean(), REL_VECTOR_MATH,
                        where=f"{where} {name}")
            inputs = {"cosine": unit_columns(x, False), "correlation": unit_columns(x, True),
                      "shuffled": unit_columns(x.ravel()[perms[g]].reshape(x.shape), False)}
            for measure, xn in inputs.items():
                values = block_values(xn, d)
                for b in BLOCKS:
                    h = lj["histograms"][measure][b]
                    v = values[b]
                    counts, _ = np.histogram(v, bins=bins, range=(-1.0, 1.0))
                    # what np.histogram(..., density=True) returns, without binning twice
                    density = counts / np.diff(edges) / counts.sum()
                    ours_density = np.array(num_list(h["density"]))
                    ours_counts = np.rint(ours_density * np.diff(edges) * h["count"]).astype(np.int64)
                    rep.exact(f"{measure} value count", [h["count"]], [v.size], f"{where} {b}")
                    # A value within rounding of a bin edge may fall on either side.
                    t = (v + 1.0) * (bins / 2.0)
                    near = int((np.abs(t - np.rint(t)) * (2.0 / bins) < 1e-12).sum())
                    moved = int(np.abs(ours_counts - counts).sum()) // 2
                    if moved > near:
                        rep.fail(f"{measure} histogram", f"{where} {b}: {moved} values in other bins")
                    elif moved == 0:
                        rep.add(f"{measure} histogram density", ours_density, density, REL_VECTOR_MATH,
                                floor=1e-300, where=f"{where} {b}")
            xr = x / np.where(np.linalg.norm(x, axis=1, keepdims=True) > 0, np.linalg.norm(x, axis=1, keepdims=True), 1)
            ref = xr @ xr.T
            if "textSimilarity" in lj:  # format version 1: the matrix itself
                ours = np.array([num_list(r) for r in lj["textSimilarity"]])
                rep.add("text-by-text cosine", ours, ref, REL_VECTOR_MATH, floor=1e-6, where=where)
            elif "textSimilarityRowSums" in lj:  # version 2: loadResults recomputes it; its row sums
                rep.add("text-by-text cosine row sums", num_list(lj["textSimilarityRowSums"]), ref.sum(axis=1),
                        REL_VECTOR_MATH, floor=1e-6, where=where)
            else:
                rep.fail("text-by-text cosine", f"{where}: neither textSimilarity nor textSimilarityRowSums saved")
            verify_spectrum_summary(sim["settings"], lj, x, d, seed, l, groups.index(g), rep, where)


MASS_FIELDS = ("value", "lower", "upper", "se", "bias")


def summary_stream(layer, group):
    """The spectrum summary's bootstrap stream of (layer, group), core/analysis/similarity_analysis.cpp."""
    return (0x5350 << 48) | (layer << 8) | group


def verify_spectrum_summary(settings, lj, x, d, seed, layer, group, rep, where):
    replicates = int(settings.get("summaryReplicates", 0))
    if replicates == 0:
        if "spectrumSummary" in lj:
            rep.fail("spectrum summary", f"{where}: saved although summaryReplicates is 0")
        return
    if "spectrumSummary" not in lj:
        rep.fail("spectrum summary", f"{where}: missing")
        return
    ref = spectrum_summary(x, d, num(settings["summaryHigh"]), num(settings["summaryLow"]), False, replicates,
                           num(settings["summaryLevel"]), stream_state(seed, summary_stream(layer, group)),
                           int(settings.get("summaryPairs", 0)))
    ours, theirs = [], []
    for name, high, low in ref:
        for kind, r in (("high", high), ("low", low)):
            m = lj["spectrumSummary"][name][kind]
            ours += [num(m[f]) for f in ("value", "lower", "upper", "se", "bias")]
            theirs += list(r)
            if not num(m["lower"]) <= num(m["value"]) <= num(m["upper"]):
                rep.fail("spectrum summary", f"{where}: {name} {kind}: interval [{m['lower']}, {m['upper']}] "
                         f"does not contain the mass {m['value']}")
    # Masses are counts / total: the same comparisons give the same numbers up to rounding.
    rep.add("spectrum masses and bootstrap interval", ours, theirs, 1e-12, "abs", where=where)


def num_list(a):
    return [num(v) for v in a]


# --- experiment 2 -------------------------------------------------------------------------
def zscores(x, ddof):
    sd = x.std(ddof=ddof)
    if sd == 0:
        return np.zeros_like(x)
    return (x - x.mean()) / sd


def trim(x, y, threshold, ddof):
    if threshold == 0:
        return x, y
    keep = (np.abs(zscores(x, ddof)) <= threshold) & (np.abs(zscores(y, ddof)) <= threshold)
    return x[keep], y[keep]


def fd_bins(pooled, lo=4, hi=64):
    n_edges = len(np.histogram_bin_edges(pooled, bins="fd"))
    return int(min(max(n_edges - 1, lo), hi))


def hist_mi(x, y, b):
    """MI of the spec's histogram estimator, written from the definition (nats)."""
    c, _, _ = np.histogram2d(x, y, bins=b)
    p = c / c.sum()
    px = p.sum(axis=1, keepdims=True)
    py = p.sum(axis=0, keepdims=True)
    nz = p > 0
    return float(np.sum(p[nz] * np.log(p[nz] / (px @ py)[nz])))


def ksg_mi(x, y, k):
    from sklearn.feature_selection._mutual_info import _compute_mi_cc
    from sklearn.preprocessing import scale
    # mutual_info_regression without its added noise: scale both by their std, then KSG.
    return float(_compute_mi_cc(scale(x, with_mean=False), scale(y, with_mean=False), k))


def pair_estimate(x, y, est, b, correction, k):
    """One pair's MI as the run's settings define it (histogram with B = b, maybe Miller-Madow)."""
    if est == "ksg":
        return ksg_mi(x, y, k)
    mi = hist_mi(x, y, b)
    return mi - miller_madow_bias(x, y, b) if correction == "miller-madow" else mi


def mi_layer_bins(rule, kept_by_site):
    """B per pair per site: fixed, per-pair FD, or the layer's shared FD count; (bins, shared)."""
    if rule == "fd":
        return {s: [fd_bins(np.concatenate([x, y])) for x, y in kept] for s, kept in kept_by_site.items()}, 0
    if rule == "shared-fd":
        b = shared_fd_bins([fd_bins(np.concatenate([x, y])) for kept in kept_by_site.values() for x, y in kept])
        return {s: [b] * len(kept) for s, kept in kept_by_site.items()}, b
    return {s: [int(rule)] * len(kept) for s, kept in kept_by_site.items()}, 0


def check_null(rep, name, saved, replay, where):
    """A saved permutation summary against its replay: counts and p exactly, band to 1e-12."""
    observed, null, extreme, p = replay
    rep.exact(f"{name} #extreme (seeded)", [saved["atLeastAsExtreme"], saved["permutations"]],
              [extreme, len(null) if null else saved["permutations"]], where)
    rep.add(f"{name} p (seeded)", num(saved["p"]), p, 0.0, "abs", where=where)
    rep.add(f"{name} observed", num(saved["observed"]), observed, REL_SCIPY, floor=1e-12, where=where)
    band = np.percentile(null, [2.5, 97.5]) if null else [math.nan, math.nan]
    rep.add(f"{name} null band (2.5%, 97.5%)", [num(saved["nullLow"]), num(saved["nullHigh"])], band, 1e-12, "abs",
            where=where)


def verify_mi(res, vec, rep):
    from scipy import stats
    mi = res["mi-distance"]
    s = mi["settings"]
    est, zt, ddof, k = s["estimator"], num(s["zTrim"]), s["zDdof"], s["ksgK"]
    correction = s.get("biasCorrection", "none")
    above_floor = s.get("miCompared", "raw") == "above-floor"
    seed, perms = int(s.get("seed", 0)), int(s.get("permutations", 0))
    occ = mi["occurrences"]
    pos = [o["position"] for o in occ]
    text = [o["text"] for o in occ]
    exp_pairs = [(i, j, abs(pos[j] - pos[i])) for i in range(len(occ)) for j in range(i + 1, len(occ)) if text[i] == text[j]]
    got_pairs = [(p["i"], p["j"], p["distance"]) for p in mi["pairs"]]
    rep.exact("pairs and distances", np.array(got_pairs).ravel(), np.array(exp_pairs).ravel())
    dist = np.array([p[2] for p in exp_pairs], dtype=np.float64)
    group = [text[i] for (i, _, _) in exp_pairs]
    pvals = []
    families = {"kendallPermutationAttn": [], "kendallPermutationMlp": [], "siteSignFlip": [], "pairedT": [],
                "wilcoxon": []}
    layer_means = {"attn": ([], []), "mlp": ([], [])}
    if len(mi["layers"]) != mi["nLayer"]:
        rep.fail("layers", f"{len(mi['layers'])} layers saved, model has {mi['nLayer']}")
    for layer in mi["layers"]:
        l = layer["layer"]
        ctrl = layer.get("controls")
        if perms and ctrl is None:
            rep.fail("controls", f"layer {l}: settings ask for controls, none saved")
            continue
        site_mi = {}
        kept_by_site = {site: [trim(*[vec[f"layer{l}.{site}"].astype(np.float64)[i] for i in (a, b)], zt, ddof)
                               for (a, b, _) in exp_pairs] for site in ("attn", "mlp")}
        need_bins = est == "hist" or (ctrl is not None and "estimatorComparison" in ctrl["attn"])
        bins_of, shared = mi_layer_bins(s["bins"], kept_by_site) if need_bins else ({}, 0)
        if ctrl is not None:
            rep.exact("shared bins per layer", [ctrl["sharedBins"]], [shared], f"layer {l}")
        for si, site in enumerate(("attn", "mlp")):
            where = f"layer {l} {site}"
            sj = layer[site]
            kept = kept_by_site[site]
            ref_mi = [pair_estimate(x, y, est, bins_of[site][n] if est == "hist" else 0, correction, k)
                      for n, (x, y) in enumerate(kept)]
            ours = np.array(num_list(sj["pairMi"]))
            rep.exact("kept dimensions (z-trim)", sj["keptSamples"], [x.size for x, _ in kept], where)
            rep.exact("histogram bins per pair", sj["bins"], bins_of[site] if est == "hist" else [0] * len(kept), where)
            label = "KSG" if est == "ksg" else ("histogram, Miller-Madow" if correction == "miller-madow" else "histogram")
            rep.add(f"pair MI ({label})", ours, ref_mi, ABS_KSG_MI if est == "ksg" else ABS_HIST_MI, "abs", where=where)
            rep.add("mean MI", num(sj["meanMi"]), np.mean(ours), REL_VECTOR_MATH, where=where)
            compared = ours
            if ctrl is not None:
                cj = ctrl[site]
                floor = np.array(num_list(cj["floor"]))
                ref_floor = []
                for n, (x, y) in enumerate(kept):
                    perm = seeded_permutation(len(y), stream_state(seed, floor_stream(l, si, n)))
                    ref_floor.append(pair_estimate(x, y[perm], est, bins_of[site][n] if est == "hist" else 0, correction, k))
                rep.add("estimator floor (seeded)", floor, ref_floor, ABS_KSG_MI if est == "ksg" else ABS_HIST_MI, "abs",
                        where=where)
                rep.add("mean floor", num(cj["meanFloor"]), np.mean(floor), REL_VECTOR_MATH, floor=1e-12, where=where)
                rep.add("mean MI above floor", num(cj["meanAboveFloor"]), np.mean(ours - floor), REL_VECTOR_MATH,
                        floor=1e-12, where=where)
                if above_floor:
                    compared = ours - floor
                if "estimatorComparison" in cj:
                    e = cj["estimatorComparison"]
                    h, g = np.array(num_list(e["histMi"])), np.array(num_list(e["ksgMi"]))
                    ref_h = [pair_estimate(x, y, "hist", bins_of[site][n], correction, k) for n, (x, y) in enumerate(kept)]
                    ref_g = [ksg_mi(x, y, k) for x, y in kept]
                    rep.add("comparison: histogram MI", h, ref_h, ABS_HIST_MI, "abs", where=where)
                    rep.add("comparison: KSG MI", g, ref_g, ABS_KSG_MI, "abs", where=where)
                    rep.add("comparison: Pearson r", num(e["pearson"]), stats.pearsonr(h, g).statistic, REL_SCIPY,
                            floor=1e-12, where=where)
                    rep.add("comparison: Spearman rho", num(e["spearman"]), stats.spearmanr(h, g).correlation, REL_SCIPY,
                            floor=1e-12, where=where)
                    layer_means[site][0].append(np.mean(h))
                    layer_means[site][1].append(np.mean(g))
                replay = kendall_permutation_null(dist, compared, group, perms,
                                                  stream_state(seed, permutation_stream(1, l, si)))
                check_null(rep, "Kendall tau null", cj["kendallNull"], replay, where)
                families["kendallPermutation" + site.capitalize()].append(replay[3])
            kt = stats.kendalltau(dist, compared)
            rep.add("Kendall tau-b", num(sj["tau"]), kt.correlation, REL_SCIPY, where=where)
            rep.add("Kendall p", num(sj["tauP"]), kt.pvalue, REL_SCIPY, floor=1e-300, where=where)
            site_mi[site] = (compared, num(sj["tau"]))
        tt = stats.ttest_ind(site_mi["attn"][0], site_mi["mlp"][0], equal_var=(s["ttest"] == "student"))
        rep.add("t statistic", num(layer["t"]), tt.statistic, REL_SCIPY, where=f"layer {l}")
        rep.add("t-test p", num(layer["p"]), tt.pvalue, REL_SCIPY, floor=1e-300, where=f"layer {l}")
        pvals.append(num(layer["p"]))
        ta, tm = site_mi["attn"][1], site_mi["mlp"][1]
        n = len(exp_pairs)
        with np.errstate(all="ignore"):
            z = (np.arctanh(ta) - np.arctanh(tm)) / math.sqrt(2.0 / (n - 3)) if n > 3 else math.nan
        zp = 2 * stats.norm.sf(abs(z)) if not math.isnan(z) else math.nan
        rep.add("Fisher Z", num(layer["fisherZ"]), z, REL_SCIPY, where=f"layer {l}")
        rep.add("Fisher Z p (normal)", num(layer["fisherP"]), zp, REL_SCIPY, floor=1e-300, where=f"layer {l}")
        if ctrl is not None:
            a, m = site_mi["attn"][0], site_mi["mlp"][0]
            pt = stats.ttest_rel(a, m)
            rep.add("paired t (ttest_rel)", num(ctrl["pairedT"]["t"]), pt.statistic, REL_SCIPY, where=f"layer {l}")
            rep.add("paired t p", num(ctrl["pairedT"]["p"]), pt.pvalue, REL_SCIPY, floor=1e-300, where=f"layer {l}")
            try:
                w = stats.wilcoxon(a, m)
                w_stat, w_p = w.statistic, w.pvalue
            except ValueError:  # every difference zero: scipy refuses, Laminar saves NaN
                w_stat = w_p = math.nan
            rep.add("Wilcoxon signed-rank statistic", num(ctrl["wilcoxon"]["statistic"]), w_stat, REL_SCIPY,
                    where=f"layer {l}")
            rep.add("Wilcoxon signed-rank p", num(ctrl["wilcoxon"]["p"]), w_p, REL_SCIPY, floor=1e-300, where=f"layer {l}")
            replay = site_difference_sign_flip_null(a, m, perms, stream_state(seed, permutation_stream(2, l, 0)))
            check_null(rep, "sign-flip null", ctrl["siteSignFlip"], replay, f"layer {l}")
            families["siteSignFlip"].append(replay[3])
            families["pairedT"].append(pt.pvalue)
            families["wilcoxon"].append(w_p)
    verify_corrections(mi, s, np.array(pvals), np.array([num(x["fisherP"]) for x in mi["layers"]]), rep)
    if perms and len(mi["layers"]) == mi["nLayer"]:
        verify_control_corrections(mi, s, families, layer_means, rep)
    # The 2 x L x 2 array repeats mean MI and tau.
    arr = mi["resultsArray"]["values"]
    for si, site in enumerate(("attn", "mlp")):
        rep.add("results array", [num(x) for row in arr[si] for x in row],
                [num(layer[site][key]) for layer in mi["layers"] for key in ("meanMi", "tau")], 0.0, "abs")


def verify_control_corrections(mi, s, families, layer_means, rep):
    """BH over layers of every control family, and the estimators' correlation across layers."""
    from scipy import stats
    from statsmodels.stats.multitest import multipletests
    fdr = mi["controls"]["fdr"]
    for key, p in families.items():
        p = np.array(p, dtype=np.float64)
        nan = np.isnan(p)
        rf, pf, _, _ = multipletests(np.where(nan, 1.0, p), alpha=num(s["fdrQ"]), method="fdr_bh")
        pf[nan], rf[nan] = math.nan, False
        if key not in fdr:
            rep.fail("control BH", f"{key} missing")
            continue
        rep.add(f"BH over layers: {key}", num_list(fdr[key]["pFdr"]), pf, REL_SCIPY, floor=1e-300)
        rep.exact(f"BH significance: {key}", list(fdr[key]["significant"]), [bool(x) for x in rf])
    across = mi["controls"]["estimatorsAcrossLayers"]
    h = {site: np.array(layer_means[site][0]) for site in ("attn", "mlp")}
    g = {site: np.array(layer_means[site][1]) for site in ("attn", "mlp")}
    h["both"] = np.array([v for l in range(len(h["attn"])) for v in (h["attn"][l], h["mlp"][l])])
    g["both"] = np.array([v for l in range(len(g["attn"])) for v in (g["attn"][l], g["mlp"][l])])
    for key in ("attn", "mlp", "both"):
        if h[key].size < 2:
            continue
        with np.errstate(all="ignore"):
            ref = [stats.pearsonr(h[key], g[key]).statistic, stats.spearmanr(h[key], g[key]).correlation]
        rep.add("estimators across layers (Pearson, Spearman)", [num(across[key]["pearson"]), num(across[key]["spearman"])],
                ref, REL_SCIPY, floor=1e-12, where=key)


def verify_corrections(mi, s, p_t, p_z, rep):
    """Bonferroni and Benjamini-Hochberg over the L layers, for the t-test and for Fisher Z.
    An undefined test (NaN p) still counts among the L tests and weighs on the others as
    p = 1 would (core/stats/multiple_testing.h); its own adjusted p is NaN, never significant."""
    from statsmodels.stats.multitest import multipletests
    alpha, q = num(s["alpha"]), num(s["fdrQ"])
    complete = len(mi["layers"]) == mi["nLayer"]
    families = (("t-test", p_t, [num(x["pBonferroni"]) for x in mi["layers"]], "significantBonferroni", "pFdr", "significantFdr"),
                ("Fisher Z", p_z, [num(x.get("fisherPBonferroni", math.nan)) for x in mi["layers"]],
                 "fisherSignificantBonferroni", "fisherPFdr", "fisherSignificantFdr"))
    for name, p, ours_b, key_b, key_f, key_sf in families:
        nan = np.isnan(p)
        filled = np.where(nan, 1.0, p)
        rb, pb, _, _ = multipletests(filled, alpha=alpha, method="bonferroni")
        pb[nan], rb[nan] = math.nan, False
        rep.add(f"{name} Bonferroni adjusted p", ours_b, pb, REL_SCIPY, floor=1e-300)
        rep.exact(f"{name} Bonferroni significance", list(mi[key_b]), [bool(x) for x in rb])
        if not complete:
            continue
        rf, pf, _, _ = multipletests(filled, alpha=q, method="fdr_bh")
        pf[nan], rf[nan] = math.nan, False
        rep.add(f"{name} Benjamini-Hochberg adjusted p", num_list(mi[key_f]), pf, REL_SCIPY, floor=1e-300)
        rep.exact(f"{name} Benjamini-Hochberg significance", list(mi[key_sf]), [bool(x) for x in rf])
# --- activation provenance (--model) ------------------------------------------------------
# Which hooks and rows every saved vector stands for (docs/results-format.md), per experiment:
# [(vector name, layer, [hook suffixes, columns side by side], [(text index, position), ...])].
def similarity_sources(res):
    sim = res["similarity"]
    out = []
    for layer in sim["layers"]:
        l = layer["layer"]
        for g in ("target", "nontarget"):
            grp = sim["groups"][g]
            out.append((f"layer{l}.{g}.qkv", l, ["attn.hook_q", "attn.hook_k", "attn.hook_v"],
                        list(zip(grp["textIndex"], grp["tokenPosition"]))))
    return out


def mi_sources(res):
    mi = res["mi-distance"]
    rows = [(o["text"], o["position"]) for o in mi["occurrences"]]
    out = []
    for layer in mi["layers"]:
        l = layer["layer"]
        out.append((f"layer{l}.attn", l, ["hook_attn_out"], rows))
        out.append((f"layer{l}.mlp", l, ["hook_mlp_out"], rows))
    return out


# --- logit lens (core/analysis/logit_lens_analysis.cpp) -----------------------------------
def lens_weights(model):
    """ln_f and the tied LM head of a Hugging Face layout checkpoint, as float64."""
    model = Path(model)
    config = json.loads((model / "config.json").read_text())
    w = {}
    for f in sorted(model.glob("*.safetensors")):
        w.update(read_safetensors(f))
    def get(name):
        for key in (name, "transformer." + name):
            if key in w:
                return w[key].astype(np.float64)
        raise KeyError(f"{model}: no tensor {name}")
    return get("ln_f.weight"), get("ln_f.bias"), get("wte.weight"), float(config.get("layer_norm_epsilon", 1e-5))


def verify_logit_lens(res, vec, rep, model):
    lens = res["logit-lens"]
    rows = lens["rows"]
    n = len(rows["textIndex"])
    if model is not None:  # read once: a GPT-2 XL checkpoint is 6 GB
        g, b, wte, eps = lens_weights(model)
        abs_wte = np.abs(wte)
    for layer in lens["layers"]:
        l = layer["layer"]
        probs = np.array([num(v) for v in layer["nextProb"]])
        ranks = np.array(layer["nextRank"], dtype=np.float64)
        where = f"layer {l}"
        rep.add("logit lens: mean P(next)", num(layer["meanNextProb"]), probs.mean(), 1e-12, where=where)
        se = probs.std(ddof=1) / math.sqrt(n) if n > 1 else math.nan
        rep.add("logit lens: standard error", num(layer["seNextProb"]), se, 1e-9, where=where)
        rep.add("logit lens: median rank", num(layer["medianNextRank"]), float(np.median(ranks)), 0.0, "abs", where=where)
        if model is None:
            continue
        x = vec[f"layer{l}.resid_post"].astype(np.float64)  # [rows + 1, d], the chosen row last
        mu = x.mean(axis=1, keepdims=True)
        var = ((x - mu) ** 2).mean(axis=1, keepdims=True)
        h = (x - mu) / np.sqrt(var + eps) * g + b
        logits = h @ wte.T
        logp = logits - logits.max(axis=1, keepdims=True)
        logp = logp - np.log(np.exp(logp).sum(axis=1, keepdims=True))
        nxt = np.array(rows["nextId"])
        rep.add("logit lens: P(next) vs numpy", probs, np.exp(logp[np.arange(n), nxt]), 1e-4, where=where)
        actual = logits[np.arange(n), nxt][:, None]
        logits_rows = logits[:n]
        # Logits nearer the actual one than Laminar's float32 rounding may rank either way. The
        # rounding of a width-d dot product grows like sqrt(d) eps32 times the sum of its terms'
        # magnitudes; 8x that is the margin. (A fixed 1e-4 let a model with small logits, whose
        # 50,257 logits lie within 1e-4 of each other by the dozen, hide ranks off by one.)
        magnitude = (np.abs(h[:n]) @ abs_wte.T).max(axis=1, keepdims=True)
        tie = 8.0 * math.sqrt(x.shape[1]) * float(np.finfo(np.float32).eps) * magnitude
        lo = (logits_rows > actual + tie).sum(axis=1) + 1
        hi = (logits_rows > actual - tie).sum(axis=1) + 1
        outside = ((ranks < lo) | (ranks > hi)).sum()
        rep.exact("logit lens: rank vs numpy (within float32 ties)", [outside], [0], where)
        top = np.array(layer["topIds"])
        rep.add("logit lens: top-k P vs numpy", [num(v) for v in layer["topProbs"]], np.exp(logp[-1, top]), 1e-4, where=where)
        best = np.sort(np.exp(logp[-1]))[::-1][:len(top)]
        rep.add("logit lens: top-k are the k most probable", np.exp(logp[-1, top]), best, 1e-4, where=where)


# --- attention patterns (core/analysis/attention_pattern_analysis.cpp) --------------------
def verify_attention_pattern(res, vec, rep):
    a = res["attention-pattern"]
    h, t, target = a["nHead"], len(a["tokens"]), a["targetPosition"]
    for layer in a["layers"]:
        l = layer["layer"]
        q = vec[f"layer{l}.q"].astype(np.float64).reshape(t, h, -1).transpose(1, 0, 2)  # [H, T, dh]
        k = vec[f"layer{l}.k"].astype(np.float64).reshape(t, h, -1).transpose(1, 0, 2)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(q.shape[2])
        scores[:, np.triu(np.ones((t, t), dtype=bool), 1)] = -np.inf
        ref = np.exp(scores - scores.max(axis=2, keepdims=True))
        ref /= ref.sum(axis=2, keepdims=True)
        saved = vec[f"layer{l}.pattern"].astype(np.float64)
        rep.add("attention pattern = softmax(q k^T / sqrt(d_head))", saved, ref, 1e-5, "abs", where=f"layer {l}")
        rep.add("target's attention = mean over heads", [num(v) for v in layer["targetMass"]], saved[:, target, :].mean(axis=0),
                1e-12, "abs", where=f"layer {l}")


def logit_lens_sources(res):
    lens = res["logit-lens"]
    rows = list(zip(lens["rows"]["textIndex"], lens["rows"]["position"]))
    rows.append((lens["chosen"]["text"], lens["chosen"]["position"]))
    return [(f"layer{layer['layer']}.resid_post", layer["layer"], ["hook_resid_post"], rows) for layer in lens["layers"]]


def attention_sources(res):
    a = res["attention-pattern"]
    rows = [(a["text"], p) for p in range(len(a["tokens"]))]
    out = []
    for layer in a["layers"]:
        l = layer["layer"]
        out.append((f"layer{l}.q", l, ["attn.hook_q"], rows))
        out.append((f"layer{l}.k", l, ["attn.hook_k"], rows))
        out.append((f"layer{l}.pattern", l, ["attn.hook_pattern"], rows, "whole"))
    return out


PROVENANCE = {"similarity": similarity_sources, "mi-distance": mi_sources, "logit-lens": logit_lens_sources,
              "attention-pattern": attention_sources}
END_OF_TEXT = 50256
BLANK = " \t\r\n\f\v"


def sentence_texts(path):
    """The texts of a sentence set as core/analysis/sentence_set.cpp loads them (blank ones
    not counted), brackets still in."""
    raw = Path(path).read_bytes()
    content = raw.decode("utf-8")
    ext = Path(path).suffix.lower()
    texts = []
    if ext == ".txt":
        for n, line in enumerate(content.split("\n"), 1):
            line = line[:-1] if line.endswith("\r") else line
            t = line.strip(BLANK)
            if n == 1 and t.startswith("#") and t[1:].strip(BLANK).lower().startswith("target"):
                rest = t[1:].strip(BLANK)[6:].strip(BLANK)
                if rest.startswith(":"):
                    continue
            if t:
                texts.append(line)
    elif ext == ".json":
        texts = [t for t in json.loads(content)["texts"] if isinstance(t, str) and t.strip(BLANK)]
    elif ext in (".csv", ".tsv"):
        rows = [r for r in csv.reader(content.splitlines(), delimiter="\t" if ext == ".tsv" else ",")
                if not (len(r) <= 1 and not "".join(r).strip(BLANK))]
        header = [h.strip(BLANK).lower() for h in rows[0]]
        col = header.index("text")
        texts = [r[col] for r in rows[1:] if len(r) == len(header) and r[col].strip(BLANK)]
    else:
        raise ValueError(f"{path}: unknown sentence-set format")
    return texts, hashlib.sha256(raw).hexdigest()


def bytes_to_unicode():
    """GPT-2's byte-level alphabet, as OpenAI's encoder.py defines it: byte -> character."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


# Names each byte Python's UTF-8 codec rejects (outside a well-formed sequence) <0xNN>.
codecs.register_error("byte_names", lambda e: ("".join(f"<0x{b:02X}>" for b in e.object[e.start:e.end]), e.end))


def token_bytes(vocab_path):
    """id -> the token's bytes, from a GPT-2 vocab.json (keys in the byte-level alphabet)."""
    vocab = json.loads(Path(vocab_path).read_text(encoding="utf-8"))
    byte_of = {c: b for b, c in bytes_to_unicode().items()}
    return {i: bytes(byte_of[c] for c in token) for token, i in vocab.items()}


def token_labels(vocab_path):
    """id -> token label (docs/results-format.md): the token's bytes decoded by Python's UTF-8
    codec, each byte it rejects named <0xNN>."""
    return {i: b.decode("utf-8", errors="byte_names") for i, b in token_bytes(vocab_path).items()}


def verify_token_labels(res, ids_of, vocab_path, rep):
    """The token strings of the logit lens and attention patterns against the texts' ids
    (ids_of: set index -> ids, as the run saw them) and Python's own decoder. Results saved
    before 2026-12-07 hold Hugging Face's decode instead: accepted when every string is that."""
    saved = []  # (strings in the results, their ids, where)
    if res["experiment"] == "attention-pattern":
        a = res["attention-pattern"]
        saved.append((a["tokens"], ids_of[a["text"]], "attention-pattern tokens"))
    elif res["experiment"] == "logit-lens":
        lens = res["logit-lens"]
        c = lens["chosen"]
        ids = ids_of[c["text"]]
        saved.append((c["tokens"], ids[:c["position"] + 1], "chosen tokens"))
        if c["nextId"] >= 0:
            rep.exact("logit lens: next ids = the texts' tokens", [c["nextId"]], [ids[c["position"] + 1]], "chosen row")
            saved.append(([c["nextToken"]], [c["nextId"]], "chosen next token"))
        rows = lens["rows"]
        nxt = [ids_of[t][p + 1] for t, p in zip(rows["textIndex"], rows["position"])]
        rep.exact("logit lens: next ids = the texts' tokens", rows["nextId"], nxt, "rows")
        saved.append((rows["nextToken"], rows["nextId"], "rows' next tokens"))
        for layer in lens["layers"]:
            saved.append((layer["topTokens"], layer["topIds"], f"layer {layer['layer']} top tokens"))
    if not saved:
        return
    bytes_of = token_bytes(vocab_path)
    def strings(ids, errors):  # "replace": Hugging Face's decode([id]), U+FFFD per rejected part
        return [bytes_of[i].decode("utf-8", errors=errors) if i in bytes_of else f"<unknown id {i}>" for i in ids]
    old = all(list(got) == strings(ids, "replace") for got, ids, _ in saved) and \
        any(list(got) != strings(ids, "byte_names") for got, ids, _ in saved)
    stat, errors = (("token strings = decode([id]) (saved before 2026-12-07)", "replace") if old
                    else ("token labels = Python's UTF-8 decode, bytes named", "byte_names"))
    for got, ids, where in saved:
        rep.exact(stat, got, strings(ids, errors), where)


def run_cli(cli, args):
    p = subprocess.run([cli] + args, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"laminar-cli {args[0]} failed ({p.returncode}): {p.stderr.strip()}")
    return p.stdout


def verify_provenance(res, vec, rep, model, cli, sentences=None):
    sources = PROVENANCE[res["experiment"]](res)
    meta = res["metadata"]
    path = sentences or meta["sentences"]["file"]
    texts, sha = sentence_texts(path)
    if sha != meta["sentences"]["sha256"] or len(texts) != meta["sentences"]["texts"]:
        rep.fail("activation provenance", f"{path} is not the sentence set of this run (SHA-256 or text count differ)")
        return
    bos = bool(meta["settings"].get("prependBos", False))
    used = sorted({t for src in sources for t, _ in src[3]})
    tok_dir = Path(model) if (Path(model) / "vocab.json").exists() and (Path(model) / "merges.txt").exists() else None
    hooks = sorted({f"blocks.{src[1]}.{h}" for src in sources for h in src[2]})
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "texts.json").write_text(json.dumps([texts[t].replace("[", "").replace("]", "") for t in used]))
        args = ["tokenize", "--texts-json", str(tmp / "texts.json")] + (["--tokenizer", str(tok_dir)] if tok_dir else [])
        ids = json.loads(run_cli(cli, args))["ids"]
        ids = [([END_OF_TEXT] if bos else []) + seq for seq in ids]
        if tok_dir and res["experiment"] in ("attention-pattern", "logit-lens"):
            verify_token_labels(res, dict(zip(used, ids)), tok_dir / "vocab.json", rep)
        # Each text only as far as its last recorded row: the run stopped there too (the model is
        # causal), so the batch rows line up as they did then and the bits must agree.
        last = {}
        for src in sources:
            for t, p in src[3]:
                last[t] = max(last.get(t, 0), p)
        ids = [seq[:last[t] + 1] for t, seq in zip(used, ids)]
        (tmp / "ids.json").write_text(json.dumps(ids))
        run_cli(cli, ["extract", "--model", str(model), "--ids-json", str(tmp / "ids.json"), "--hooks", ",".join(hooks),
                      "--device", str(meta.get("device", "cpu")), "--dtype", str(meta.get("dtype", "float32")),
                      "--threads", str(meta.get("threads", 0)), "--out", str(tmp / "acts.safetensors")])
        acts = read_safetensors(tmp / "acts.safetensors")
    seq_of = {t: i for i, t in enumerate(used)}
    described = set()
    for src in sources:
        name, l, suffixes, rows = src[:4]
        described.add(name)
        saved = vec.get(name)
        if len(src) > 4:  # the whole capture of one text (hook_pattern [head, query, key])
            ref = acts[f"seq{seq_of[rows[0][0]]}.blocks.{l}.{suffixes[0]}"]
            if saved is None or saved.dtype != np.float32 or saved.shape != ref.shape:
                rep.fail("activation provenance", f"{name}: missing, or not F32 of shape {list(ref.shape)}")
            else:
                rep.exact("activation provenance (bits)", saved.view(np.uint32), ref.astype(np.float32).view(np.uint32), name)
            continue
        if any(p >= acts[f"seq{seq_of[t]}.blocks.{l}.{suffixes[0]}"].shape[0] for t, p in rows):
            rep.fail("activation provenance", f"{name}: a recorded position lies beyond its text")
            continue
        ref = np.concatenate([np.stack([acts[f"seq{seq_of[t]}.blocks.{l}.{h}"][p] for t, p in rows]) for h in suffixes],
                             axis=1)
        if saved is None or saved.dtype != np.float32 or saved.shape != ref.shape:
            rep.fail("activation provenance", f"{name}: missing, or not F32 of shape {list(ref.shape)}")
            continue
        # bit for bit: compare the float32 bit patterns, not the values
        rep.exact("activation provenance (bits)", saved.view(np.uint32), ref.astype(np.float32).view(np.uint32), name)
    extra = [n for n, a in vec.items() if a.dtype == np.float32 and n not in described]
    if extra:
        rep.fail("activation provenance", f"saved vectors no provenance describes: {extra[:5]}")


# --- CSV tables repeat results.json -------------------------------------------------------
def verify_tables(res, d, rep):
    def rows(name):
        with open(d / name, newline="") as f:
            return list(csv.DictReader(f))
    if res["experiment"] in ("logit-lens", "attention-pattern"):
        return  # their CSV tables are written from the same lists verify_* checks above
    if res["experiment"] == "similarity":
        ref = {}
        for layer in res["similarity"]["layers"]:
            for g in ("target", "nontarget"):
                for m in "QKV":
                    p = layer[g]["profiles"][m]
                    ref[(str(layer["layer"]), g, m)] = [num(p["variance"]), num(p["mean"]), num(p["meanAbs"])]
        got = {(r["layer"], r["group"], r["matrix"]): [float(r["variance"]), float(r["mean"]), float(r["mean_abs"])]
               for r in rows("profiles.csv")}
        rep.exact("profiles.csv keys", sorted(got), sorted(ref))
        keys = sorted(ref)
        rep.add("profiles.csv = results.json", [got.get(k, [math.nan] * 3) for k in keys], [ref[k] for k in keys], 0.0, "abs")
        if (d / "spectrum_summary.csv").exists():
            ref = {}
            for layer in res["similarity"]["layers"]:
                for g in ("target", "nontarget"):
                    for b, kinds in layer[g].get("spectrumSummary", {}).items():
                        for kind, m in kinds.items():
                            ref[(str(layer["layer"]), g, b, kind)] = [num(m[f]) for f in MASS_FIELDS]
            got = {(r["layer"], r["group"], r["block"], r["mass"]): [float(r[f]) for f in MASS_FIELDS]
                   for r in rows("spectrum_summary.csv")}
            rep.exact("spectrum_summary.csv keys", sorted(got), sorted(ref))
            keys = sorted(ref)
            rep.add("spectrum_summary.csv = results.json", [got.get(k, [math.nan] * len(MASS_FIELDS)) for k in keys],
                    [ref[k] for k in keys], 0.0, "abs")
    else:
        mi = res["mi-distance"]
        ours, ref = [], []
        for r in rows("pairs.csv"):
            layer = mi["layers"][int(r["layer"])]
            k = next(i for i, p in enumerate(mi["pairs"]) if p["i"] == int(r["i"]) and p["j"] == int(r["j"]))
            ours.append(float(r["mi"]))
            ref.append(num(layer[r["site"]]["pairMi"][k]))
        rep.exact("pairs.csv rows", [len(ours)], [len(mi["layers"]) * 2 * len(mi["pairs"])])
        rep.add("pairs.csv = results.json", ours, ref, 0.0, "abs")
        ours, ref = [], []
        for r in rows("profiles.csv"):
            layer = mi["layers"][int(r["layer"])][r["site"]]
            ours += [float(r["mean_mi"]), float(r["tau"]), float(r["tau_p"])]
            ref += [num(layer["meanMi"]), num(layer["tau"]), num(layer["tauP"])]
        rep.add("profiles.csv = results.json", ours, ref, 0.0, "abs")
        ours, ref = [], []
        flags, ref_flags = [], []
        for r in rows("tests.csv"):
            li = int(r["layer"])
            layer = mi["layers"][li]
            ours += [float(r["t"]), float(r["p"]), float(r["p_bonferroni"]), float(r["p_fdr"]), float(r["fisher_z"]),
                     float(r["fisher_p_bonferroni"]), float(r["fisher_p_fdr"])]
            ref += [num(layer["t"]), num(layer["p"]), num(layer["pBonferroni"]), num(mi["pFdr"][li]), num(layer["fisherZ"]),
                    num(layer["fisherPBonferroni"]), num(mi["fisherPFdr"][li])]
            flags += [r["significant_bonferroni"], r["significant_fdr"], r["fisher_significant_bonferroni"],
                      r["fisher_significant_fdr"]]
            ref_flags += ["1" if f else "0" for f in (mi["significantBonferroni"][li], mi["significantFdr"][li],
                                                      mi["fisherSignificantBonferroni"][li], mi["fisherSignificantFdr"][li])]
        rep.add("tests.csv = results.json", ours, ref, 0.0, "abs")
        rep.exact("tests.csv significance = results.json", flags, ref_flags)
        verify_control_tables(mi, rows, rep)


def verify_control_tables(mi, rows, rep):
    """The control columns of the CSV tables (issue 10) repeat results.json."""
    def cell(v):
        return math.nan if v == "" else float(v)
    fdr = mi.get("controls", {}).get("fdr", {})

    def fdr_at(key, li):
        return num(fdr[key]["pFdr"][li]) if key in fdr else math.nan
    ours, ref = [], []
    for r in rows("pairs.csv"):
        c = mi["layers"][int(r["layer"])].get("controls")
        if c is None:
            continue
        k = next(i for i, p in enumerate(mi["pairs"]) if p["i"] == int(r["i"]) and p["j"] == int(r["j"]))
        cj = c[r["site"]]
        mi_k = num(mi["layers"][int(r["layer"])][r["site"]]["pairMi"][k])
        e = cj.get("estimatorComparison")
        ours += [cell(r["floor"]), cell(r["mi_above_floor"]), cell(r["hist_mi"]), cell(r["ksg_mi"])]
        ref += [num(cj["floor"][k]), mi_k - num(cj["floor"][k]), num(e["histMi"][k]) if e else math.nan,
                num(e["ksgMi"][k]) if e else math.nan]
    rep.add("pairs.csv controls = results.json", ours, ref, 0.0, "abs")
    ours, ref = [], []
    for r in rows("profiles.csv"):
        li = int(r["layer"])
        c = mi["layers"][li].get("controls")
        if c is None:
            continue
        cj = c[r["site"]]
        e = cj.get("estimatorComparison")
        ours += [cell(r[k]) for k in ("mean_floor", "mean_above_floor", "tau_null_low", "tau_null_high",
                                      "tau_permutation_p", "tau_permutation_p_fdr", "estimator_pearson",
                                      "estimator_spearman")]
        ref += [num(cj["meanFloor"]), num(cj["meanAboveFloor"]), num(cj["kendallNull"]["nullLow"]),
                num(cj["kendallNull"]["nullHigh"]), num(cj["kendallNull"]["p"]),
                fdr_at("kendallPermutation" + r["site"].capitalize(), li),
                num(e["pearson"]) if e else math.nan, num(e["spearman"]) if e else math.nan]
    rep.add("profiles.csv controls = results.json", ours, ref, 0.0, "abs")
    ours, ref = [], []
    for r in rows("tests.csv"):
        li = int(r["layer"])
        c = mi["layers"][li].get("controls")
        if c is None:
            continue
        f = c["siteSignFlip"]
        ours += [cell(r[k]) for k in ("paired_t", "paired_df", "paired_p", "paired_p_fdr", "wilcoxon_statistic",
                                      "wilcoxon_p", "wilcoxon_p_fdr", "sign_flip_mean_difference", "sign_flip_null_low",
                                      "sign_flip_null_high", "sign_flip_p", "sign_flip_p_fdr", "shared_bins")]
        ref += [num(c["pairedT"]["t"]), num(c["pairedT"]["df"]), num(c["pairedT"]["p"]), fdr_at("pairedT", li),
                num(c["wilcoxon"]["statistic"]), num(c["wilcoxon"]["p"]), fdr_at("wilcoxon", li), num(f["observed"]),
                num(f["nullLow"]), num(f["nullHigh"]), num(f["p"]), fdr_at("siteSignFlip", li), c["sharedBins"]]
    rep.add("tests.csv controls = results.json", ours, ref, 0.0, "abs")


# --- controls (issue 10): permutation nulls, estimator floor, Miller-Madow, shared bins,
# spectrum summary. Each replays the C++ draw scheme documented in core/analysis
# (mi_permutation_null.h, mi_estimator_floor.h, spectrum_summary.h) from the saved seed.
def permutation_stream(test, layer, site):
    """test: 1 = Kendall tau, 2 = site difference (core/analysis/mi_permutation_null.h)."""
    return (0x5045524D << 32) | (test << 24) | (layer << 8) | site


def floor_stream(layer, site, pair):
    return (0x464C << 48) | (layer << 32) | (site << 24) | pair


def seeded_permutation_and_state(n, state):
    """seeded_permutation, also returning the state after it (for draws that follow)."""
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        state, j = uniform_below(state, i + 1)
        p[i], p[j] = p[j], p[i]
    return np.array(p, dtype=np.int64), state


def kendall_s(x, y):
    """Kendall's S = concordant - discordant, from the definition (an integer)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    return int(np.triu(sx * sy, 1).sum())


def kendall_permutation_null(distance, mi, group, permutations, state):
    """(observed tau, null taus, #extreme, p): distances shuffled within groups, extreme by |S|."""
    from scipy import stats
    distance, mi = np.asarray(distance, dtype=np.float64), np.asarray(mi, dtype=np.float64)
    observed = stats.kendalltau(distance, mi).statistic
    if math.isnan(observed):
        return math.nan, [], 0, math.nan
    s_obs = abs(kendall_s(distance, mi))
    groups = [np.flatnonzero(np.asarray(group) == g) for g in sorted(set(group))]
    null, extreme = [], 0
    shuffled = distance.copy()
    for _ in range(permutations):
        for pos in groups:
            perm, state = seeded_permutation_and_state(len(pos), state)
            shuffled[pos] = distance[pos[perm]]
        null.append(stats.kendalltau(shuffled, mi).statistic)
        extreme += abs(kendall_s(shuffled, mi)) >= s_obs
    return observed, null, extreme, (1 + extreme) / (1 + permutations)


def site_difference_sign_flip_null(attn, mlp, permutations, state):
    """(observed mean difference, null means, #extreme, p) under within-pair label swaps."""
    d = np.asarray(attn, dtype=np.float64) - np.asarray(mlp, dtype=np.float64)
    if d.size == 0:
        return math.nan, [], 0, math.nan
    observed = float(np.mean(d))
    threshold = abs(observed) * (1 - 1e-12)
    null, extreme = [], 0
    for _ in range(permutations):
        flip = np.zeros(d.size, dtype=bool)
        for k in range(d.size):
            if k % 64 == 0:
                state, word = splitmix64(state)
            flip[k] = (word >> (k % 64)) & 1
        value = float(np.mean(np.where(flip, -d, d)))
        null.append(value)
        extreme += abs(value) >= threshold
    return observed, null, extreme, (1 + extreme) / (1 + permutations)


def miller_madow_bias(x, y, b):
    """(occupied cells - occupied x bins - occupied y bins + 1) / (2n) of the B x B histogram."""
    c, _, _ = np.histogram2d(x, y, bins=b)
    cells = int((c > 0).sum())
    bx, by = int((c.sum(axis=1) > 0).sum()), int((c.sum(axis=0) > 0).sum())
    return (cells - bx - by + 1) / (2.0 * len(x))


def mi_floor(x, y, b, state):
    """Histogram MI of kept samples x against y permuted by seeded_permutation(len(y), state)."""
    perm = seeded_permutation(len(y), state)
    return hist_mi(x, y[perm], b)


def shared_fd_bins(per_pair_bins):
    """The lower median of the per-pair clamped Freedman-Diaconis counts."""
    s = sorted(per_pair_bins)
    return s[(len(s) - 1) // 2]


def spectrum_masses(xn, d, high, low):
    out = []
    for name, v in block_values(xn, d).items():
        a = np.abs(v)
        out.append((float((a > high).mean()) if a.size else 0.0, float((a < low).mean()) if a.size else 0.0))
    return out


def subset_pairs(d, pairs, state):
    """(first, second, state): `pairs` column pairs per block, drawn as spectrum_summary.h says."""
    first, second = [], []
    for a, b in BLOCK_PAIRS:
        for _ in range(pairs):
            while True:
                state, i = uniform_below(state, d)
                state, j = uniform_below(state, d)
                if a != b or i != j:
                    break
            first.append(a * d + i)
            second.append(b * d + j)
    return np.array(first), np.array(second), state


def subset_masses(products, squares, first, second, w, pairs, high, low):
    """[block][high, low] of the subset's cosines among rows weighted by w (how often drawn);
    products = x[:, first] * x[:, second] and squares = x * x, the same for every weighting."""
    num_ = w @ products
    den = w @ squares
    both = den[first] * den[second]
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.abs(np.clip(np.where(both > 0, num_ / np.sqrt(np.where(both > 0, both, 1.0)), 0.0), -1.0, 1.0))
    c = c.reshape(len(BLOCKS), pairs)
    return [((c[b] > high).sum() / pairs, (c[b] < low).sum() / pairs) for b in range(len(BLOCKS))]


def spectrum_summary(x, d, high, low, centre, replicates, level, state, pairs=0):
    """[(block, (value, lower, upper, se, bias) of |cos| > high, the same of |cos| < low)]: the masses
    on X (every pair) and a bootstrap over rows (with pairs > 0, of a seeded subset of pairs):
    se = std (ddof 1) of the replicates, bias = their mean minus the same pairs' mass on X, and
    the normal interval value -+ norm.ppf((1 + level) / 2) se clipped to [0, 1]."""
    from scipy import stats
    x = np.asarray(x, dtype=np.float64)
    n = x.shape[0]
    observed = spectrum_masses(unit_columns(x, centre), d, high, low)
    on_x = observed
    if pairs > 0:
        first, second, state = subset_pairs(d, pairs, state)
        products, squares = x[:, first] * x[:, second], x * x
        on_x = subset_masses(products, squares, first, second, np.ones(n), pairs, high, low)
    reps = []
    for _ in range(replicates):
        idx = []
        for _i in range(n):
            state, k = uniform_below(state, n)
            idx.append(k)
        if pairs > 0:
            reps.append(subset_masses(products, squares, first, second,
                                      np.bincount(idx, minlength=n).astype(np.float64), pairs, high, low))
        else:
            reps.append(spectrum_masses(unit_columns(x[idx], centre), d, high, low))
    reps = np.array(reps)  # [R, block, 2]
    z = stats.norm.ppf((1 + level) / 2)
    out = []
    for b, name in enumerate(BLOCKS):
        row = [name]
        for k in range(2):
            value = observed[b][k]
            se = float(np.std(reps[:, b, k], ddof=1))
            bias = float(np.mean(reps[:, b, k]) - on_x[b][k])
            row.append((value, min(max(value - z * se, 0.0), 1.0), min(max(value + z * se, 0.0), 1.0), se, bias))
        out.append(tuple(row))
    return out


def option(argv, name):
    if name in argv:
        i = argv.index(name)
        if i + 1 < len(argv):
            return argv[i + 1]
    return None


def main(argv):
    positional = [a for i, a in enumerate(argv[1:], 1) if not a.startswith("--") and not argv[i - 1] in
                  ("--model", "--cli", "--sentences")]
    if len(positional) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    d = Path(positional[0])
    model = option(argv, "--model")
    cli = option(argv, "--cli") or shutil.which("laminar-cli")
    rep = Report()
    rc = verify_directory(d, rep, model, cli, argv)
    if rc is not None:
        return rc
    if "--quiet" not in argv:
        rep.print()
    if rep.failures:
        print(f"\n{len(rep.failures)} discrepancies beyond tolerance:", file=sys.stderr)
        for f in rep.failures[:50]:
            print("  " + f, file=sys.stderr)
        return 1
    print(f"verify_results: {d}: every number reproduced within tolerance" +
          (" and every vector is its hook's activation, bit for bit" if model else ""))
    return 0


def verify_directory(d, rep, model, cli, argv, control=None):
    """Checks one results set (and its untrained control's, in its subdirectory) into `rep`;
    returns an exit status when the directory cannot be checked at all, else None."""
    try:
        res = json.loads((d / "results.json").read_text(encoding="utf-8"))
        vec = read_safetensors(d / "vectors.safetensors")
    except (OSError, ValueError, KeyError) as e:
        print(f"verify_results: {d}: cannot read: {e}", file=sys.stderr)
        return 2
    if res.get("format") != "laminar-results":
        print(f"verify_results: {d}: not a Laminar results directory", file=sys.stderr)
        return 2
    listed = [v["name"] for v in res.get("vectors", [])]
    rep.exact("vectors listed = stored", sorted(listed), sorted(vec), str(d))
    if res["experiment"] == "similarity":
        verify_similarity(res, vec, rep)
    elif res["experiment"] == "mi-distance":
        verify_mi(res, vec, rep)
    elif res["experiment"] == "logit-lens":
        verify_logit_lens(res, vec, rep, None if control is not None else model)
    elif res["experiment"] == "attention-pattern":
        verify_attention_pattern(res, vec, rep)
    else:
        print(f"verify_results: unknown experiment {res['experiment']!r}", file=sys.stderr)
        return 2
    verify_tables(res, d, rep)
    if model and control is None:  # the control's model exists only in memory (its seed is saved)
        if not cli:
            print("verify_results: --model needs laminar-cli (give --cli PATH)", file=sys.stderr)
            return 2
        try:
            verify_provenance(res, vec, rep, model, cli, option(argv, "--sentences"))
        except (OSError, ValueError, KeyError, RuntimeError) as e:
            rep.fail("activation provenance", f"cannot check: {e}")
    if control is not None:
        # The control ran the run's analysis with the run's settings on the same sentences.
        c = res["metadata"].get("control", {})
        rep.exact("control: kind and seed", [c.get("kind"), c.get("seed")], [control.get("kind"), control.get("seed")])
        rep.exact("control: experiment", [res["experiment"]], [control["experiment"]])
        rep.exact("control: same settings", [json.dumps(res["metadata"]["settings"], sort_keys=True)],
                  [json.dumps(control["settings"], sort_keys=True)])
        rep.exact("control: same sentences", [res["metadata"]["sentences"]["sha256"]], [control["sentences"]])
        rep.exact("control: untrained model", [res["metadata"]["model"]["synthetic"], res["metadata"]["model"]["shape"]],
                  [True, control["shape"]])
    elif "control" in res["metadata"]:
        c = res["metadata"]["control"]
        sub = d / c["directory"]
        if not (sub / "results.json").exists():
            rep.fail("control", f"{sub}: missing")
        else:
            expect = dict(c, experiment=res["experiment"], settings=res["metadata"]["settings"],
                          sentences=res["metadata"]["sentences"]["sha256"], shape=res["metadata"]["model"]["shape"])
            sub_rep = Report()
            rc = verify_directory(sub, sub_rep, model, cli, argv, control=expect)
            if rc is not None:
                return rc
            for stat, row in sub_rep.rows.items():
                rep.rows[f"control: {stat}"] = row
            rep.failures += [f"control: {f}" for f in sub_rep.failures]
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv))
