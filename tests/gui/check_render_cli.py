#!/usr/bin/env python3
"""`laminar --render` as a user runs it: a results folder written by laminar-cli on a tiny
synthetic model becomes every figure (each selection of each view) in PNG, PDF and SVG plus
CSV, in Vietnamese when asked; a bad results folder is refused with exit status 1, one
message naming it, and no output folder left behind.

usage: check_render_cli.py LAMINAR LAMINAR_CLI SOURCE_DIR
"""
import hashlib
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

laminar, cli, source = sys.argv[1:4]
env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def png_text(path):
    """The PNG's text chunks (tEXt, zTXt, iTXt) as a dict, read with the standard library."""
    data = open(path, "rb").read()
    pos, texts = 8, {}
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"tEXt":
            key, value = body.split(b"\0", 1)
            texts[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"zTXt":
            key, rest = body.split(b"\0", 1)
            texts[key.decode("latin-1")] = zlib.decompress(rest[1:]).decode("latin-1")
        elif kind == b"iTXt":
            key, rest = body.split(b"\0", 1)
            compressed, rest = rest[0], rest[2:]
            _lang, rest = rest.split(b"\0", 1)
            _translated, value = rest.split(b"\0", 1)
            texts[key.decode("latin-1")] = (zlib.decompress(value) if compressed else value).decode("utf-8")
    return texts


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def run(args):
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)


def analyze_with_control(experiment, model, example, out, *extra):
    """laminar-cli analyze EXPERIMENT on a bundled example, with an untrained control (seed 3)."""
    r = run([cli, "analyze", experiment, "--model", model, "--out", out,
             "--sentences", os.path.join(source, "resources/examples", example), "--threads", "1",
             "--control", "untrained:3", *extra])
    assert r.returncode == 0, r.stderr


with tempfile.TemporaryDirectory() as tmp:
    model = os.path.join(tmp, "model")
    results = os.path.join(tmp, "results")
    r = run([cli, "make-synthetic", "--shape", "64x3x4", "--seed", "7", "--out", model])
    assert r.returncode == 0, r.stderr
    analyze_with_control("similarity", model, "her.txt", results, "--summary-replicates", "20")

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
    # The maps of one layer cannot overlay the control: each is rendered once more for it.
    stems += [s + "-untrained-control" for s in stems if s.startswith(("text-similarity", "cosine-spectrum"))]
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
    if "text-similarity-target-untrained-control.svg" in names:
        svg = open(os.path.join(figures, "text-similarity-target-untrained-control.svg"), encoding="utf-8").read()
        check("(mô hình chưa huấn luyện)" in svg, "the control's map does not say it is the untrained control")
        check("UNTRAINED MODEL" in svg or "CHƯA HUẤN LUYỆN" in svg.upper(), "the control's map has no untrained stamp")
    # CSV: C locale numbers, every group, measure and block of the spectrum
    if "cosine-spectrum.csv" in names:
        rows = open(os.path.join(figures, "cosine-spectrum.csv")).read().splitlines()
        check(rows[0] == "layer,group,measure,block,bin_low,bin_high,density", "spectrum CSV header " + rows[0])
        keys = {tuple(row.split(",")[1:4]) for row in rows[1:]}
        check(len(keys) == 2 * 3 * 6, "spectrum CSV holds %d group/measure/block combinations" % len(keys))
        check(all(row.count(",") == 6 for row in rows), "a spectrum CSV row has a decimal comma")

    # Experiment 2 with its untrained control (issue 10): the control is drawn in the profiles,
    # its columns are in the CSV, and Vietnamese figures write numbers as Vietnamese does
    # ("0,5" on the axes, issue 14) while the CSV stays C-locale.
    mi_results = os.path.join(tmp, "mi-results")
    analyze_with_control("mi-distance", model, "coffee.txt", mi_results, "--permutations", "50")
    mi_figures = os.path.join(tmp, "mi-figures")
    r = run([laminar, "--render", mi_results, "--out", mi_figures, "--lang", "vi"])
    check(r.returncode == 0, "mi-distance render exit status %d: %s" % (r.returncode, r.stderr))
    for stem in ("laminar-profile-tau", "laminar-profile-mean-mi"):
        path = os.path.join(mi_figures, stem + ".svg")
        svg = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        check("mô hình chưa huấn luyện" in svg, stem + ".svg has no untrained control series")
        ticks = re.findall(r">\s*(-?[0-9]+[.,][0-9]+)\s*<", svg)
        check(ticks and all("," in t for t in ticks), "%s.svg: Vietnamese tick labels %s" % (stem, ticks[:8]))
    path = os.path.join(mi_figures, "laminar-profile.csv")
    rows = open(path).read().splitlines() if os.path.exists(path) else [""]
    check("control_" in rows[0], "the mi-distance profile CSV has no control columns: " + rows[0][:200])
    check(len(rows) > 1 and all(row.count(",") == rows[0].count(",") for row in rows),
          "a mi-distance profile CSV row has a decimal comma or a missing field")

    # Presets: a slide and a journal column, with their provenance checked against checksums
    # computed here (hashlib), the synthetic model named as such, the physical page size.
    for preset, width_pt in (("slide", 1280 * 0.75), ("publication-single", 85 / 25.4 * 72)):
        out = os.path.join(tmp, "figures-" + preset)
        r = run([laminar, "--render", results, "--out", out, "--preset", preset])
        check(r.returncode == 0, "--preset %s: exit status %d: %s" % (preset, r.returncode, r.stderr))
        png = os.path.join(out, "laminar-profile-variance.png")
        texts = png_text(png) if os.path.exists(png) else {}
        check(sha256(os.path.join(model, "model.safetensors")) in texts.get("Model SHA-256", ""),
              "%s: PNG 'Model SHA-256' is %r" % (preset, texts.get("Model SHA-256")))
        check(texts.get("Sentences SHA-256") == sha256(os.path.join(source, "resources/examples/her.txt")),
              "%s: PNG 'Sentences SHA-256' is %r" % (preset, texts.get("Sentences SHA-256")))
        check(texts.get("Sentences") == "her.txt", "%s: PNG 'Sentences' is %r" % (preset, texts.get("Sentences")))
        check("random weights" in texts.get("Model", ""), "%s: the synthetic model is not named so: %r" % (preset, texts.get("Model")))
        pdf_path = os.path.join(out, "laminar-profile-variance.pdf")
        pdf = open(pdf_path, "rb").read() if os.path.exists(pdf_path) else b""
        box = re.search(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)
        check(box is not None and abs(float(box.group(1)) - width_pt) < 1.5,
              "%s: PDF page width %s pt, expected %.1f" % (preset, box.group(1) if box else None, width_pt))
        check(b"<laminar:SentencesSHA256>" + sha256(os.path.join(source, "resources/examples/her.txt")).encode() in pdf,
              preset + ": the PDF's XMP lacks the sentence file's checksum")
    r = run([laminar, "--render", results, "--out", os.path.join(tmp, "x"), "--preset", "poster"])
    check(r.returncode == 1 and "--preset" in r.stderr, "--preset poster: " + r.stderr)

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
