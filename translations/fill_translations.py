#!/usr/bin/env python3
"""Fills translations/laminar_vi.ts from vi_glossary.py after `lupdate` (target
laminar_lupdate) added or changed source strings. Fails, listing them, when a string has no
Vietnamese yet, so nothing ships untranslated.

usage: fill_translations.py [laminar_vi.ts]
"""
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ts_file import set_translation, write_ts  # noqa: E402
from vi_glossary import VI  # noqa: E402

ts = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "laminar_vi.ts")
tree = ET.parse(ts)
root = tree.getroot()
root.set("language", "vi_VN")
missing = []
for context in root.iter("context"):
    name = context.findtext("name")
    for message in context.iter("message"):
        source = message.findtext("source")
        text = VI.get((name, source), VI.get(source))
        if text is None:
            missing.append(f"{name}: {source!r}")
            continue
        set_translation(message, [text] if message.get("numerus") == "yes" else text)  # Vietnamese has one plural form
write_ts(tree, ts)
if missing:
    print("no Vietnamese yet for:\n  " + "\n  ".join(missing))
    sys.exit(1)
print(f"{ts}: all messages translated")
