#!/usr/bin/env python3
"""Fills translations/laminar_en.ts, the English plural forms, after `lupdate -pluralonly`
(target laminar_lupdate) added or changed a message with %n. The sources say "%n text(s)";
English shows "1 text" and "54 texts": each word written WORD(s) becomes WORD in the
singular form and WORDs in the plural. Fails, listing it, when a %n message has no WORD(s)
to decide its forms by.

usage: fill_english_plurals.py [laminar_en.ts]
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ts_file import set_translation, write_ts  # noqa: E402

ts = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "laminar_en.ts")
tree = ET.parse(ts)
root = tree.getroot()
root.set("language", "en")
PLURAL = re.compile(r"(\w+)\(s\)")
undecided = []
for message in root.iter("message"):
    source = message.findtext("source")
    if not PLURAL.search(source):
        undecided.append(source)
        continue
    set_translation(message, [PLURAL.sub(r"\1", source), PLURAL.sub(r"\1s", source)])  # n == 1, then every other n
if undecided:
    print("no WORD(s) in these %n messages; write their forms by hand:\n  " + "\n  ".join(undecided), file=sys.stderr)
    sys.exit(1)
write_ts(tree, ts)
print(f"{ts}: {sum(1 for _ in root.iter('message'))} plural messages filled")
