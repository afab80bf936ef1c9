#!/usr/bin/env python3
"""A translation is complete: every message translated (no unfinished, vanished or obsolete
entries), placeholders (%1, %n ...) preserved, and, when lupdate is given, the .ts holds
exactly the strings the sources contain now. laminar_vi.ts holds every message;
laminar_en.ts (language en) only the plural ones, each with English's two forms and no
"(s)" left in them.

usage: check_translation.py laminar_vi.ts|laminar_en.ts [lupdate SOURCE_DIR...]
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def messages(ts_path):
    root = ET.parse(ts_path).getroot()
    out = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            out[(name, source)] = message
    return root, out


def placeholders(text):
    return sorted(re.findall(r"%(?:\d+|n)", text or ""))


ts = sys.argv[1]
root, found = messages(ts)
problems = []
english = root.get("language") == "en"  # the plural forms only
if root.get("language") not in ("vi", "vi_VN", "en"):
    problems.append(f"language is {root.get('language')!r}, expected vi or en")
if not found:
    problems.append("no messages")
for (context, source), message in found.items():
    tr = message.find("translation")
    kind = tr.get("type") if tr is not None else "missing"
    if kind in ("unfinished", "vanished", "obsolete", "missing"):
        problems.append(f"{context}: {source!r}: {kind}")
        continue
    numerus = tr.findall("numerusform")
    texts = [n.text for n in numerus] if numerus else [tr.text]
    if english and (len(numerus) != 2 or any("(s)" in (t or "") for t in texts)):
        problems.append(f"{context}: {source!r}: English needs two plural forms without '(s)', has {texts}")
    for text in texts:
        if not text or not text.strip():
            problems.append(f"{context}: {source!r}: empty translation")
        elif placeholders(text) != placeholders(source) and not (numerus and "%n" in source):
            problems.append(f"{context}: {source!r}: placeholders {placeholders(text)} != {placeholders(source)}")

if len(sys.argv) > 3:
    lupdate, sources = sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, "fresh.ts")
        plural_only = ["-pluralonly"] if english else []
        subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none", *plural_only, *sources, "-ts", fresh],
                       check=True)
        _, current = messages(fresh)
    missing = sorted(set(current) - set(found))
    stale = sorted(set(found) - set(current))
    problems += [f"{c}: {s!r}: in the sources but not in {os.path.basename(ts)}" for c, s in missing]
    problems += [f"{c}: {s!r}: in {os.path.basename(ts)} but no longer in the sources" for c, s in stale]

if problems:
    print(f"{len(problems)} problem(s) in {ts}:")
    print("\n".join(problems[:100]))
    sys.exit(1)
print(f"{ts}: {len(found)} messages, all translated")
