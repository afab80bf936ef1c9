#!/usr/bin/env python3
"""Perplexity of the unigram baseline on exactly the held-out tokens that
`laminar-cli perplexity --context C --max-windows N` predicts (for the demo model's card).

    tools/unigram_perplexity.py LAMINAR_CLI HELD_OUT_JSON UNIGRAM_COUNTS CONTEXT WINDOWS

The unigram model is add-one smoothed token frequencies of the training set
(tests/training/data/brown-train-unigram-counts.txt). The windows are formed as
laminar-cli perplexity forms them: documents joined with <|endoftext|>, windows of
context + 1 tokens every `context` tokens, at most WINDOWS of them, evenly spread.
Also prints the same model fitted on the predicted tokens themselves (an optimistic bound
no real model could reach).
"""
import json
import math
import subprocess
import sys
from collections import Counter

cli, held_out, counts_file, context, windows = sys.argv[1:6]
context, windows = int(context), int(windows)
out = subprocess.run([cli, "tokenize", "--texts-json", held_out], capture_output=True, text=True, check=True)
stream = []
for ids in json.loads(out.stdout)["ids"]:
    stream += ids + [50256]
total = (len(stream) - 1) // context
count = min(total, windows) if windows > 0 else total
predicted = []
for i in range(count):
    start = (i * total // count) * context
    predicted += stream[start + 1:start + context + 1]

vocab = 50257
counts = [1] * vocab
for line in open(counts_file):
    if not line.startswith("#"):
        token, n = line.split()
        counts[int(token)] += int(n)
norm = sum(counts)
nats = -sum(math.log(counts[t] / norm) for t in predicted) / len(predicted)
own = Counter(predicted)
own_nats = -sum(math.log(own[t] / len(predicted)) for t in predicted) / len(predicted)
print(json.dumps({"tokens": len(predicted), "unigram_loss": nats, "unigram_perplexity": math.exp(nats),
                  "fitted_on_these_tokens_perplexity": math.exp(own_nats)}))
