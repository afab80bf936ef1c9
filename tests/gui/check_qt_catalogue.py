#!/usr/bin/env python3
"""translations/qtbase_vi.ts translates Qt's own words: each (context, source) must be one Qt
itself asks for, or its translation is never looked up. Qt's installed catalogues
(qtbase_*.qm, turned back into .ts by lconvert) hold Qt's source texts; every entry must be
in at least one of them.

usage: check_qt_catalogue.py qtbase_vi.ts LCONVERT QT_TRANSLATIONS_DIR
"""
import glob
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def entries(ts_path):
    root = ET.parse(ts_path).getroot()
    return {(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")}


ours_path, lconvert, qt_dir = sys.argv[1:4]
ours = entries(ours_path)
catalogues = sorted(glob.glob(os.path.join(qt_dir, "qtbase_*.qm")))
if not catalogues:
    sys.exit(f"no qtbase_*.qm in {qt_dir} (Debian: qt6-translations-l10n)")
qt = set()
with tempfile.TemporaryDirectory() as tmp:
    for qm in catalogues:
        out = os.path.join(tmp, os.path.basename(qm) + ".ts")
        subprocess.run([lconvert, "-i", qm, "-o", out], check=True, capture_output=True)
        qt |= entries(out)
unknown = sorted(ours - qt)
for context, source in unknown:
    print(f"{ours_path}: {context} / {source!r} is not a text Qt translates")
print(f"{len(ours)} entries, {len(ours) - len(unknown)} found among {len(qt)} texts of {len(catalogues)} Qt catalogues")
sys.exit(1 if unknown or not ours else 0)
