"""The Python side of the stats test drivers' JSON (driver_json.h is the C++ side): JSON has
no NaN or infinity, so both sides spell them "nan", "inf" and "-inf"; run_driver sends
{"cases": [...]} to a driver and returns its {"results": [...]}, one per case, in order."""
import json
import math
import subprocess

import numpy as np


def enc(v):
    """JSON-safe encoding of floats and (nested) lists or arrays of them."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return [enc(e) for e in v]
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def dec(v):
    """The inverse of enc: a number, or a float array for a list."""
    if isinstance(v, list):
        return np.array([dec(e) for e in v], dtype=float)
    if isinstance(v, str):
        return float(v)
    return v


def run_driver(driver, cases):
    """The driver's results for `cases`; raises RuntimeError (with its stderr) when it fails or
    answers a different number of results."""
    proc = subprocess.run([driver], input=json.dumps({"cases": cases}), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{driver} failed (exit status {proc.returncode}): {proc.stderr}")
    results = json.loads(proc.stdout)["results"]
    if len(results) != len(cases):
        raise RuntimeError(f"{driver} returned {len(results)} results for {len(cases)} cases")
    return results
