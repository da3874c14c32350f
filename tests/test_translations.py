"""The Czech translation is complete, compiled, and used by the pages."""

import ast
import gettext
import importlib.util
import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse

import modus

LOCALE = Path(modus.__file__).parent / "locale" / "cs" / "LC_MESSAGES"


def test_every_czech_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_every_czech_plural_has_all_the_forms_czech_counts_with():
    """Czech has four: one, two to four, fractions, and five or more (or none); a missing
    form shows the English text for those counts."""
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    assert forms == 4
    short = [
        e.msgid
        for e in catalogue
        if e.msgid_plural
        and not e.obsolete
        and [bool(e.msgstr_plural.get(i)) for i in range(forms)] != [True] * forms
    ]
    assert short == []


@pytest.mark.django_db
def test_five_stands_read_in_czech(client):
    from django.utils import translation

    with translation.override("cs"):
        text = translation.ngettext("%(counter)s stand", "%(counter)s stands", 5)
    assert text == "%(counter)s stánků"


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    with open(LOCALE / "django.mo", "rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt is not None:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")
def test_no_message_in_code_or_templates_is_missing_from_the_catalogue(tmp_path, settings):
    """Run makemessages on a copy of the source; when this fails, see README (translations)."""
    source = tmp_path / "modus"
    shutil.copytree(
        Path(modus.__file__).parent,
        source,
        ignore=shutil.ignore_patterns("locale", "scheduling", "recommend", "__pycache__", "static"),
    )
    settings.LOCALE_PATHS = [str(source / "locale")]
    cwd = os.getcwd()
    os.chdir(source)
    try:
        call_command("makemessages", locale=["cs"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    # With its context: one English text in two meanings is two messages.
    found = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(source / "locale/cs/LC_MESSAGES/django.po"))
    }
    known = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(LOCALE / "django.po")) if not e.obsolete
    }
    assert sorted(found - known, key=str) == []


@pytest.mark.django_db
def test_pages_speak_czech_when_asked(client):
    client.post(reverse("set_language"), {"language": "cs", "next": "/"})
    body = client.get(reverse("directory:search")).content.decode()
    assert "Adresář členů" in body
    assert 'lang="cs"' in body


@pytest.mark.django_db
def test_pages_speak_english_by_default(client):
    body = client.get(reverse("directory:search")).content.decode()
    assert "Member directory" in body


def load_translate_script():
    path = Path(__file__).parents[1] / "scripts" / "translate.py"
    spec = importlib.util.spec_from_file_location("translate_script", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def test_the_translation_script_gives_each_context_its_own_czech(tmp_path, monkeypatch):
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="staff", msgctxt="people at a stand"))
    catalogue.append(polib.POEntry(msgid="staff", msgctxt="user who may open the admin"))
    catalogue.append(polib.POEntry(msgid="Save"))
    catalogue.append(
        polib.POEntry(
            msgid="%(counter)s stand",
            msgid_plural="%(counter)s stands",
            msgctxt="on a plan",
            msgstr_plural={0: "", 1: "", 2: "", 3: ""},
        )
    )
    po = tmp_path / "django.po"
    catalogue.save(str(po))
    table = tmp_path / "table.py"
    table.write_text(
        "T = {('people at a stand', 'staff'): 'obsluha stánku',\n"
        "     ('user who may open the admin', 'staff'): 'pracovník asociace',\n"
        "     'Save': 'Uložit'}\n"
        "P = {('on a plan', '%(counter)s stand'): ['%(counter)s stánek', '%(counter)s stánky',"
        " '%(counter)s stánku', '%(counter)s stánků']}\n"
    )
    script = load_translate_script()
    monkeypatch.setattr(script, "CATALOGUE", po)
    assert script.main(str(table)) == 0
    filled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural[3] for e in polib.pofile(str(po))}
    assert filled == {
        ("people at a stand", "staff"): "obsluha stánku",
        ("user who may open the admin", "staff"): "pracovník asociace",
        (None, "Save"): "Uložit",
        ("on a plan", "%(counter)s stand"): "%(counter)s stánků",
    }


def test_a_plain_msgid_fills_no_message_with_a_context(tmp_path, monkeypatch):
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="staff", msgctxt="people at a stand"))
    po = tmp_path / "django.po"
    catalogue.save(str(po))
    table = tmp_path / "table.py"
    table.write_text("T = {'staff': 'personál'}\n")
    script = load_translate_script()
    monkeypatch.setattr(script, "CATALOGUE", po)
    assert script.main(str(table)) == 1
    assert [e.msgstr for e in polib.pofile(str(po))] == [""]


# The names makemessages tells xgettext to collect (Django's keywords and xgettext's own
# for Python); a message marked through any other name never reaches the catalogue.
COLLECTED_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_messages_are_marked_by_names_that_makemessages_collects():
    """`gettext_lazy as _lazy` hid the introduction history's words from the catalogue,
    and Czech pages showed them in English."""
    renamed = []
    for path in Path(modus.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                renamed += [
                    f"{path.name}: {name.name} as {name.asname}"
                    for name in node.names
                    if name.asname and name.asname not in COLLECTED_NAMES
                ]
    assert renamed == []
