#!/usr/bin/env python3
"""Draws the demo model's loss curve (docs/demo-model-loss.png) from the loss.csv that
laminar-cli train writes in its state folder. Needs python3-matplotlib.

    tools/plot_loss_curve.py STATE_DIR/loss.csv MODEL_DIR/config.json OUT.png [--unigram PPL]
        [--mark STEP LABEL]

The shape, batch and context in the labels come from the checkpoint's config.json.
"""
import argparse
import csv
import json
import math

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("csv")
ap.add_argument("config")
ap.add_argument("out")
ap.add_argument("--unigram", type=float, help="unigram perplexity (drawn as a line, in nats)")
ap.add_argument("--mark", nargs=2, metavar=("STEP", "LABEL"), help="a vertical line at STEP, labelled")
args = ap.parse_args()
config = json.load(open(args.config))
trained = config["laminar_trained"]
shape = f"{config['n_embd']}x{config['n_layer']}x{config['n_head']}"
rows = list(csv.DictReader(open(args.csv)))
train = [(int(r["step"]), float(r["train_loss"])) for r in rows if float(r["train_loss"]) >= 0]
held = [(int(r["step"]), float(r["held_out_loss"])) for r in rows if r["held_out_loss"] not in ("", "-1")]
fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
ax.plot(*zip(*train), lw=1, label="training batch loss")
ax.plot(*zip(*held), "o-", label="held-out estimate (16 windows)")
if args.unigram:
    ax.axhline(math.log(args.unigram), color="grey", ls="--", label=f"unigram model (perplexity {args.unigram:.0f})")
if args.mark:
    ax.axvline(int(args.mark[0]), color="black", lw=0.8, ls=":", label=args.mark[1])
ax.set_xlabel(f"step ({trained['batch']} sequences x {trained['context']} tokens)")
ax.set_ylabel("cross-entropy (nats / token)")
ax.set_title(f"Laminar demo model (GPT-2 {shape}) on the Brown corpus")
ax.grid(alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(args.out)
