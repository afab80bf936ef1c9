"""Peer of bench/mi_bench.cpp: experiment 2's pair MIs as a Python user would compute them,
on the vectors a Laminar run saved (results.json + vectors.safetensors of
`laminar-cli analyze mi-distance`): z-score trimming with scipy, then
  * KSG: sklearn.feature_selection.mutual_info_regression(x[:, None], y, n_neighbors=k);
  * histogram: numpy.histogram_bin_edges(pooled, 'fd') clamped to [4, 64] bins, numpy.histogram2d,
    the plug-in MI in numpy.
Times CPU seconds (time.process_time) and wall seconds over every pair x layer x site and
prints JSON. scikit-learn 1.2's mutual_info_regression has no n_jobs: it runs on one core.
usage: /usr/bin/python3 bench/peer_mi_sklearn.py RESULTS_DIR [--layers N]"""
import json, sys, time
from pathlib import Path
import numpy as np
from scipy import stats
from sklearn.feature_selection import mutual_info_regression

# The safetensors reader verify_results.py already has (numpy only).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from verify_results import read_safetensors as load_vectors  # noqa: E402


def trimmed(x, y, threshold, ddof):
    if threshold == 0:
        return x, y
    def z(v):
        s = v.std(ddof=ddof)
        return np.zeros_like(v) if s == 0 else (v - v.mean()) / s
    keep = (np.abs(z(x)) <= threshold) & (np.abs(z(y)) <= threshold)
    return x[keep], y[keep]


def hist_mi(x, y):
    bins = int(np.clip(len(np.histogram_bin_edges(np.concatenate([x, y]), bins="fd")) - 1, 4, 64))
    joint, _, _ = np.histogram2d(x, y, bins=bins)
    p = joint / joint.sum()
    px, py = p.sum(1, keepdims=True), p.sum(0, keepdims=True)
    nz = p > 0
    return max(0.0, float((p[nz] * np.log(p[nz] / (px @ py)[nz])).sum()))


def main():
    d = sys.argv[1]
    layers = int(sys.argv[sys.argv.index("--layers") + 1]) if "--layers" in sys.argv else None
    res = json.load(open(f"{d}/results.json"))
    sec = res["mi-distance"]
    s = sec["settings"]
    vec = load_vectors(f"{d}/vectors.safetensors")
    n_layer = sec["nLayer"] if layers is None else min(layers, sec["nLayer"])
    pairs = [(p["i"], p["j"]) for p in sec["pairs"]]
    work = []
    for l in range(n_layer):
        for site in ("attn", "mlp"):
            v = vec[f"layer{l}.{site}"].astype(np.float64)
            work += [trimmed(v[i], v[j], s["zTrim"], s["zDdof"]) for i, j in pairs]
    report = {"results": d, "layers": n_layer, "pairs": len(pairs), "pairMis": len(work),
              "sklearn": __import__("sklearn").__version__, "numpy": np.__version__}
    t, w = time.process_time(), time.perf_counter()
    ksg = [mutual_info_regression(x[:, None], y, n_neighbors=s["ksgK"], random_state=0)[0] for x, y in work]
    report["ksg"] = {"cpuSeconds": time.process_time() - t, "wallSeconds": time.perf_counter() - w,
                     "meanMi": float(np.mean(ksg))}
    t, w = time.process_time(), time.perf_counter()
    hist = [hist_mi(x, y) for x, y in work]
    report["hist"] = {"cpuSeconds": time.process_time() - t, "wallSeconds": time.perf_counter() - w,
                      "meanMi": float(np.mean(hist))}
    for k in ("ksg", "hist"):
        report[k]["microsecondsPerPair"] = report[k]["cpuSeconds"] / len(work) * 1e6
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
