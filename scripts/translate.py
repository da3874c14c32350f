"""Fill the Czech catalogue from a table of translations, keeping what is already there.

Usage: .venv/bin/python scripts/translate.py TABLE.py  (TABLE defines T = {msgid: msgstr}
and P = {msgid: [four plural forms]}); then `modus compilemessages`. A message with a context
(pgettext, `{% translate "…" context "…" %}`) is keyed ("context", msgid): the same English
then has one Czech per meaning, and a plain msgid never fills a message with a context.
"""

import runpy
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "src/modus/locale/cs/LC_MESSAGES/django.po"


def key(entry: polib.POEntry) -> str | tuple[str, str]:
    return (entry.msgctxt, entry.msgid) if entry.msgctxt is not None else entry.msgid


def main(table_path: str) -> int:
    table = runpy.run_path(table_path)
    singular, plural = table.get("T", {}), table.get("P", {})
    catalogue = polib.pofile(str(CATALOGUE))
    catalogue.metadata["Language"] = "cs"
    for entry in catalogue:
        if entry.msgid_plural and key(entry) in plural:
            forms = plural[key(entry)]
            if len(forms) != 4:  # one, two to four, fractions, five or more: see the header
                print(f"not four plural forms: {entry.msgid!r}")
                return 1
            entry.msgstr_plural = dict(enumerate(forms))
        elif key(entry) in singular:
            entry.msgstr = singular[key(entry)]
        else:
            continue
        # A translation from the table replaces makemessages' fuzzy guess.
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    catalogue.save()
    missing = [key(e) for e in catalogue if not e.translated() and not e.obsolete]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
