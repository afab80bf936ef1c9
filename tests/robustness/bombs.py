#!/usr/bin/env python3
"""Hostile inputs stay refused: each is built here in a temporary folder (nothing big is
committed), given to laminar-cli under a time and memory bound, and must end with exit
code 1, a one-line message naming the file (or field), and no output written.

--no-memory-limit: for the sanitizer build (AddressSanitizer reserves terabytes of
address space, so an address-space limit cannot be used there; the time bound stays).
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

MEMORY_LIMIT = 4 << 30   # bytes of address space
TIME_LIMIT = 60          # seconds per case


def safetensors(tensors, metadata=None):
    header, data = {}, b""
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    if metadata:
        header["__metadata__"] = metadata
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data


class Runner:
    def __init__(self, cli, memory_limit):
        self.cli = cli
        self.memory_limit = memory_limit
        self.failures = []
        self.report = []

    def refuses(self, name, args, must_name, out=None, cwd=None):
        cmd = [self.cli] + args
        if self.memory_limit:
            cmd = ["prlimit", f"--as={self.memory_limit}", "--"] + cmd
        start = time.monotonic()
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=TIME_LIMIT, cwd=cwd)
        except subprocess.TimeoutExpired:
            self.failures.append(f"{name}: still running after {TIME_LIMIT} s")
            return
        seconds = time.monotonic() - start
        message = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
        self.report.append(f"{name} ({seconds:.1f} s): {message[:300]}")
        if run.returncode != 1:
            self.failures.append(f"{name}: exit code {run.returncode}, expected 1; stderr: {run.stderr[-2000:]}")
        elif not message.startswith("laminar-cli: ") or "internal error" in message:
            self.failures.append(f"{name}: not a clean error message: {message!r}")
        elif must_name not in message:
            self.failures.append(f"{name}: message does not name {must_name!r}: {message!r}")
        if out and os.path.exists(out):
            self.failures.append(f"{name}: output {out} was written")
        if out:
            parent = os.path.dirname(out) or "."
            leftovers = [e for e in os.listdir(parent) if e.startswith(os.path.basename(out) + ".")]
            if leftovers:
                self.failures.append(f"{name}: temporary leftovers {leftovers}")


def model_with(tmp, name, reference, config_changes=None, weights=None):
    d = os.path.join(tmp, name)
    os.makedirs(d)
    with open(os.path.join(reference, "config.json")) as f:
        config = json.load(f)
    config.update(config_changes or {})
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(config, f)
    if weights is None:
        shutil.copy(os.path.join(reference, "model.safetensors"), d)
    else:
        with open(os.path.join(d, "model.safetensors"), "wb") as f:
            f.write(weights)
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--reference", required=True, help="gpt2-tiny checkpoint folder")
    ap.add_argument("--no-memory-limit", action="store_true")
    args = ap.parse_args()
    r = Runner(args.cli, None if args.no_memory_limit else MEMORY_LIMIT)

    with tempfile.TemporaryDirectory(prefix="laminar-bombs-") as tmp:
        good = model_with(tmp, "good", args.reference)
        out = os.path.join(tmp, "out")
        acts = os.path.join(tmp, "acts.safetensors")
        texts = os.path.join(tmp, "texts.json")
        with open(texts, "w") as f:
            json.dump(["She gave her the book."], f)

        def sentences(name, content, binary=False):
            p = os.path.join(tmp, name)
            with open(p, "wb" if binary else "w") as f:
                f.write(content)
            return p

        def analyze(model, sentence_file):
            return ["analyze", "similarity", "--model", model, "--sentences", sentence_file, "--out", out]

        her = sentences("her.txt", "# target: her\nI saw her.\nWe met her friend.\n")

        # Configs whose sizes cannot be allocated (or overflow when multiplied).
        for label, change, field in [("n_layer=1e9", {"n_layer": 1_000_000_000}, "n_layer"),
                                     ("n_embd=2^40", {"n_embd": 1 << 40, "n_head": 1}, "n_embd"),
                                     ("n_positions=2^62", {"n_positions": 1 << 62}, "n_positions"),
                                     ("vocab_size=2^40", {"vocab_size": 1 << 40}, "vocab_size"),
                                     ("n_inner=2^50", {"n_inner": 1 << 50}, "n_inner")]:
            m = model_with(tmp, "cfg-" + field, args.reference, change)
            r.refuses(f"config {label}: info", ["info", "--model", m], "config.json")
            r.refuses(f"config {label}: analyze", analyze(m, her), "config.json", out=out)

        # A tensor whose shape overflows 64 bits, and one promising 1 TB of data.
        m = model_with(tmp, "overflow", args.reference,
                       weights=safetensors([("wte.weight", "F32", [1 << 40, 1 << 40], b"")]))
        r.refuses("tensor shape overflowing 64 bits", ["info", "--model", m], "model.safetensors")
        m = model_with(tmp, "terabyte", args.reference,
                       weights=safetensors([("wte.weight", "F32", [1 << 18, 1 << 20], b"\0" * 16)]))
        r.refuses("tensor promising 1 TB", ["info", "--model", m], "model.safetensors")

        # A 150 MB header (sparse file: the size field and the length are real, the disk use is not).
        m = model_with(tmp, "bigheader", args.reference, weights=b"")
        with open(os.path.join(m, "model.safetensors"), "wb") as f:
            f.write(struct.pack("<Q", 150_000_000) + b"{")
            f.truncate(8 + 150_000_000)
        r.refuses("150 MB safetensors header", ["info", "--model", m], "model.safetensors")
        r.refuses("150 MB safetensors header: analyze", analyze(m, her), "model.safetensors", out=out)

        # 100k-deep JSON where JSON is read.
        deep = "[" * 100_000 + "]" * 100_000
        m = model_with(tmp, "deepconfig", args.reference)
        with open(os.path.join(m, "config.json"), "w") as f:
            f.write(deep)
        r.refuses("100k-deep config.json", ["info", "--model", m], "config.json")
        # ... and inside a field: messages that quoted the value recursed 100k levels deep.
        for label, text in [("n_embd", '{"n_embd": %s, "n_layer": 1, "n_head": 1}' % deep),
                            ("hidden_size", '{"n_embd": 8, "hidden_size": %s, "n_layer": 1, "n_head": 1}' % deep)]:
            m = model_with(tmp, "deepfield-" + label, args.reference)
            with open(os.path.join(m, "config.json"), "w") as f:
                f.write(text)
            r.refuses(f"100k-deep {label} in config.json", ["info", "--model", m], "config.json")
        for label, entry in [("shape", '{"dtype": "F32", "shape": %s, "data_offsets": [0, 0]}' % deep),
                             ("data_offsets", '{"dtype": "F32", "shape": [1], "data_offsets": %s}' % deep)]:
            header = ('{"wte.weight": %s}' % entry).encode()
            m = model_with(tmp, "deeptensor-" + label, args.reference, weights=struct.pack("<Q", len(header)) + header)
            r.refuses(f"100k-deep {label} in model.safetensors", ["info", "--model", m], "model.safetensors")
        deep_set = sentences("deep.json", '{"target": "her", "texts": ' + deep + "}")
        r.refuses("100k-deep sentence set", analyze(good, deep_set), "deep.json", out=out)
        deep_texts = sentences("deep-texts.json", deep)
        r.refuses("100k-deep --texts-json", ["extract", "--model", good, "--texts-json", deep_texts,
                                             "--hooks", "blocks.0.hook_resid_post", "--out", acts], "deep-texts.json", out=acts)

        # Sentence files: invalid UTF-8, a 10 MB line, 200 MB.
        bad = sentences("bad-utf8.txt", b"# target: her\nI saw h\xffer.\n\xc3\x28 her\n", binary=True)
        r.refuses("invalid UTF-8 sentence file", analyze(good, bad), "bad-utf8.txt", out=out)
        long_line = sentences("long-line.txt", "# target: her\n" + "her " * 2_500_000 + "\n")
        r.refuses("10 MB line", analyze(good, long_line), "long-line.txt", out=out)
        huge = os.path.join(tmp, "huge.txt")
        with open(huge, "w") as f:
            f.write("# target: her\n")
            line = "She gave her the book before the train left the station.\n" * 1000
            while f.tell() < 200_000_000:
                f.write(line)
        r.refuses("200 MB sentence file", analyze(good, huge), "huge.txt", out=out)
        os.remove(huge)

        # A 5-million-token sequence for extract, as text and as ids.
        long_text = sentences("long-text.json", json.dumps([" a" * 5_000_000]))
        r.refuses("5-million-token text", ["extract", "--model", good, "--texts-json", long_text,
                                           "--hooks", "blocks.0.hook_resid_post", "--out", acts], "long-text.json", out=acts)
        long_ids = sentences("long-ids.json", "[[" + ",".join(["64"] * 5_000_000) + "]]")
        r.refuses("5-million-token ids", ["extract", "--model", good, "--ids-json", long_ids,
                                          "--hooks", "blocks.0.hook_resid_post", "--out", acts], "long-ids.json", out=acts)

    for line in r.report:
        print(line)
    if r.failures:
        print("\nFAILED:\n" + "\n".join(r.failures))
        return 1
    print(f"\nall {len(r.report)} hostile inputs refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
