"""Laminar beside its Python/PyTorch peers, in one session, one program at a time.

  /usr/bin/python3 bench/side_by_side.py BUILD_DIR DATA_DIR [--runs N] [--skip-peer]

DATA_DIR receives the GPT-2 XL-shaped synthetic checkpoint (`laminar-cli make-synthetic
--shape gpt2-xl`, 6.4 GB: keep it outside the repository) and the results directories.
Per run: Laminar's experiment 1 on resources/examples/her.txt and experiment 2 on coffee.txt
(default threads; experiment 2 with the original analysis's bins and raw MI, once with
Laminar's controls and once with only the work the peer does), then the peers of ../shared/bench on the same token ids
(PEER_IDS_JSON built with `laminar-cli tokenize`, target positions from Laminar's run):
peer_exp1_cpu.py (forward + notebook analysis of experiment 1) and peer_cpu_bench.py
(forward + capture for experiment 2's text), with bench/peer_mi_sklearn.py for experiment 2's
MI statistics (also both pinned to each core in turn: see mi_by_core). Before each program: the 1/5/15-minute load average and the free memory are
recorded (the XL model mmap'd is ~6.4 GB, the Python peer peaks ~11 GB: never run two at
once). Prints a JSON report and writes it to DATA_DIR/side_by_side.json.

The peers need Debian's PyTorch for /usr/bin/python3 (`apt-get install python3-torch`: the
same libtorch and OpenBLAS as Laminar), which tools/setup.sh leaves out because only this
benchmark uses it. Each program's conditions record OPENBLAS_CORETYPE: compare runs made
with the same kernels."""
import json, os, re, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEERS = os.path.join(REPO, "..", "shared", "bench")
PY = "/usr/bin/python3"


def conditions():
    load = open("/proc/loadavg").read().split()[:3]
    mem = {l.split(":")[0]: int(l.split()[1]) for l in open("/proc/meminfo")}
    return {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "load": [float(x) for x in load],
            "availableGiB": round(mem["MemAvailable"] / 2**20, 1),
            "openblasCoreType": os.environ.get("OPENBLAS_CORETYPE", "")}


def run(cmd, env=None, need_gib=0):
    c = conditions()
    if c["availableGiB"] < need_gib:
        raise SystemExit(f"only {c['availableGiB']} GiB available, {need_gib} needed for {cmd[0]}: not starting")
    print(f"[{c['time']}] load {c['load']} free {c['availableGiB']} GiB: {' '.join(cmd)}", file=sys.stderr, flush=True)
    t = time.time()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.time() - t
    if p.returncode != 0:
        raise SystemExit(f"{cmd} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    c["loadAfter"] = conditions()["load"]
    return p.stdout, p.stderr, wall, c


def texts_of(path):
    return [l.strip() for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]


def tokenize(cli, model, texts, scratch):
    f = os.path.join(scratch, "texts.json")
    json.dump(texts, open(f, "w"))
    out, _, _, _ = run([cli, "tokenize", "--tokenizer", model, "--texts-json", f])
    return json.loads(out)["ids"]


def laminar(cli, model, experiment, sentences, out, extra=()):
    _, _, wall, cond = run([cli, "analyze", experiment, "--model", model, "--sentences", sentences, "--out", out,
                            *extra], need_gib=8)
    meta = json.load(open(os.path.join(out, "results.json")))["metadata"]
    t = meta["timings"]
    layers = t["layers"]
    return {"wallSeconds": wall, "forwardSeconds": t["forwardSeconds"], "analysisSeconds": t["analysisSeconds"],
            "checksumWaitSeconds": t["checksumSeconds"], "totalSeconds": t["totalSeconds"],
            "layersWithAnalysisCheaperThanForward": sum(l["analysisSeconds"] < l["forwardSeconds"] for l in layers),
            "maxLayerAnalysisSeconds": max(l["analysisSeconds"] for l in layers),
            "threads": meta.get("threads"), "peakResidentGB": meta["peakResidentBytes"] / 1e9, "conditions": cond}


def mi_by_core(mi_bench, exp2):
    """One thread's MI statistics, Laminar's and the peer's, pinned to each core in turn.
    The cores of a virtual machine need not be equal: on the development machine one vCPU ran
    the same histogram MI in 69-79 ms and the other in 51-52 ms (2026-12-06), so an unpinned
    single-thread figure depends on where the scheduler put it. Same-core pairs compare."""
    out = []
    for core in range(os.cpu_count()):
        pin = ["taskset", "-c", str(core)]
        lam, _, _, c1 = run(pin + [mi_bench, exp2, "--repeat", "3"])
        peer, _, _, c2 = run(pin + [PY, os.path.join(HERE, "peer_mi_sklearn.py"), exp2])
        out.append({"core": core, "laminar": json.loads(lam), "peer": json.loads(peer), "conditions": [c1, c2]})
    return out


def main():
    build, data = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1
    cli = os.path.join(build, "cli", "laminar-cli")
    model = os.path.join(data, "gpt2-xl")
    os.makedirs(data, exist_ok=True)
    report = {"machine": {"cores": os.cpu_count()}, "runs": []}
    if not os.path.exists(os.path.join(model, "config.json")):
        _, _, wall, cond = run([cli, "make-synthetic", "--shape", "gpt2-xl", "--out", model], need_gib=4)
        report["makeSynthetic"] = {"wallSeconds": wall, "conditions": cond}
    her = os.path.join(REPO, "resources", "examples", "her.txt")
    coffee = os.path.join(REPO, "resources", "examples", "coffee.txt")
    for r in range(runs):
        entry = {}
        exp1 = os.path.join(data, f"exp1-run{r}")
        exp2 = os.path.join(data, f"exp2-run{r}")
        entry["laminarExp1"] = laminar(cli, model, "similarity", her, exp1)
        # Parity with the original analysis (docs/controls.md): per-pair FD bins, raw MI, as the
        # original notebooks and bench/peer_mi_sklearn.py compute it.
        entry["laminarExp2"] = laminar(cli, model, "mi-distance", coffee, exp2, ("--bins", "fd", "--mi-compared", "raw"))
        # The peer's work alone: no second estimator and one permutation per null (the peer
        # computes neither); the estimator floors stay (always on, ~0.04 s).
        entry["laminarExp2PeerWork"] = laminar(cli, model, "mi-distance", coffee, os.path.join(data, f"exp2-peer-work-run{r}"),
                                               ("--bins", "fd", "--mi-compared", "raw", "--compare-ksg", "off",
                                                "--permutations", "1"))
        mi_bench = os.path.join(build, "bench", "laminar-bench-mi")
        if os.path.exists(mi_bench):
            mi_out, _, _, mi_cond = run([mi_bench, exp2, "--repeat", "3"])
            entry["laminarMi"] = json.loads(mi_out)
            entry["laminarMi"]["conditions"] = mi_cond
            # The app's default: a layer's pairs spread over the cores (scikit-learn 1.2's
            # mutual_info_regression has no n_jobs and runs on one).
            mi_out, _, _, mi_cond = run([mi_bench, exp2, "--repeat", "3", "--estimator", "ksg",
                                         "--threads", str(os.cpu_count())])
            entry["laminarMiAllCores"] = json.loads(mi_out)
            entry["laminarMiAllCores"]["conditions"] = mi_cond
        gemm = os.path.join(build, "bench", "laminar-bench-gemm-floor")
        if os.path.exists(gemm):  # experiment 2's forward against its matrix products alone
            # The tokens the forward ran (to the last occurrence), not the text's length.
            tokens = json.load(open(os.path.join(exp2, "results.json")))["metadata"]["sentences"]["tokensRun"]
            gemm_out, _, _, gemm_cond = run([gemm, "--tokens", str(tokens)])
            entry["laminarGemmFloor"] = json.loads(gemm_out)
            entry["laminarGemmFloor"]["conditions"] = gemm_cond
        if "--skip-peer" not in sys.argv:
            # Peer inputs: the same token ids; experiment 1's target rows where Laminar found them.
            sec = json.load(open(os.path.join(exp1, "results.json")))["similarity"]
            texts = texts_of(her)
            used = sec["groups"]["target"]["textIndex"]
            ids = tokenize(cli, model, [texts[i] for i in used], data)
            ids1 = os.path.join(data, "peer_ids_her.json")
            json.dump({"ids": ids, "target": sec["groups"]["target"]["tokenPosition"]}, open(ids1, "w"))
            out, err, wall, cond = run([PY, os.path.join(PEERS, "peer_exp1_cpu.py"), "2"],
                                       env=dict(os.environ, PEER_IDS_JSON=ids1), need_gib=12)
            text = out + err
            m = re.search(r"forward\+capture ([\d.]+) s", text)
            a = re.search(r"analysis ([\d.]+) s", text)
            entry["peerExp1"] = {"forwardSeconds": float(m.group(1)), "analysisSeconds": float(a.group(1)),
                                 "wallSeconds": wall, "output": text.strip().splitlines()[-2:], "conditions": cond}
            ids2 = os.path.join(data, "peer_ids_coffee.json")
            json.dump({"ids": tokenize(cli, model, texts_of(coffee), data)}, open(ids2, "w"))
            out, err, wall, cond = run([PY, os.path.join(PEERS, "peer_cpu_bench.py"), "2"],
                                       env=dict(os.environ, PEER_IDS_JSON=ids2), need_gib=12)
            m = re.search(r"forward\+capture ([\d.]+) s", out + err)
            entry["peerExp2Forward"] = {"forwardSeconds": float(m.group(1)), "wallSeconds": wall,
                                        "output": (out + err).strip().splitlines()[-1:], "conditions": cond}
            out, _, _, cond = run([PY, os.path.join(HERE, "peer_mi_sklearn.py"), exp2])
            entry["peerMi"] = json.loads(out)
            entry["peerMi"]["conditions"] = cond
            mi_bench = os.path.join(build, "bench", "laminar-bench-mi")
            if os.path.exists(mi_bench) and shutil.which("taskset"):
                entry["miByCore"] = mi_by_core(mi_bench, exp2)
        report["runs"].append(entry)
        json.dump(report, open(os.path.join(data, "side_by_side.json"), "w"), indent=1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
