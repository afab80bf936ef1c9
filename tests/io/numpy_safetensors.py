#!/usr/bin/env python3
"""An independent safetensors reader/writer in numpy, to check Laminar's C++ against.

  numpy_safetensors.py write-fixtures OUTDIR REFERENCE_DIR
      OUTDIR/numpy.safetensors      tensors of many dtypes written here (header padded with spaces)
      OUTDIR/numpy.json             their values (bit patterns for 16-bit floats)
      OUTDIR/tiny-f16/, tiny-bf16/  the gpt2-tiny reference converted to F16 / BF16 by numpy
      OUTDIR/tiny-f16-expected.safetensors, tiny-bf16-expected.safetensors
                                    numpy's float32 values of those conversions
      OUTDIR/spot.json              values numpy reads from the raw reference files
  numpy_safetensors.py summarize FILE
      prints JSON {name: {"dtype", "shape", "sum", "first"}} of a file Laminar wrote
"""
import json
import os
import shutil
import struct
import sys

import numpy as np

NP = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32,
      "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_, "BF16": np.uint16}


def read(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", None)
    data = raw[8 + n:]
    out = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        arr = np.frombuffer(data[b:e], dtype=np.dtype(NP[info["dtype"]]).newbyteorder("<"))
        out[name] = (info["dtype"], arr.reshape(info["shape"]))
    return out, meta


def write(path, tensors, metadata=None, pad=True):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, arr) in tensors.items():
        b = np.ascontiguousarray(arr).astype(np.dtype(NP[dtype]).newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    text = json.dumps(header).encode()
    if pad:
        text += b" " * ((8 - (8 + len(text)) % 8) % 8 + 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def to_bf16_bits(x):
    """float32 -> bfloat16 bit patterns, round to nearest even (as torch does)."""
    bits = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def bf16_bits_to_f32(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def write_fixtures(outdir, refdir):
    os.makedirs(outdir, exist_ok=True)
    rng = np.random.default_rng(7)
    f32 = rng.normal(size=(3, 5)).astype(np.float32)
    f16 = rng.normal(size=(4,)).astype(np.float16)
    bf16 = to_bf16_bits(rng.normal(size=(2, 3)).astype(np.float32))
    tensors = {
        "a.f32": ("F32", f32),
        "b.f16": ("F16", f16),
        "c.bf16": ("BF16", bf16),
        "d.i64": ("I64", np.arange(-3, 3, dtype=np.int64).reshape(2, 3)),
        "e.u8": ("U8", np.arange(7, dtype=np.uint8)),
        "f.scalar": ("F64", np.array(2.5)),
        "g.empty": ("F32", np.zeros((0, 4), np.float32)),
    }
    write(os.path.join(outdir, "numpy.safetensors"), tensors, {"writer": "numpy"})
    json.dump({"a.f32": f32.astype(float).ravel().tolist(),
               "b.f16.bits": f16.view(np.uint16).astype(int).tolist(),
               "c.bf16.bits": bf16.astype(int).ravel().tolist(),
               "d.i64": list(range(-3, 3)), "f.scalar": 2.5},
              open(os.path.join(outdir, "numpy.json"), "w"))

    ref, _ = read(os.path.join(refdir, "gpt2-tiny", "model.safetensors"))
    for kind in ("f16", "bf16"):
        d = os.path.join(outdir, "tiny-" + kind)
        os.makedirs(d, exist_ok=True)
        shutil.copy(os.path.join(refdir, "gpt2-tiny", "config.json"), os.path.join(d, "config.json"))
        stored, expected = {}, {}
        for name, (_, arr) in ref.items():
            if kind == "f16":
                h = arr.astype(np.float16)
                stored[name] = ("F16", h)
                expected[name] = ("F32", h.astype(np.float32))
            else:
                bits = to_bf16_bits(arr)
                stored[name] = ("BF16", bits)
                expected[name] = ("F32", bf16_bits_to_f32(bits))
        write(os.path.join(d, "model.safetensors"), stored)
        write(os.path.join(outdir, "tiny-%s-expected.safetensors" % kind), expected)

    spot = {}
    hub, _ = read(os.path.join(refdir, "gpt2-tiny-hubstyle.safetensors"))
    for name in ("transformer.wte.weight", "transformer.h.1.mlp.c_fc.weight", "transformer.h.2.ln_2.bias",
                 "transformer.ln_f.weight"):
        arr = ref[name][1]
        spot[name] = {"shape": list(arr.shape), "sum": float(arr.astype(np.float64).sum()),
                      "first": float(arr.ravel()[0]), "last": float(arr.ravel()[-1]),
                      "hub_equal": bool(np.array_equal(arr, hub[name[len("transformer."):]][1]))}
    json.dump(spot, open(os.path.join(outdir, "spot.json"), "w"))


def summarize(path):
    tensors, meta = read(path)
    out = {"__metadata__": meta}
    for name, (dtype, arr) in tensors.items():
        out[name] = {"dtype": dtype, "shape": list(arr.shape), "sum": float(arr.astype(np.float64).sum()),
                     "first": float(arr.ravel()[0]) if arr.size else None}
    print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1] == "write-fixtures":
        write_fixtures(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "summarize":
        summarize(sys.argv[2])
    else:
        sys.exit("unknown command " + sys.argv[1])
