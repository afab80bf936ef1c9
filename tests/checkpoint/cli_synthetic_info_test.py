#!/usr/bin/env python3
"""laminar-cli make-synthetic and info end to end.

usage: cli_synthetic_info_test.py LAMINAR_CLI SHARED_DIR
Checks that make-synthetic says its weights are random (stderr, stdout, config, metadata),
that info reports the shape, the parameter count (summed here with numpy from the file) and
the synthetic flag, and that a broken checkpoint gives exit code 1, one line on stderr, and
no output file.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

cli, shared = sys.argv[1], sys.argv[2]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def run(*args):
    return subprocess.run([cli, *args], capture_output=True, text=True)


def stored_parameters(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    return sum(int(np.prod(v["shape"])) for v in header.values()), meta


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "synthetic")
    r = run("make-synthetic", "--shape", "64x2x4", "--seed", "5", "--out", out,
            "--tokenizer", os.path.join(shared, "gpt2-tokenizer"))
    check(r.returncode == 0, "make-synthetic exit code %d: %s" % (r.returncode, r.stderr))
    check("RANDOM" in r.stderr and "mean nothing" in r.stderr, "stderr says the weights are random: " + r.stderr)
    check("RANDOM" in r.stdout, "stdout says the weights are random: " + r.stdout)
    config = json.load(open(os.path.join(out, "config.json")))
    check(config.get("laminar_synthetic_weights") is True, "config marks synthetic weights")
    check("random" in config.get("laminar_note", ""), "config note says random")
    count, meta = stored_parameters(os.path.join(out, "model.safetensors"))
    check(meta.get("laminar_synthetic_weights") == "true", "metadata marks synthetic weights")
    check(sorted(os.listdir(tmp)) == ["synthetic"], "no temporary left: %s" % os.listdir(tmp))

    r = run("info", "--model", out, "--json")
    check(r.returncode == 0, "info --json exit code %d: %s" % (r.returncode, r.stderr))
    info = json.loads(r.stdout)
    check(info["shape"] == "64x2x4", "info shape " + info["shape"])
    check((info["n_layer"], info["n_embd"], info["n_head"], info["n_positions"], info["vocab_size"]) ==
          (2, 64, 4, 1024, 50257), "info dimensions")
    check(info["parameters"] == count, "info parameters %d vs %d stored" % (info["parameters"], count))
    check(info["fp32_bytes"] == 4 * count, "fp32 bytes")
    check(info["dtypes"] == ["F32"], "dtypes %s" % info["dtypes"])
    check(info["synthetic_weights"] is True, "info synthetic flag")
    check(info["file_bytes"] == os.path.getsize(os.path.join(out, "model.safetensors")), "file bytes")

    r = run("info", "--model", out)
    check(r.returncode == 0 and "SYNTHETIC" in r.stdout and str(count) in r.stdout, "info text: " + r.stdout)

    r = run("info", "--model", os.path.join(shared, "reference", "gpt2-tiny"), "--json")
    check(r.returncode == 0, "info on the reference: " + r.stderr)
    ref_count, _ = stored_parameters(os.path.join(shared, "reference", "gpt2-tiny", "model.safetensors"))
    check(json.loads(r.stdout)["parameters"] == ref_count, "reference parameter count")
    check(json.loads(r.stdout)["synthetic_weights"] is False, "reference is not synthetic")

    # Broken: a truncated weight file. One line on stderr naming the file, exit code 1.
    weights = os.path.join(out, "model.safetensors")
    os.truncate(weights, os.path.getsize(weights) - 10)
    r = run("info", "--model", out)
    check(r.returncode == 1, "broken model exit code %d" % r.returncode)
    check(r.stderr.count("\n") == 1 and weights in r.stderr and "truncated" in r.stderr, "broken model message: " + r.stderr)

    # Bad shape: exit 1, no output folder.
    bad = os.path.join(tmp, "bad")
    r = run("make-synthetic", "--shape", "64x2x5", "--out", bad, "--tokenizer", os.path.join(shared, "gpt2-tokenizer"))
    check(r.returncode == 1 and "n_head" in r.stderr and not os.path.exists(bad), "bad shape: " + r.stderr)

sys.exit(1 if failures else 0)
