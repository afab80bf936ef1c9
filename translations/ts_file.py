"""What the two fill scripts (fill_translations.py, fill_english_plurals.py) do alike to a Qt
.ts file: put a finished translation into a message, and write the file as lupdate does."""
import xml.etree.ElementTree as ET


def set_translation(message, forms):
    """The message's finished translation: `forms` is its text, or for a %n message
    (numerus="yes") the list of its plural forms."""
    tr = message.find("translation")
    if tr is None:
        tr = ET.SubElement(message, "translation")
    for child in list(tr):
        tr.remove(child)
    tr.attrib.pop("type", None)
    if message.get("numerus") == "yes":
        tr.text = None
        for text in forms:
            ET.SubElement(tr, "numerusform").text = text
    else:
        tr.text = forms


def write_ts(tree, path):
    ET.indent(tree, space="    ")
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
