#!/usr/bin/env python3
"""laminar-cli tokenize end to end: every reference text through --texts-json, the golden and
edge ones through --text (repeated, one start), compared with data/bpe-reference.json
(tiktoken + Tokenizers.js); --labels against Python's own UTF-8 decoder; plus its errors."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from verify_results import token_labels  # noqa: E402  (Python's UTF-8 decoder, bytes named)


def run(cli, *args):
    return subprocess.run([cli, "tokenize", *args], capture_output=True, timeout=60)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--reference", required=True)
    ap.add_argument("--golden", required=True)
    a = ap.parse_args()
    failures = []
    with open(a.reference, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    with open(a.golden, encoding="utf-8") as f:
        golden_texts = json.load(f)["texts"]
    texts = [c["text"] for c in cases]
    assert all(t in texts for t in golden_texts), "every golden text is in the reference"

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "texts.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(texts, f, ensure_ascii=False)
        r = run(a.cli, "--tokenizer", a.tokenizer, "--texts-json", path, "--labels")
        if r.returncode != 0:
            sys.exit(f"--texts-json failed ({r.returncode}): {r.stderr.decode()}")
        out = json.loads(r.stdout)
        labels = token_labels(os.path.join(a.tokenizer, "vocab.json"))
        named = 0
        for c, got in zip(cases, out.get("labels", [])):
            want = [labels[i] for i in c["ids"]]
            named += sum(w.count("<0x") for w in want)
            if got != want:
                failures.append(f"labels of {c['text']!r}: {got} != {want}")
        if len(out.get("labels", [])) != len(cases):
            failures.append(f"--labels: {len(out.get('labels', []))} label lists for {len(cases)} texts")
        if named == 0:
            failures.append("no reference text splits a character between tokens: --labels untested")
        if len(out["ids"]) != len(cases) or len(out["offsets"]) != len(cases):
            failures.append(f"expected {len(cases)} results, got {len(out['ids'])} / {len(out['offsets'])}")
        else:
            for i, c in enumerate(cases):
                if out["ids"][i] != c["ids"]:
                    failures.append(f"ids of {c['text']!r}: {out['ids'][i]} != {c['ids']}")
                if out["offsets"][i] != c["offsets"]:
                    failures.append(f"offsets of {c['text']!r}: {out['offsets'][i]} != {c['offsets']}")

        # --text: the strings through argv (which cannot carry NUL, so texts holding one are
        # skipped), all in one start (--text repeated) and the first alone.
        argv_cases = [c for c in cases if c["source"] in ("golden", "edge") and "\0" not in c["text"]]
        for group in (argv_cases, argv_cases[:1]):
            args = ["--tokenizer", a.tokenizer]
            for c in group:
                args += ["--text", c["text"]]
            r = run(a.cli, *args)
            if r.returncode != 0:
                failures.append(f"--text x {len(group)} failed: {r.stderr.decode()}")
                continue
            out = json.loads(r.stdout)
            expected = {"ids": [c["ids"] for c in group], "offsets": [c["offsets"] for c in group]}
            for i, (c, ids, offsets) in enumerate(zip(group, out["ids"], out["offsets"])):
                if (ids, offsets) != (c["ids"], c["offsets"]):
                    failures.append(f"--text {c['text']!r} (text {i + 1} of {len(group)}): {ids} {offsets}")
            if out != expected:
                failures.append(f"--text x {len(group)}: {len(out['ids'])} results for {len(group)} texts")

        # Errors: exit 1, one line on stderr naming the problem, nothing on stdout.
        bad_json = os.path.join(tmp, "bad.json")
        with open(bad_json, "w") as f:
            f.write('["ok", 3]')
        not_json = os.path.join(tmp, "not.json")
        with open(not_json, "w") as f:
            f.write('["unterminated')
        error_cases = [
            (["--tokenizer", tmp, "--text", "x"], "no GPT-2 tokenizer here"),
            (["--tokenizer", a.tokenizer, "--texts-json", bad_json], "element 1 is a number, expected a string"),
            (["--tokenizer", a.tokenizer, "--texts-json", not_json], "not.json"),
            (["--tokenizer", a.tokenizer, "--texts-json", os.path.join(tmp, "missing.json")], "missing.json"),
            (["--tokenizer", a.tokenizer, "--text", b"bad \xff byte"], "not valid UTF-8"),
            (["--tokenizer", a.tokenizer, "--text", "fine", "--text", b"bad \xff byte"], "--text 2: "),
        ]
        for args, expected in error_cases:
            r = subprocess.run([a.cli, "tokenize", *args], capture_output=True, timeout=60)
            err = r.stderr.decode(errors="replace")
            if r.returncode != 1 or expected not in err or r.stdout or err.count("\n") != 1:
                failures.append(f"{args}: rc {r.returncode}, stderr {err!r}, stdout {r.stdout[:80]!r}")

    for f in failures[:30]:
        print("FAIL", f)
    print(f"{len(cases)} texts through --texts-json, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
