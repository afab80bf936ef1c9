#!/usr/bin/python3
"""laminar-cli analyze end to end: a synthetic model, both experiments on the shipped example
sets, every saved number recomputed by tools/verify_results.py and every saved vector checked against
the model's hooks (--model), bad input refused with exit 1.

usage: cli_verify_test.py LAMINAR_CLI SOURCE_DIR
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

cli, src = sys.argv[1], Path(sys.argv[2])
verify = src / "tools" / "verify_results.py"
examples = src / "resources" / "examples"
failures = []


THREAD_VARS = ("LAMINAR_THREAD_ENV", "OMP_WAIT_POLICY", "OPENBLAS_THREAD_TIMEOUT")
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in THREAD_VARS}


def run(args, expect_rc, env=CLEAN_ENV):
    p = subprocess.run([cli] + args, capture_output=True, text=True, env=env)
    if p.returncode != expect_rc:
        failures.append(f"{' '.join(args)}: exit {p.returncode}, expected {expect_rc}\n{p.stderr}")
    return p


with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    run(["make-synthetic", "--shape", "64x2x4", "--seed", "0", "--out", str(tmp / "model")], 0)
    p = run(["analyze", "similarity", "--model", str(tmp / "model"), "--sentences", str(examples / "her.txt"),
             "--bins", "31", "--seed", "4", "--out", str(tmp / "sim")], 0)
    if "layer 2/2" not in p.stderr or "remaining" not in p.stderr:
        failures.append("similarity: no per-layer progress on stderr:\n" + p.stderr)
    p = run(["analyze", "mi-distance", "--model", str(tmp / "model"), "--sentences", str(examples / "coffee.txt"),
             "--estimator", "ksg", "--ttest", "welch", "--z-trim", "3", "--out", str(tmp / "mi")], 0)
    p = run(["analyze", "mi-distance", "--model", str(tmp / "model"), "--sentences", str(examples / "coffee.txt"),
             "--bins", "12", "--out", str(tmp / "mi-hist")], 0)
    # The controls of issue 10: the defaults (shared-fd bins, MI above floor, 1000 permutations,
    # KSG comparison), parity with the original analysis, and Miller-Madow with fewer permutations.
    p = run(["analyze", "mi-distance", "--model", str(tmp / "model"), "--sentences", str(examples / "coffee.txt"),
             "--out", str(tmp / "mi-controls")], 0)
    run(["analyze", "mi-distance", "--model", str(tmp / "model"), "--sentences", str(examples / "coffee.txt"),
         "--bins", "fd", "--mi-compared", "raw", "--out", str(tmp / "mi-parity")], 0)
    run(["analyze", "mi-distance", "--model", str(tmp / "model"), "--sentences", str(examples / "coffee.txt"),
         "--bins", "fd", "--bias-correction", "miller-madow", "--permutations", "199", "--seed", "7",
         "--compare-ksg", "off", "--out", str(tmp / "mi-mm")], 0)
    run(["analyze", "logit-lens", "--model", str(tmp / "model"), "--sentences", str(examples / "her.txt"),
         "--text", "2", "--top-k", "4", "--out", str(tmp / "lens")], 0, env=dict(CLEAN_ENV, OMP_WAIT_POLICY="ACTIVE"))
    # Idle threads sleep unless the user chose otherwise (util/thread_wait_policy.h); the
    # results say how the run waited.
    for out, expected in (("sim", {"OMP_WAIT_POLICY": "PASSIVE", "OPENBLAS_THREAD_TIMEOUT": "4"}),
                          ("lens", {"OMP_WAIT_POLICY": "ACTIVE", "OPENBLAS_THREAD_TIMEOUT": "4"})):
        seen = json.loads((tmp / out / "results.json").read_text())["metadata"].get("threadWaitPolicy")
        if seen != expected:
            failures.append(f"{out}: threadWaitPolicy {seen}, expected {expected}")
    # ... and libgomp itself read the policy when it started (it prints its settings at start
    # under OMP_DISPLAY_ENV=verbose: a passive team does not spin). A pool-free subcommand
    # is spared the restart, so libgomp starts with its default spinning there.
    for args, passive in ((["analyze", "--help"], True), (["tokenize", "--help"], False)):
        p = run(args, 0, env=dict(CLEAN_ENV, OMP_DISPLAY_ENV="verbose"))
        spin = [l.split("=", 1)[1].strip() for l in p.stderr.splitlines() if "GOMP_SPINCOUNT" in l]
        if len(spin) != 1 or (spin[0] == "'0'") != passive:
            failures.append(f"{' '.join(args)}: libgomp started with GOMP_SPINCOUNT {spin}, expected "
                            + ("'0' (passive)" if passive else "its spinning default"))
    # The OpenBLAS kernels as the machine chose them, recorded and left alone.
    sim_metadata = json.loads((tmp / "sim" / "results.json").read_text())["metadata"]
    seen = sim_metadata.get("openblasCoreType")
    if seen != os.environ.get("OPENBLAS_CORETYPE", ""):
        failures.append(f"sim: openblasCoreType {seen!r}, the environment has {os.environ.get('OPENBLAS_CORETYPE')!r}")
    # What ran the GEMMs, as --version says it (oneDNN, or libtorch's BLAS in a build without it).
    seen = sim_metadata.get("cpuGemm", "")
    version = run(["--version"], 0).stdout
    if not seen.startswith(("oneDNN ", "libtorch addmm")) or f"CPU GEMMs {seen}," not in version:
        failures.append(f"sim: cpuGemm {seen!r}, --version says {version.strip()!r}")
    run(["analyze", "attention-pattern", "--model", str(tmp / "model"), "--sentences", str(examples / "her.txt"),
         "--text", "3", "--out", str(tmp / "attn")], 0)
    # Characters BPE splits between tokens (Vietnamese "ữ", an emoji): the token labels name
    # their bytes, checked by verify_results against Python's decoder of the model's vocab.json.
    (tmp / "split.txt").write_text("# target: chữ\nTôi viết chữ rất đẹp.\nEm bé học chữ 🤖 cái đầu tiên.\n",
                                   encoding="utf-8")
    for analysis, out in (("logit-lens", "lens-split"), ("attention-pattern", "attn-split")):
        run(["analyze", analysis, "--model", str(tmp / "model"), "--sentences", str(tmp / "split.txt"), "--text", "2",
             "--out", str(tmp / out)], 0)
    # The lens's top tokens are a random model's guesses: seed 0's twenty best hold no piece of
    # a character, seed 3's do (the target's last byte, 0xAF of "ữ"). Checked here, so that the
    # label check of the top tokens below cannot pass by having nothing to look at.
    run(["make-synthetic", "--shape", "64x2x4", "--seed", "3", "--out", str(tmp / "model-3")], 0)
    run(["analyze", "logit-lens", "--model", str(tmp / "model-3"), "--sentences", str(tmp / "split.txt"), "--text", "2",
         "--top-k", "20", "--out", str(tmp / "lens-split-top")], 0)
    top = [t for l in json.loads((tmp / "lens-split-top" / "results.json").read_text())["logit-lens"]["layers"]
           for t in l["topTokens"]]
    if not any(t.startswith("<0x") for t in top):
        failures.append(f"lens-split-top: no piece of a character among the top tokens, nothing to check: {top}")
    # The untrained control (issue 10) beside the run, and the original's non-target range.
    p = run(["analyze", "similarity", "--model", str(tmp / "model"), "--sentences", str(examples / "her.txt"),
             "--bins", "31", "--seed", "4", "--allow-position-0", "--summary-replicates", "40", "--summary-pairs",
             "500", "--control", "untrained:7", "--out", str(tmp / "sim-control")], 0)
    if "untrained control: layer 2/2" not in p.stderr or "untrained control (seed 7)" not in p.stdout:
        failures.append("similarity --control: no control progress or summary:\n" + p.stderr + p.stdout)
    run(["analyze", "mi-distance", "--model", str(tmp / "model"), "--sentences", str(examples / "coffee.txt"),
         "--bins", "12", "--control", "untrained", "--out", str(tmp / "mi-control")], 0)
    for out in ("sim-control", "mi-control"):
        res = json.loads((tmp / out / "results.json").read_text())
        ctl = json.loads((tmp / out / "control" / "results.json").read_text())
        if res["metadata"]["control"]["directory"] != "control" or ctl["metadata"]["control"]["kind"] != "untrained":
            failures.append(f"{out}: control metadata missing:\n{res['metadata'].get('control')}")
        if ctl[ctl["experiment"]]["layers"] == res[res["experiment"]]["layers"]:
            failures.append(f"{out}: the control's numbers equal the run's")
    if not json.loads((tmp / "sim-control" / "results.json").read_text())["similarity"]["settings"]["allowPosition0"]:
        failures.append("--allow-position-0 not recorded in the settings")
    for out in ("sim", "mi", "mi-hist", "mi-controls", "mi-parity", "mi-mm", "lens", "attn", "lens-split", "attn-split",
                "lens-split-top", "sim-control", "mi-control"):
        # --model: every saved vector is also checked against the model's hooks, bit for bit.
        model = tmp / ("model-3" if out == "lens-split-top" else "model")
        v = subprocess.run([sys.executable, str(verify), str(tmp / out), "--model", str(model), "--cli", cli],
                           capture_output=True, text=True)
        print(v.stdout)
        if v.returncode != 0 or "activation provenance (bits)" not in v.stdout:
            failures.append(f"verify_results {out}: exit {v.returncode}\n{v.stdout}\n{v.stderr}")
        if out.endswith("-control") and "control: vectors listed = stored" not in v.stdout:
            failures.append(f"verify_results {out}: the control was not checked\n{v.stdout}")
        if out.startswith("sim") and "spectrum masses and bootstrap interval" not in v.stdout:
            failures.append(f"verify_results {out}: the spectrum summary was not replayed\n{v.stdout}")
        if out.startswith(("lens", "attn")) and "token labels" not in v.stdout:
            failures.append(f"verify_results {out}: the token labels were not checked\n{v.stdout}")

    # A doctored control number fails verification like a doctored run number.
    doctored = tmp / "sim-control-doctored"
    shutil.copytree(tmp / "sim-control", doctored)
    ctl = json.loads((doctored / "control" / "results.json").read_text())
    ctl["similarity"]["layers"][0]["nontarget"]["profiles"]["K"]["variance"] *= 1.001
    (doctored / "control" / "results.json").write_text(json.dumps(ctl))
    v = subprocess.run([sys.executable, str(verify), str(doctored)], capture_output=True, text=True)
    if v.returncode != 1 or "control: variance (ddof 1)" not in v.stderr:
        failures.append(f"verify_results missed a doctored control variance: exit {v.returncode}\n{v.stderr}")

    # The new analyses' own checks can fail: q and k swapped in a copy, and a doctored probability.
    doctored = tmp / "attn-swapped"
    shutil.copytree(tmp / "attn", doctored)
    raw = bytearray((doctored / "vectors.safetensors").read_bytes())
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    (q0, q1), (k0, k1) = header["layer1.q"]["data_offsets"], header["layer1.k"]["data_offsets"]
    q, k = raw[8 + n + q0:8 + n + q1], raw[8 + n + k0:8 + n + k1]
    raw[8 + n + q0:8 + n + q1], raw[8 + n + k0:8 + n + k1] = k, q
    (doctored / "vectors.safetensors").write_bytes(bytes(raw))
    v = subprocess.run([sys.executable, str(verify), str(doctored)], capture_output=True, text=True)
    if v.returncode != 1 or "softmax(q k^T" not in v.stderr:
        failures.append(f"verify_results missed swapped q and k: exit {v.returncode}\n{v.stderr}")
    doctored = tmp / "lens-doctored"
    shutil.copytree(tmp / "lens", doctored)
    res = json.loads((doctored / "results.json").read_text())
    res["logit-lens"]["layers"][1]["nextProb"][0] *= 1.01
    (doctored / "results.json").write_text(json.dumps(res))
    v = subprocess.run([sys.executable, str(verify), str(doctored), "--model", str(tmp / "model"), "--cli", cli],
                       capture_output=True, text=True)
    if v.returncode != 1 or "P(next) vs numpy" not in v.stderr:
        failures.append(f"verify_results missed a doctored logit-lens probability: exit {v.returncode}\n{v.stderr}")
    # A piece of a split character labelled as Hugging Face's decode writes it ("�"), as
    # results saved before 2026-12-07 hold it, is not the label of its bytes.
    for out, where in (("attn-split", ("attention-pattern", "tokens")), ("lens-split", ("logit-lens", "chosen", "tokens"))):
        doctored = tmp / (out + "-doctored")
        shutil.copytree(tmp / out, doctored)
        res = json.loads((doctored / "results.json").read_text())
        tokens = res
        for key in where:
            tokens = tokens[key]
        pieces = [k for k, t in enumerate(tokens) if t.startswith("<0x")]
        if not pieces:
            failures.append(f"{out}: no token holds a piece of a split character: {tokens}")
            continue
        tokens[pieces[0]] = "\ufffd"
        (doctored / "results.json").write_text(json.dumps(res))
        v = subprocess.run([sys.executable, str(verify), str(doctored), "--model", str(tmp / "model"), "--cli", cli],
                           capture_output=True, text=True)
        if v.returncode != 1 or "token labels" not in v.stderr:
            failures.append(f"verify_results missed a doctored token label in {out}: exit {v.returncode}\n{v.stderr}")
    # ... while a directory saved before token labels (every piece "�", as decode([id]) gives it)
    # still verifies.
    old = tmp / "attn-split-before-labels"
    shutil.copytree(tmp / "attn-split", old)
    res = json.loads((old / "results.json").read_text())
    res["attention-pattern"]["tokens"] = [re.sub(r"(<0x[0-9A-F]{2}>)+", "\ufffd", t) for t in res["attention-pattern"]["tokens"]]
    (old / "results.json").write_text(json.dumps(res))
    v = subprocess.run([sys.executable, str(verify), str(old), "--model", str(tmp / "model"), "--cli", cli],
                       capture_output=True, text=True)
    if v.returncode != 0 or "saved before 2026-12-07" not in v.stdout:
        failures.append(f"verify_results refused attention tokens as saved before token labels: exit {v.returncode}\n{v.stdout}{v.stderr}")

    # The controls are in results.json and the CSV tables, and verify_results re-derives them.
    res = json.loads((tmp / "mi-controls" / "results.json").read_text())["mi-distance"]
    st = res["settings"]
    if (st["bins"], st["miCompared"], st["permutations"], st["compareKsg"]) != ("shared-fd", "above-floor", 1000, "on"):
        failures.append(f"mi-distance defaults are not shared-fd / above-floor / 1000 / on: {st}")
    c0 = res["layers"][0]["controls"]
    if not (c0["sharedBins"] >= 4 and len(c0["attn"]["floor"]) == len(res["pairs"]) and "estimatorComparison" in c0["mlp"]
            and set(res["controls"]["fdr"]) == {"kendallPermutationAttn", "kendallPermutationMlp", "siteSignFlip",
                                                "pairedT", "wilcoxon"}):
        failures.append(f"mi-distance controls incomplete: {json.dumps(c0)[:400]}")
    for out in ("mi-controls", "mi-parity", "mi-mm"):
        v = subprocess.run([sys.executable, str(verify), str(tmp / out)], capture_output=True, text=True)
        for stat in ("estimator floor (seeded)", "Kendall tau null #extreme (seeded)", "sign-flip null p (seeded)",
                     "paired t (ttest_rel)", "Wilcoxon signed-rank p", "BH over layers: siteSignFlip",
                     "tests.csv controls = results.json"):
            if stat not in v.stdout:
                failures.append(f"verify_results {out}: no '{stat}' row\n{v.stdout}")
    v = subprocess.run([sys.executable, str(verify), str(tmp / "mi-controls")], capture_output=True, text=True)
    for stat in ("comparison: KSG MI", "estimators across layers (Pearson, Spearman)", "shared bins per layer"):
        if stat not in v.stdout:
            failures.append(f"verify_results mi-controls: no '{stat}' row\n{v.stdout}")
    if "pair MI (histogram, Miller-Madow)" not in subprocess.run(
            [sys.executable, str(verify), str(tmp / "mi-mm")], capture_output=True, text=True).stdout:
        failures.append("verify_results mi-mm: Miller-Madow pair MI not checked")
    # Parity: the original analysis's numbers are those of the run with fixed per-pair bins
    # (both "mi-hist" and "mi-parity" compare raw MI; the parity run's pair MIs match its fd bins).
    par = json.loads((tmp / "mi-parity" / "results.json").read_text())["mi-distance"]
    if par["settings"]["miCompared"] != "raw" or par["settings"]["bins"] != "fd":
        failures.append("parity run did not record --bins fd --mi-compared raw")
    # Doctored copies: one floor, one Kendall null count, one paired p, one across-layer
    # correlation changed: verify_results must fail naming each.
    for name, edit, expect in (
            ("floor", lambda m: m["layers"][1]["controls"]["mlp"]["floor"].__setitem__(
                3, m["layers"][1]["controls"]["mlp"]["floor"][3] + 1e-6), "estimator floor (seeded)"),
            ("kendall", lambda m: m["layers"][0]["controls"]["attn"]["kendallNull"].__setitem__(
                "atLeastAsExtreme", m["layers"][0]["controls"]["attn"]["kendallNull"]["atLeastAsExtreme"] + 1),
             "Kendall tau null #extreme (seeded)"),
            ("paired", lambda m: m["layers"][1]["controls"]["pairedT"].__setitem__(
                "p", m["layers"][1]["controls"]["pairedT"]["p"] * 1.001), "paired t p"),
            ("across", lambda m: m["controls"]["estimatorsAcrossLayers"]["both"].__setitem__(
                "spearman", 0.123), "estimators across layers")):
        doctored = tmp / f"mi-doctored-{name}"
        shutil.copytree(tmp / "mi-controls", doctored)
        res = json.loads((doctored / "results.json").read_text())
        edit(res["mi-distance"])
        (doctored / "results.json").write_text(json.dumps(res))
        v = subprocess.run([sys.executable, str(verify), str(doctored)], capture_output=True, text=True)
        if v.returncode != 1 or expect not in v.stderr:
            failures.append(f"verify_results missed a doctored {name}: exit {v.returncode}\n{v.stderr}")

    # The provenance check itself: swap the attention and MLP rows of layer 0 in a copy.
    swapped = tmp / "mi-swapped"
    shutil.copytree(tmp / "mi", swapped)
    raw = bytearray((swapped / "vectors.safetensors").read_bytes())
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    (a0, a1), (m0, m1) = header["layer0.attn"]["data_offsets"], header["layer0.mlp"]["data_offsets"]
    attn, mlp = raw[8 + n + a0:8 + n + a1], raw[8 + n + m0:8 + n + m1]
    raw[8 + n + a0:8 + n + a1], raw[8 + n + m0:8 + n + m1] = mlp, attn
    (swapped / "vectors.safetensors").write_bytes(bytes(raw))
    v = subprocess.run([sys.executable, str(verify), str(swapped), "--model", str(tmp / "model"), "--cli", cli],
                       capture_output=True, text=True)
    if v.returncode != 1 or "activation provenance (bits): layer0.attn" not in v.stderr:
        failures.append(f"verify_results --model missed swapped sites: exit {v.returncode}\n{v.stderr}")

    # A target typed with spaces around it is the word (as in the app's field and the files).
    run(["analyze", "attention-pattern", "--model", str(tmp / "model"), "--sentences", str(examples / "her.txt"),
         "--text", "3", "--target", " her\t", "--out", str(tmp / "attn-spaced")], 0)
    seen = json.loads((tmp / "attn-spaced" / "results.json").read_text())["attention-pattern"]["settings"]["target"]
    if seen != "her":
        failures.append(f"--target ' her\\t': the run's target is {seen!r}, not 'her'")

    # Bad input: exit 1, one clear line naming the problem, nothing written.
    p = run(["analyze", "similarity", "--model", str(tmp / "model"), "--sentences", str(tmp / "missing.txt"),
             "--out", str(tmp / "bad")], 1)
    if "missing.txt" not in p.stderr:
        failures.append("missing sentence file: message does not name it:\n" + p.stderr)
    p = run(["analyze", "similarity", "--model", str(tmp / "model"), "--sentences", str(examples / "her.txt"),
             "--target", "zebra", "--out", str(tmp / "bad")], 1)
    if "no text contains the target \"zebra\"" not in p.stderr:
        failures.append("absent target: unclear message:\n" + p.stderr)
    run(["analyze", "mi-distance", "--model", str(tmp / "model"), "--sentences", str(examples / "coffee.txt"),
         "--estimator", "magic", "--out", str(tmp / "bad")], 1)
    run(["analyze", "mi-distance", "--model", str(tmp / "model"), "--sentences", str(examples / "coffee.txt"),
         "--bins", "lots", "--out", str(tmp / "bad")], 1)
    p = run(["analyze", "similarity", "--model", str(tmp / "model"), "--sentences", str(examples / "her.txt"),
             "--control", "untrained:x", "--out", str(tmp / "bad")], 1)
    if "--control" not in p.stderr:
        failures.append("bad --control: message does not name the option:\n" + p.stderr)
    if (tmp / "bad").exists():
        failures.append("a failed run left an output directory")

if failures:
    print("\n\n".join(failures), file=sys.stderr)
    sys.exit(1)
print("cli_verify_test: ok")
