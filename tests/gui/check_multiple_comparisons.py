#!/usr/bin/env python3
"""Checks the significance view's exported adjustments against statsmodels."""
import csv
import sys

import numpy as np
from statsmodels.stats.multitest import multipletests

folder = sys.argv[1]
for method, name in (("fdr_bh", "fdr"), ("bonferroni", "bonferroni")):
    with open(f"{folder}/mi-significance-{name}.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 24, len(rows)
    for column, adjusted in (("fisher_p", "fisher_p_adjusted"), ("p", "p_adjusted")):
        p = np.array([float(r[column]) for r in rows])
        ours = np.array([float(r[adjusted]) for r in rows])
        reject, reference, _, _ = multipletests(p, alpha=0.05, method=method)
        err = np.max(np.abs(ours - reference) / np.maximum(reference, 1e-300))
        assert err <= 1e-6, f"{name} {column}: relative error {err}"
        flag = "fisher_significant" if column == "fisher_p" else "significant"
        mask = np.array([r[flag] == "1" for r in rows])
        assert (mask == reject).all(), f"{name} {flag}: {mask} vs {reject}"
print("multiple comparisons match statsmodels")
