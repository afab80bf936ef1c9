#!/usr/bin/python3
"""`laminar-cli extract` (a README command) end to end against Hugging Face's activations: every
tensor of ../shared/reference/gpt2-tiny-expected.safetensors, for the fixture's own token ids,
within the forward-pass tolerance; a bad hook name is exit 1, one line naming it, and no file.

usage: test_cli_extract.py LAMINAR_CLI SHARED_DIR TOLERANCE
"""
import json
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np


def read_safetensors(path):
    data = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        if info["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {info['dtype']}, not F32")
        out[name] = np.frombuffer(data[8 + n + a:8 + n + b], np.float32).reshape(info["shape"])
    return out


cli, shared, tolerance = sys.argv[1], Path(sys.argv[2]) / "reference", float(sys.argv[3])
failures = []
with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    sequences = json.loads((shared / "gpt2-tiny-expected.json").read_text())["sequences"]
    # seq{i} of the fixture is the i-th sequence given to extract
    if [s["name"] for s in sequences] != [f"seq{i}" for i in range(len(sequences))]:
        failures.append("the fixture's sequences are not seq0, seq1, ... in order")
    (tmp / "ids.json").write_text(json.dumps([s["ids"] for s in sequences]))
    out = tmp / "acts.safetensors"
    p = subprocess.run([cli, "extract", "--model", str(shared / "gpt2-tiny"), "--ids-json", str(tmp / "ids.json"),
                        "--out", str(out)], capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        failures.append(f"extract: exit {p.returncode}: {p.stderr}")
    else:
        got = read_safetensors(out)
        want = read_safetensors(shared / "gpt2-tiny-expected.safetensors")
        if sorted(got) != sorted(want):
            failures.append(f"tensor names differ: only ours {sorted(set(got) - set(want))[:5]}, "
                            f"only the fixture's {sorted(set(want) - set(got))[:5]}")
        worst = 0.0
        for name in sorted(set(got) & set(want)):
            if got[name].shape != want[name].shape:
                failures.append(f"{name}: shape {got[name].shape} vs {want[name].shape}")
                continue
            diff = float(np.max(np.abs(got[name].astype(np.float64) - want[name]))) if want[name].size else 0.0
            if not diff <= tolerance:
                failures.append(f"{name}: worst absolute error {diff:.3g} > {tolerance:g}")
            worst = max(worst, diff)
        print(f"extract: {len(got)} tensors, worst absolute error {worst:.3g} (bound {tolerance:g})")
        if len(want) < 100:
            failures.append(f"the fixture holds only {len(want)} tensors")

    bad = tmp / "bad.safetensors"
    p = subprocess.run([cli, "extract", "--model", str(shared / "gpt2-tiny"), "--ids-json", str(tmp / "ids.json"),
                        "--hooks", "blocks.0.attn.hook_q,blocks.9.hook_nothing", "--out", str(bad)],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 1:
        failures.append(f"bad hook: exit {p.returncode}, expected 1")
    if "blocks.9.hook_nothing" not in p.stderr or len(p.stderr.strip().splitlines()) != 1:
        failures.append(f"bad hook: the message is not one line naming the hook: {p.stderr!r}")
    if bad.exists() or any(f.name.startswith("bad.safetensors") for f in tmp.iterdir()):
        failures.append("bad hook: an output file was left behind")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
print("test_cli_extract: ok")
