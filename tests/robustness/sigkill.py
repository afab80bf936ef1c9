#!/usr/bin/env python3
"""Atomicity under SIGKILL: laminar-cli analyze, extract and download are killed at seeded
random moments. After each kill nothing half-written exists under a final name (a results
directory, an activations file, a file in the hub cache's snapshot); the next run succeeds
and leaves none of the killed run's temporaries behind.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def safetensors_complete(path):
    """The file is a whole safetensors file: header parses, data region as long as promised."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        return False
    n = struct.unpack("<Q", data[:8])[0]
    try:
        header = json.loads(data[8:8 + n])
    except ValueError:
        return False
    end = max([v["data_offsets"][1] for k, v in header.items() if k != "__metadata__"] or [0])
    return len(data) == 8 + n + end


def results_complete(d):
    try:
        with open(os.path.join(d, "results.json")) as f:
            j = json.load(f)
    except (OSError, ValueError):
        return False
    return (j.get("format") == "laminar-results"
            and all(os.path.exists(os.path.join(d, t)) for t in j["files"]["tables"])
            and safetensors_complete(os.path.join(d, "vectors.safetensors")))


def leftovers(path):
    parent, name = os.path.split(path)
    return [e for e in os.listdir(parent) if e.startswith(name + ".tmp-") or e.startswith(name + ".old-")]


def run_and_kill(cmd, delay, env=None):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(delay)
    killed = p.poll() is None
    if killed:
        p.send_signal(signal.SIGKILL)
    p.wait()
    return killed


def timed(cmd, env=None):
    start = time.monotonic()
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    return run, time.monotonic() - start


def kill_loop(label, cmd, output, complete, rng, kills, env=None, extra_check=None):
    first, full = timed(cmd, env)
    if not check(first.returncode == 0, f"{label}: the uninterrupted run failed: {first.stderr[-1500:]}"):
        return
    killed_count = 0
    for i in range(kills):
        # Every other kill starts from nothing; the others replace a complete earlier output.
        if i % 2 == 0:
            shutil.rmtree(output, ignore_errors=True) if os.path.isdir(output) else (
                os.remove(output) if os.path.exists(output) else None)
        delay = rng.uniform(0.0, full)
        killed = run_and_kill(cmd, delay, env)
        killed_count += killed
        state = "absent"
        if os.path.exists(output):
            state = "complete" if complete(output) else "HALF-WRITTEN"
        check(state != "HALF-WRITTEN", f"{label}: kill {i} at {delay:.2f} s left {output} half-written")
        if extra_check:
            extra_check(f"{label}: kill {i} at {delay:.2f} s")
        print(f"{label}: kill {i} at {delay:.2f} s of {full:.2f} s ({'killed' if killed else 'had finished'}): "
              f"final name {state}, temporaries {leftovers(output)}")
        again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
        check(again.returncode == 0, f"{label}: the run after kill {i} failed: {again.stderr[-1500:]}")
        check(os.path.exists(output) and complete(output), f"{label}: the run after kill {i} left no complete output")
        check(not leftovers(output), f"{label}: temporaries left after the run that followed kill {i}: {leftovers(output)}")
    print(f"{label}: {killed_count} of {kills} runs killed mid-way")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--fake-hub", required=True)
    ap.add_argument("--reference", required=True, help="gpt2-tiny checkpoint folder")
    ap.add_argument("--sentences", required=True, help="a sentence set (her.txt)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--kills", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="laminar-sigkill-") as tmp:
        model = os.path.join(tmp, "model")
        made = subprocess.run([args.cli, "make-synthetic", "--shape", "128x4x4", "--seed", "1", "--out", model],
                              capture_output=True, text=True)
        if made.returncode != 0:
            print(made.stderr)
            return 1

        out = os.path.join(tmp, "results")
        kill_loop("analyze", [args.cli, "analyze", "similarity", "--model", model, "--sentences", args.sentences,
                              "--out", out, "--threads", "1"], out, results_complete, rng, args.kills)

        texts = os.path.join(tmp, "texts.json")
        with open(args.sentences) as f:
            lines = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        with open(texts, "w") as f:
            json.dump(lines, f)
        acts = os.path.join(tmp, "acts.safetensors")
        kill_loop("extract", [args.cli, "extract", "--model", model, "--texts-json", texts, "--hooks", "all",
                              "--out", acts, "--threads", "1"], acts, safetensors_complete, rng, args.kills)

        server = subprocess.Popen([sys.executable, args.fake_hub, "--reference", args.reference],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            port = int(server.stdout.readline().split()[1])
            cache = os.path.join(tmp, "hub")
            env = dict(os.environ, HF_HOME=os.path.join(tmp, "hf"), XDG_CONFIG_HOME=os.path.join(tmp, "cfg"),
                       HF_ENDPOINT=f"http://127.0.0.1:{port}")
            for k in ("HF_TOKEN", "HF_HUB_CACHE", "HF_HUB_OFFLINE"):
                env.pop(k, None)
            repo = os.path.join(cache, "models--test-org--tiny")
            snapshot_file = lambda: None

            def snapshot_sound(where):
                # Every file reachable under a snapshot name is whole: its blob's SHA-256 (LFS) or
                # size matches what the hub serves.
                snaps = os.path.join(repo, "snapshots")
                if not os.path.isdir(snaps):
                    return
                for commit in os.listdir(snaps):
                    for name in os.listdir(os.path.join(snaps, commit)):
                        p = os.path.join(snaps, commit, name)
                        if not os.path.exists(p):
                            failures.append(f"{where}: dangling snapshot link {p}")
                            continue
                        src = os.path.join(args.reference, name)
                        if os.path.exists(src):
                            with open(src, "rb") as a, open(p, "rb") as b:
                                check(a.read() == b.read(), f"{where}: {p} differs from what the hub serves")

            def download_complete(path):
                snapshot_sound("after download")
                return os.path.exists(os.path.join(path, "config.json")) and os.path.exists(
                    os.path.join(path, "model.safetensors"))

            # The output "name" of a download is the snapshot folder; its temporaries are the
            # blobs' .incomplete parts, checked separately below.
            cmd = [args.cli, "download", "test-org/tiny", "--cache-dir", cache, "-q"]
            first, full = timed(cmd, env)
            check(first.returncode == 0, f"download: the uninterrupted run failed: {first.stderr}")
            snapshot = first.stdout.strip()
            killed_count = 0
            for i in range(args.kills):
                shutil.rmtree(cache, ignore_errors=True)
                delay = rng.uniform(0.0, full)
                killed_count += run_and_kill(cmd, delay, env)
                snapshot_sound(f"download: kill {i} at {delay:.2f} s")
                again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
                check(again.returncode == 0 and again.stdout.strip() == snapshot,
                      f"download: the run after kill {i} failed: {again.stderr}")
                check(download_complete(snapshot), f"download: kill {i}: snapshot incomplete after the next run")
                blobs = os.listdir(os.path.join(repo, "blobs"))
                check(not [b for b in blobs if "." in b], f"download: kill {i}: leftovers in blobs: {blobs}")
                refs = os.listdir(os.path.join(repo, "refs"))
                check(refs == ["main"], f"download: kill {i}: leftovers in refs: {refs}")
                print(f"download: kill {i} at {delay:.3f} s of {full:.3f} s: blobs after the next run {len(blobs)}")
            print(f"download: {killed_count} of {args.kills} runs killed mid-way")
        finally:
            server.stdin.close()
            server.terminate()
            server.wait()

    if failures:
        print("\nFAILED:\n" + "\n".join(failures))
        return 1
    print("\nno half-written output under a final name; every next run succeeded and cleaned up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
