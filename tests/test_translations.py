"""The Czech translation is complete, compiled, and used by the pages."""

import gettext
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
    found = {e.msgid for e in polib.pofile(str(source / "locale/cs/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in polib.pofile(str(LOCALE / "django.po")) if not e.obsolete}
    assert sorted(found - known) == []


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
