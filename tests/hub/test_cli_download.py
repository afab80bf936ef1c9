#!/usr/bin/env python3
"""laminar-cli download / models end to end against fake_hub.py (127.0.0.1 only).

Checks the Hugging Face cache layout the CLI leaves (refs/main, relative snapshot links
to blobs named by the SHA-256 of the content, computed here with hashlib), the snapshot
folder printed on stdout, the error exit for a missing repository, `--revision COMMIT` (that
commit's snapshot, asked of the hub by commit) and `models --json`.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.request


class CheckFailed(Exception):
    pass


def check(ok, what=""):
    """An explicit check (a bare assert vanishes under PYTHONOPTIMIZE)."""
    if not ok:
        raise CheckFailed(str(what))


def hub_log(endpoint):
    with urllib.request.urlopen(endpoint + "/__log", timeout=10) as r:
        return json.load(r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--fake-hub", required=True)
    ap.add_argument("--reference", required=True)
    args = ap.parse_args()

    server = subprocess.Popen([sys.executable, args.fake_hub, "--reference", args.reference],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().split()[1])
        endpoint = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory() as tmp:
            cache = os.path.join(tmp, "hub")
            env = dict(os.environ, HF_HOME=os.path.join(tmp, "hf"), XDG_CONFIG_HOME=os.path.join(tmp, "cfg"),
                       HF_ENDPOINT=endpoint)
            env.pop("HF_TOKEN", None)
            env.pop("HF_HUB_CACHE", None)
            env.pop("HF_HUB_OFFLINE", None)

            run = subprocess.run([args.cli, "download", "test-org/tiny", "--cache-dir", cache],
                                 env=env, capture_output=True, text=True, timeout=60)
            check(run.returncode == 0, run.stderr)
            snapshot = run.stdout.strip()
            repo = os.path.join(cache, "models--test-org--tiny")
            with open(os.path.join(repo, "refs", "main")) as f:
                commit = f.read()
            check(snapshot == os.path.join(repo, "snapshots", commit), (snapshot, commit))
            with open(os.path.join(args.reference, "model.safetensors"), "rb") as f:
                weights = f.read()
            sha = hashlib.sha256(weights).hexdigest()
            link = os.readlink(os.path.join(snapshot, "model.safetensors"))
            check(link == f"../../blobs/{sha}", link)
            with open(os.path.join(snapshot, "model.safetensors"), "rb") as f:
                check(f.read() == weights)
            check("downloaded" in run.stderr, run.stderr)

            again = subprocess.run([args.cli, "download", "test-org/tiny", "--cache-dir", cache, "-q"],
                                   env=env, capture_output=True, text=True, timeout=60)
            check(again.returncode == 0 and again.stdout.strip() == snapshot and again.stderr == "", again)

            missing = subprocess.run([args.cli, "download", "test-org/missing", "--cache-dir", cache],
                                     env=env, capture_output=True, text=True, timeout=60)
            check(missing.returncode == 1, missing)
            check("not found" in missing.stderr, missing.stderr)

            # --revision COMMIT: a fresh cache gets that commit's snapshot, and the hub is asked
            # for that revision (not main). An unknown revision is refused with exit 1.
            log_before = len(hub_log(endpoint))
            cache2 = os.path.join(tmp, "hub-rev")
            pinned = subprocess.run([args.cli, "download", "test-org/tiny", "--cache-dir", cache2, "--revision", commit],
                                    env=env, capture_output=True, text=True, timeout=60)
            check(pinned.returncode == 0, pinned.stderr)
            repo2 = os.path.join(cache2, "models--test-org--tiny")
            check(pinned.stdout.strip() == os.path.join(repo2, "snapshots", commit), (pinned.stdout, commit))
            with open(os.path.join(pinned.stdout.strip(), "model.safetensors"), "rb") as f:
                check(f.read() == weights, "--revision: weights differ from the reference")
            asked = [e["path"] for e in hub_log(endpoint)[log_before:] if "/test-org/tiny/resolve/" in e["path"]]
            check(asked and all(f"/resolve/{commit}/" in p for p in asked), f"--revision {commit}: hub asked for {asked}")
            bogus = subprocess.run([args.cli, "download", "test-org/tiny", "--cache-dir", cache2, "--revision", "v9.9"],
                                   env=env, capture_output=True, text=True, timeout=60)
            check(bogus.returncode == 1 and "v9.9" in bogus.stderr, bogus)

            # A user folder next to the cache: the reference fixture itself.
            listing = subprocess.run([args.cli, "models", "--json", "--cache-dir", cache,
                                      "--folder", args.reference],
                                     env=env, capture_output=True, text=True, timeout=60)
            check(listing.returncode == 0, listing.stderr)
            out = json.loads(listing.stdout)
            with open(os.path.join(args.reference, "config.json")) as f:
                config = json.load(f)
            cached = [c for c in out["checkpoints"] if c["source"] == "cache"]
            folder = [c for c in out["checkpoints"] if c["source"] == "folder"]
            check(len(cached) == 1 and len(folder) == 1, out)
            check(cached[0]["name"] == "test-org/tiny" and cached[0]["refs"] == ["main"], cached)
            check(cached[0]["revision"] == commit)
            for c in cached + folder:
                check(c["usable"], c)
                check((c["n_embd"], c["n_layer"], c["n_head"]) == (config["n_embd"], config["n_layer"],
                                                                  config["n_head"]), c)
            ref_bytes = sum(os.path.getsize(os.path.join(args.reference, f))
                            for f in ("config.json", "model.safetensors"))
            check(folder[0]["size_bytes"] == ref_bytes, folder)
            check([m["id"] for m in out["downloadable"]] == ["gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl"])

            # Remembered folders persist in $XDG_CONFIG_HOME/laminar/model-folders.json.
            added = subprocess.run([args.cli, "models", "--add-folder", args.reference, "--cache-dir", cache],
                                   env=env, capture_output=True, text=True, timeout=60)
            check(added.returncode == 0, added.stderr)
            with open(os.path.join(tmp, "cfg", "laminar", "model-folders.json")) as f:
                check(json.load(f)["folders"] == [os.path.abspath(args.reference)])
        print("hub_cli_download: ok")
    except CheckFailed as e:
        print(f"hub_cli_download: FAIL: {e}", file=sys.stderr)
        sys.exit(1)
    finally:
        server.stdin.close()
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
