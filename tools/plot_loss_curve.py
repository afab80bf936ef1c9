#!/usr/bin/env python3
"""Draws the demo model's loss curve (docs/demo-model-loss.png) from the loss.csv that
laminar-cli train writes in its state folder. Needs python3-matplotlib.

    tools/plot_loss_curve.py STATE_DIR/loss.csv OUT.png [--untrained PPL --unigram PPL]
"""
import argparse
import csv
import math

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("csv")
ap.add_argument("out")
ap.add_argument("--unigram", type=float, help="unigram perplexity (drawn as a line, in nats)")
args = ap.parse_args()
rows = list(csv.DictReader(open(args.csv)))
train = [(int(r["step"]), float(r["train_loss"])) for r in rows if float(r["train_loss"]) >= 0]
held = [(int(r["step"]), float(r["held_out_loss"])) for r in rows if r["held_out_loss"] not in ("", "-1")]
fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
ax.plot(*zip(*train), lw=1, label="training batch loss")
ax.plot(*zip(*held), "o-", label="held-out estimate (16 windows)")
if args.unigram:
    ax.axhline(math.log(args.unigram), color="grey", ls="--", label=f"unigram model (perplexity {args.unigram:.0f})")
ax.set_xlabel("step (8 sequences x 128 tokens)")
ax.set_ylabel("cross-entropy (nats / token)")
ax.set_title("Laminar demo model (GPT-2 64x6x4) on the Brown corpus")
ax.grid(alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(args.out)
