#!/usr/bin/python3
"""The manual pages name what the programs offer: every laminar-cli subcommand and analysis
(from its --help) in laminar-cli.1, and every long option of laminar (from its --help) in
laminar.1. Fails naming what a page lacks, so a new command or option cannot ship without
its line in the installed manual.

usage: check-man-pages.py MAN_DIR LAMINAR_CLI [LAMINAR]"""
import os
import re
import subprocess
import sys


def page_text(path):
    # roff escapes a hyphen as \- ; the names are compared as a user types them.
    return open(path, encoding="utf-8").read().replace("\\-", "-")


def help_of(args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    p = subprocess.run(args, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"check-man-pages: {' '.join(args)} failed ({p.returncode}): {p.stderr[-500:]}")
    return p.stdout


def subcommands(help_text):
    # CLI11: the lines after "Subcommands:", each "  NAME   description".
    after = help_text.split("Subcommands:", 1)
    return re.findall(r"^  ([a-z][a-z0-9-]*)\s", after[1], re.M) if len(after) == 2 else []


def main():
    man_dir, cli = sys.argv[1], sys.argv[2]
    gui = sys.argv[3] if len(sys.argv) > 3 else None
    missing = []
    cli_page = page_text(os.path.join(man_dir, "laminar-cli.1"))
    commands = subcommands(help_of([cli, "--help"]))
    analyses = subcommands(help_of([cli, "analyze", "--help"]))
    if not commands or not analyses:
        sys.exit("check-man-pages: no subcommands found in laminar-cli --help (has its format changed?)")
    for name in commands:
        if not re.search(r"^\.B " + re.escape(name) + r"\b", cli_page, re.M):
            missing.append(f"laminar-cli.1: no entry for the command '{name}'")
    for name in analyses:
        if name not in cli_page:
            missing.append(f"laminar-cli.1: the analysis '{name}' is not named")
    if gui:
        gui_page = page_text(os.path.join(man_dir, "laminar.1"))
        options = sorted(set(re.findall(r"--([a-z][a-z0-9-]*)", help_of([gui, "--help"]))))
        if not options:
            sys.exit("check-man-pages: no options found in laminar --help")
        for name in options:
            if not re.search(r"--" + re.escape(name) + r"(?![a-z0-9-])", gui_page):
                missing.append(f"laminar.1: the option --{name} is not described")
    for m in missing:
        print("check-man-pages: " + m, file=sys.stderr)
    if missing:
        sys.exit(1)
    print(f"check-man-pages: ok ({len(commands)} commands, {len(analyses)} analyses"
          + (f", {len(options)} laminar options)" if gui else ")"))


if __name__ == "__main__":
    main()
