#!/usr/bin/env python3
"""Checks the shipped demo model (resources/demo-model) with code that shares nothing with
Laminar's C++ but the file format.

usage: check_demo_model.py LAMINAR_CLI DEMO_MODEL_DIR HELD_OUT_JSON UNIGRAM_COUNTS

1. Logits: Laminar's (laminar-cli extract --hooks logits) against a GPT-2 forward pass written
   here in numpy (float64), reading the safetensors with numpy.
2. Held-out perplexity measured by Laminar (laminar-cli perplexity) on Brown documents the
   model never saw: far below the untrained twin's (laminar-cli train --init-only, same shape
   and seed) and below a unigram model of the same training data (add-one smoothed token
   frequencies of brown-train.json).
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "io"))
import numpy_safetensors  # noqa: E402

cli, model_dir, held_out, unigram_counts = sys.argv[1:5]
failures = []


def check(ok, what):
    print(("ok:   " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def run(*args):
    r = subprocess.run([cli, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"laminar-cli {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r.stdout


def float32(dtype, arr):
    if dtype == "BF16":
        return (arr.astype(np.uint32) << 16).view(np.float32)
    return arr.astype(np.float32)


def load_weights(directory):
    tensors, _ = numpy_safetensors.read(os.path.join(directory, "model.safetensors"))
    return {name.removeprefix("transformer."): float32(dt, a).astype(np.float64) for name, (dt, a) in tensors.items()}


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def numpy_gpt2_logits(w, config, ids):
    d, n_head, eps = config["n_embd"], config["n_head"], config["layer_norm_epsilon"]
    hd = d // n_head
    T = len(ids)
    x = w["wte.weight"][ids] + w["wpe.weight"][:T]
    mask = np.triu(np.ones((T, T), dtype=bool), 1)
    for layer in range(config["n_layer"]):
        p = lambda n: w[f"h.{layer}.{n}"]  # noqa: E731
        h = layer_norm(x, p("ln_1.weight"), p("ln_1.bias"), eps)
        q, k, v = np.split(h @ p("attn.c_attn.weight") + p("attn.c_attn.bias"), 3, axis=-1)
        q, k, v = (t.reshape(T, n_head, hd).transpose(1, 0, 2) for t in (q, k, v))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(hd)
        scores[:, mask] = -np.inf
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        probs = scores / scores.sum(-1, keepdims=True)
        z = (probs @ v).transpose(1, 0, 2).reshape(T, d)
        x = x + z @ p("attn.c_proj.weight") + p("attn.c_proj.bias")
        h = layer_norm(x, p("ln_2.weight"), p("ln_2.bias"), eps)
        x = x + gelu_new(h @ p("mlp.c_fc.weight") + p("mlp.c_fc.bias")) @ p("mlp.c_proj.weight") + p("mlp.c_proj.bias")
    return layer_norm(x, w["ln_f.weight"], w["ln_f.bias"], eps) @ w["wte.weight"].T


config = json.load(open(os.path.join(model_dir, "config.json")))
trained = config["laminar_trained"]
context = config["n_positions"]
documents = json.load(open(held_out))

with tempfile.TemporaryDirectory() as tmp:
    # --- 1. logits against numpy ---------------------------------------------------------
    tokenized = json.loads(run("tokenize", "--tokenizer", model_dir, "--texts-json", held_out))
    doc_ids = tokenized["ids"]
    sequences = [doc_ids[0][:context], doc_ids[-1][100:140]]
    ids_json = os.path.join(tmp, "ids.json")
    json.dump(sequences, open(ids_json, "w"))
    acts = os.path.join(tmp, "acts.safetensors")
    run("extract", "--model", model_dir, "--ids-json", ids_json, "--hooks", "logits", "--out", acts)
    laminar, _ = numpy_safetensors.read(acts)
    weights = load_weights(model_dir)
    for s, ids in enumerate(sequences):
        expected = numpy_gpt2_logits(weights, config, np.array(ids))
        got = laminar[f"seq{s}.logits"][1].astype(np.float64).reshape(expected.shape)
        diff = np.abs(got - expected).max()
        check(diff < 1e-4,  # float32 (Laminar) against float64 (numpy): about 5e-6 seen
              f"sequence {s} ({len(ids)} tokens): Laminar logits match numpy (max |diff| {diff:.2e}, "
              f"max |logit| {np.abs(expected).max():.1f})")
        check((got.argmax(-1) == expected.argmax(-1)).mean() == 1.0, f"sequence {s}: same top-1 token everywhere")

    # --- 2. perplexities ---------------------------------------------------------------
    twin = os.path.join(tmp, "twin")
    shape = f"{config['n_embd']}x{config['n_layer']}x{config['n_head']}"
    run("train", "--init-only", "--shape", shape, "--context", str(context), "--seed", str(trained["seed"]),
        "--tokenizer", model_dir, "--out", twin)
    windows = "12"

    def perplexity(directory):
        return json.loads(run("perplexity", "--model", directory, "--texts-json", held_out, "--context",
                              str(context), "--max-windows", windows, "--json"))

    demo, untrained = perplexity(model_dir), perplexity(twin)
    # The tokens those windows predict, as laminar-cli perplexity forms them: documents joined
    # with <|endoftext|>, windows of context + 1 tokens every `context` tokens, evenly spread.
    stream = []
    for ids in doc_ids:
        stream += ids + [50256]
    total = (len(stream) - 1) // context
    count = min(total, int(windows))
    predicted = []
    for i in range(count):
        start = (i * total // count) * context
        predicted += stream[start + 1:start + context + 1]
    check(len(predicted) == demo["tokens"], f"unigram scored on the same {demo['tokens']} tokens")
    # Unigram model of the same training data: add-one smoothed token frequencies of
    # brown-train.json (counts made by tools/brown_corpus.py's output and laminar-cli tokenize).
    counts = np.ones(config["vocab_size"])
    for line in open(unigram_counts):
        if not line.startswith("#"):
            token, n = line.split()
            counts[int(token)] += int(n)
    unigram = float(np.exp(-np.log(counts[predicted] / counts.sum()).mean()))
    print(f"held-out perplexity: demo {demo['perplexity']:.1f}, untrained twin {untrained['perplexity']:.1f}, "
          f"unigram {unigram:.1f} ({demo['tokens']} tokens)")
    check(untrained["perplexity"] > 20000, "the untrained twin is near uniform over 50257 tokens")
    check(demo["perplexity"] < untrained["perplexity"] / 20, "demo model far below its untrained twin (20x at least)")
    check(demo["perplexity"] < unigram, "demo model below the unigram model of its training data")

if failures:
    sys.exit(f"{len(failures)} check(s) failed")
