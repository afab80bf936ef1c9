#!/usr/bin/python3
"""Every mutation of mutations.json still applies: its file exists and its "find" text occurs
in it exactly once (run_mutations.py replaces the first occurrence; a second one would make the
mutation ambiguous, none would leave it "pending" and silently untested).

Runs in CTest, so a refactor that moves or rewrites a mutated line fails here and the mutation
is re-expressed in the same commit, instead of being found stale at the next mutation pass.

usage: tests/mutations/check_mutations.py [REPO]
"""
import json
import sys
from pathlib import Path

FIELDS = ("id", "what", "file", "find", "replace", "targets", "tests")


def problems(repo):
    mutations = json.loads((repo / "tests" / "mutations" / "mutations.json").read_text())
    seen = set()
    for m in mutations:
        name = m.get("id", "?")
        missing = [f for f in FIELDS if not m.get(f) and f != "replace"]
        if missing:
            yield f"{name}: missing {', '.join(missing)}"
            continue
        if name in seen:
            yield f"{name}: the id is used twice"
        seen.add(name)
        if m["find"] == m["replace"]:
            yield f"{name}: replace is the same text as find"
        path = repo / m["file"]
        if not path.is_file():
            yield f"{name}: {m['file']} does not exist"
            continue
        count = path.read_text().count(m["find"])
        if count != 1:
            yield f"{name}: its find text occurs {count} times in {m['file']} (re-express it to match once)"


def main():
    repo = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
    found = list(problems(repo))
    for p in found:
        print(p, file=sys.stderr)
    if found:
        return 1
    print(f"all mutations apply ({len(json.loads((repo / 'tests/mutations/mutations.json').read_text()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
