#!/usr/bin/env python3
"""`laminar --render` as a user runs it: a results folder written by laminar-cli on a tiny
synthetic model becomes every figure (each selection of each view) in PNG, PDF and SVG plus
CSV, in Vietnamese when asked; a bad results folder is refused with exit status 1, one
message naming it, and no output folder left behind.

usage: check_render_cli.py LAMINAR LAMINAR_CLI SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile

laminar, cli, source = sys.argv[1:4]
env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def run(args):
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)


with tempfile.TemporaryDirectory() as tmp:
    model = os.path.join(tmp, "model")
    results = os.path.join(tmp, "results")
    r = run([cli, "make-synthetic", "--shape", "64x3x4", "--seed", "7", "--out", model])
    assert r.returncode == 0, r.stderr
    r = run([cli, "analyze", "similarity", "--model", model, "--out", results,
             "--sentences", os.path.join(source, "resources/examples/her.txt"), "--threads", "1",
             "--control", "untrained:3", "--summary-replicates", "20"])
    assert r.returncode == 0, r.stderr

    figures = os.path.join(tmp, "figures")
    r = run([laminar, "--render", results, "--out", figures, "--lang", "vi"])
    check(r.returncode == 0, "render exit status %d: %s" % (r.returncode, r.stderr))
    names = sorted(os.listdir(figures)) if os.path.isdir(figures) else []
    stems = ["laminar-profile-" + s for s in ("variance", "mean", "mean-abs")]
    stems += ["text-similarity-target", "text-similarity-nontarget"]
    stems += ["spectrum-mass-%s-%s" % (m, b) for m in ("high", "low") for b in ("QQ", "KK", "VV", "QK", "QV", "KV")]
    stems += ["cosine-spectrum-%s-%s-%s" % (g, m, b)
              for g in ("target", "nontarget") for m in ("cosine", "correlation", "shuffled")
              for b in ("QQ", "KK", "VV", "QK", "QV", "KV")]
    expected = sorted([s + x for s in stems for x in (".png", ".pdf", ".svg")] +
                      ["laminar-profile.csv", "text-similarity.csv", "cosine-spectrum.csv", "spectrum-mass.csv"])
    check(names == expected, "files written: %s" % sorted(set(names) ^ set(expected)))
    for name in names:
        with open(os.path.join(figures, name), "rb") as f:
            head = f.read(8)
            data = head + f.read()
        if name.endswith(".png"):
            check(head == b"\x89PNG\r\n\x1a\n", name + " is not a PNG")
        elif name.endswith(".pdf"):
            check(head.startswith(b"%PDF-") and b"%%EOF" in data[-64:], name + " is not a complete PDF")
        elif name.endswith(".svg"):
            check(b"<svg" in data and data.rstrip().endswith(b"</svg>"), name + " is not a complete SVG")
    if "cosine-spectrum-target-cosine-QK.svg" in names:
        svg = open(os.path.join(figures, "cosine-spectrum-target-cosine-QK.svg"), encoding="utf-8").read()
        check("Tầng" in svg, "the Vietnamese SVG has no 'Tầng' (layer)")
        check("QK" in svg, "the QK spectrum does not say QK")
    # The untrained control is rendered beside the run (issue 10), named in Vietnamese.
    if "laminar-profile-variance.svg" in names:
        svg = open(os.path.join(figures, "laminar-profile-variance.svg"), encoding="utf-8").read()
        check("mô hình chưa huấn luyện" in svg, "the profile SVG has no untrained control series")
    if "laminar-profile.csv" in names:
        header = open(os.path.join(figures, "laminar-profile.csv")).readline()
        check("control_variance_Q_target" in header, "the profile CSV has no control columns: " + header)
    if "spectrum-mass.csv" in names:
        rows = open(os.path.join(figures, "spectrum-mass.csv")).read().splitlines()
        check({row.split(",")[0] for row in rows[1:]} == {"run", "untrained-control"},
              "the spectrum-mass CSV lacks the run or the control")
    # CSV: C locale numbers, every group, measure and block of the spectrum
    if "cosine-spectrum.csv" in names:
        rows = open(os.path.join(figures, "cosine-spectrum.csv")).read().splitlines()
        check(rows[0] == "layer,group,measure,block,bin_low,bin_high,density", "spectrum CSV header " + rows[0])
        keys = {tuple(row.split(",")[1:4]) for row in rows[1:]}
        check(len(keys) == 2 * 3 * 6, "spectrum CSV holds %d group/measure/block combinations" % len(keys))
        check(all(row.count(",") == 6 for row in rows), "a spectrum CSV row has a decimal comma")

    # A folder that is not a results folder: exit 1, one line naming it, nothing written.
    bogus = os.path.join(tmp, "not-results")
    os.mkdir(bogus)
    out = os.path.join(tmp, "bogus-figures")
    r = run([laminar, "--render", bogus, "--out", out])
    check(r.returncode == 1, "bad results: exit status %d" % r.returncode)
    check(bogus in r.stderr, "bad results: the message does not name the folder: " + r.stderr)
    check(not os.path.exists(out), "bad results: an output folder was left behind")
    r = run([laminar, "--render", results])
    check(r.returncode == 1 and "--out" in r.stderr, "--render without --out: " + r.stderr)

if failures:
    sys.exit("%d check(s) failed" % len(failures))
print("laminar --render: %d files checked" % len(expected))
