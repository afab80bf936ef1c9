#!/usr/bin/env python3
"""`laminar --example her` start-up (README's first command), offscreen, both branches of the
model choice:

1. first start (no settings, an empty Hugging Face cache): the window runs the "her" example
   on the demo model shipped with Laminar, offline;
2. a checkpoint used before (remembered in the settings) is chosen instead, and --demo still
   selects the demo model; --model DIR selects DIR;
3. a scripted screenshot that cannot be taken (unreadable results, sentences or view) exits 1
   with its reason instead of waiting.

The window reports the model it used on the line after the screenshot ("laminar: model: ...").

usage: check_startup.py LAMINAR LAMINAR_CLI
"""
import os
import subprocess
import sys
import tempfile

laminar, cli = sys.argv[1:3]
failures = []
DEMO = "demo model: 6-layer GPT-2 trained on the Brown corpus, not GPT-2 XL"


def check(ok, what):
    print(("ok:   " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def start(home, *extra):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LAMINAR_NO_DIALOGS="1",
               XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_DATA_HOME=os.path.join(home, "data"),
               HF_HOME=os.path.join(home, "hf"), HF_HUB_OFFLINE="1")
    shot = os.path.join(home, "shot.png")
    if os.path.exists(shot):
        os.remove(shot)
    r = subprocess.run([laminar, "--lang", "en", "--example", "her", "--run", "--screenshot", shot, *extra],
                       env=env, capture_output=True, text=True, timeout=600)
    model = [line[len("laminar: model: "):] for line in r.stdout.splitlines() if line.startswith("laminar: model: ")]
    return r, (model[0] if model else None), os.path.exists(shot) and os.path.getsize(shot) > 10000


with tempfile.TemporaryDirectory() as home:
    r, model, shot = start(home)
    check(r.returncode == 0, f"first start exits 0 (got {r.returncode}: {r.stderr.strip()[-300:]})")
    check(shot, "first start: the window was drawn after the run")
    check(model == DEMO, f"first start runs on the shipped demo model (window says: {model!r})")

    # A checkpoint used before is remembered and chosen on the next start.
    other = os.path.join(home, "other-model")
    made = subprocess.run([cli, "make-synthetic", "--shape", "64x2x4", "--seed", "3", "--out", other],
                          capture_output=True, text=True)
    check(made.returncode == 0, "make-synthetic for the remembered checkpoint")
    os.makedirs(os.path.join(home, "config", "Laminar"), exist_ok=True)
    with open(os.path.join(home, "config", "Laminar", "laminar.conf"), "w") as f:
        f.write(f"[model]\nsource={other}\nfolders={other}\n")
    r, model, shot = start(home)
    check(r.returncode == 0, f"start with a remembered checkpoint exits 0 ({r.stderr.strip()[-300:]})")
    check(model is not None and model.startswith("64x2x4"), f"the remembered checkpoint is used (window says: {model!r})")

    r, model, shot = start(home, "--demo")
    check(r.returncode == 0 and model == DEMO, f"--demo selects the demo model (window says: {model!r})")

    r, model, shot = start(home, "--model", other)
    check(r.returncode == 0 and model is not None and model.startswith("64x2x4"),
          f"--model DIR selects DIR (window says: {model!r})")

    # A results folder that cannot be opened ends a scripted screenshot with the reason and
    # exit status 1 (it used to wait forever for results that never came).
    broken = os.path.join(home, "broken-results")
    os.makedirs(broken)
    with open(os.path.join(broken, "results.json"), "w") as f:
        f.write('{"format": "something-else"}')
    shot = os.path.join(home, "broken.png")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_DATA_HOME=os.path.join(home, "data"), HF_HOME=os.path.join(home, "hf"), HF_HUB_OFFLINE="1")
    try:
        r = subprocess.run([laminar, "--lang", "en", "--demo", "--results", broken, "--screenshot", shot],
                           env=env, capture_output=True, text=True, timeout=120)
        check(r.returncode == 1 and "not a Laminar results file" in r.stderr and broken in r.stderr
              and not os.path.exists(shot),
              f"an unreadable --results folder exits 1 with its reason (got {r.returncode}: {r.stderr.strip()[-300:]})")
    except subprocess.TimeoutExpired:
        check(False, "an unreadable --results folder exits instead of waiting")

    # So do a sentence file that cannot be read (it waited forever for a run that never
    # started) and a view the analysis does not have (it wrapped around to another view).
    empty = os.path.join(home, "empty.txt")
    open(empty, "w").close()
    for args, reason, what in (
            ([empty, "--run"], empty + ": the file is empty", "an empty sentence file with --run"),
            (["--example", "her", "--view", "9"], "--view must be 0 to 3 for this analysis, not '9'",
             "--view 9 for an analysis of four views")):
        try:
            r = subprocess.run([laminar, "--lang", "en", "--demo", *args, "--screenshot", shot],
                               env=env, capture_output=True, text=True, timeout=120)
            check(r.returncode == 1 and reason in r.stderr and not os.path.exists(shot),
                  f"{what} exits 1 with its reason (got {r.returncode}: {r.stderr.strip()[-300:]})")
        except subprocess.TimeoutExpired:
            check(False, f"{what} exits instead of waiting")

if failures:
    sys.exit(f"{len(failures)} start-up check(s) failed")
