#!/usr/bin/python3
"""Mutation check: does some CTest test catch each deliberate bug of mutations.json?

For each mutation: apply it to a scratch copy of the committed tree, rebuild only the
targets it names (ccache and ninja keep this to one object and a few links), run only the
tests it names (ctest -R), restore the file, and record "caught" (some test failed) or
"SURVIVED" (all passed). A mutation whose text is no longer in the source is "pending"
(re-express it; mutations.json says why it may have moved); CTest's mutations_still_apply
(check_mutations.py) fails as soon as one is. Not part of CI: a full pass takes 10-20 minutes
on two cores.

usage: tests/mutations/run_mutations.py [--scratch DIR] [--only ID,ID]
  --scratch  where the scratch worktree and its build go (default: <repo>-mutations beside
             the repository, so CCACHE_BASEDIR=/work shares objects with the real build)
Exit status: 0 when every applicable mutation is caught, 1 otherwise.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def sh(args, cwd, log=None, env=None):
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    if log is not None:
        log.write(f"$ {' '.join(map(str, args))}\n{p.stdout}\n{p.stderr}\n")
    return p


def option(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    mutations = json.loads((HERE / "mutations.json").read_text())
    only = option("--only")
    if only:
        mutations = [m for m in mutations if m["id"] in only.split(",")]
    scratch = Path(option("--scratch", str(REPO.parent / (REPO.name + "-mutations"))))
    env = dict(os.environ, CCACHE_BASEDIR=str(REPO.parent), CCACHE_NOHASHDIR="1")
    log = open("/tmp/laminar-mutations.log", "w")  # every command and its output

    # A scratch worktree at the committed HEAD (uncommitted edits are not mutated).
    if not scratch.exists():
        p = sh(["git", "worktree", "add", "--detach", str(scratch), "HEAD"], REPO, log)
        if p.returncode != 0:
            sys.exit(f"cannot create {scratch}: {p.stderr}")
    else:
        sh(["git", "checkout", "--detach", "--force", sh(["git", "rev-parse", "HEAD"], REPO).stdout.strip()], scratch, log)
    build = scratch / "build"
    if not (build / "build.ninja").exists():
        p = sh(["cmake", "-S", str(scratch), "-B", str(build), "-G", "Ninja"], scratch, log, env)
        if p.returncode != 0:
            sys.exit("configure failed; see /tmp/laminar-mutations.log")
    targets = sorted({t for m in mutations for t in m["targets"]})
    print(f"building the unmutated targets once: {' '.join(targets)}", flush=True)
    p = sh(["nice", "-n", "10", "cmake", "--build", str(build), "--target"] + targets, scratch, log, env)
    if p.returncode != 0:
        sys.exit("the unmutated build failed; see /tmp/laminar-mutations.log")

    rows = []
    for m in mutations:
        path = scratch / m["file"]
        original = path.read_text()
        if m["find"] not in original:
            rows.append((m["id"], "pending", "text not found: " + m.get("pending_if_absent", "re-express the mutation")))
            print(f"{m['id']}: pending", flush=True)
            continue
        start = time.time()
        path.write_text(original.replace(m["find"], m["replace"], 1))
        try:
            b = sh(["nice", "-n", "10", "cmake", "--build", str(build), "--target"] + m["targets"], scratch, log, env)
            if b.returncode != 0:
                rows.append((m["id"], "caught", "does not compile"))
            else:
                t = sh(["ctest", "--test-dir", str(build), "-R", m["tests"], "--output-on-failure", "-j2",
                        "--timeout", "600"], scratch, log, env)
                # "The following tests FAILED:" lines: "\t  3 - ActivationProvenance.X (Failed)"; the
                # "did not run" list has the same shape and ends in "(Skipped)"
                failed = [l.split(" - ", 1)[1].rsplit(" (", 1)[0] for l in t.stdout.splitlines()
                          if " - " in l and l.rstrip().endswith(")") and l.startswith("\t")
                          and not l.rstrip().endswith("(Skipped)")]
                ran = "No tests were found" not in t.stdout and "tests passed" in t.stdout
                if not ran:
                    rows.append((m["id"], "ERROR", "no test matched " + m["tests"]))
                elif t.returncode != 0:
                    rows.append((m["id"], "caught", ", ".join(failed[:4]) or "ctest failed"))
                else:
                    rows.append((m["id"], "SURVIVED", "all of " + m["tests"] + " passed"))
        finally:
            path.write_text(original)
        print(f"{m['id']}: {rows[-1][1]} ({time.time() - start:.0f} s) {rows[-1][2]}", flush=True)

    # Leave the scratch build unmutated (so the next run starts from a correct build).
    sh(["nice", "-n", "10", "cmake", "--build", str(build), "--target"] + targets, scratch, log, env)
    print()
    print(f"| {'mutation':32s} | {'result':8s} | caught by / note |")
    print(f"|{'-' * 34}|{'-' * 10}|------------------|")
    for mid, result, note in rows:
        print(f"| {mid:32s} | {result:8s} | {note} |")
    # The scratch tree stays for the next run's incremental build (git worktree remove DIR).
    return 0 if all(r[1] in ("caught", "pending") for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
