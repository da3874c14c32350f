"""Rules every template keeps."""

import re
from pathlib import Path

import modus

TEMPLATES = sorted(Path(modus.__file__).parent.glob("*/templates/**/*.html"))
# Django reads "{# ... #}" as a comment on one line only: one split over lines is shown.
SPLIT_COMMENT = re.compile(r"\{#(?:(?!#\}).)*$", re.MULTILINE)


def test_the_templates_are_found():
    assert len(TEMPLATES) > 50


def test_no_template_splits_a_short_comment_over_lines():
    split = [
        (path.name, text.count("\n", 0, match.start()) + 1)
        for path in TEMPLATES
        for text in [path.read_text()]
        for match in SPLIT_COMMENT.finditer(text)
    ]
    assert split == []


# What the Content-Security-Policy refuses to run or apply (settings.CONTENT_SECURITY_POLICY);
# behaviour goes in static scripts keyed by data- attributes, looks in the stylesheets.
REFUSED = {
    "inline handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "htmx's hx-on": re.compile(r"\shx-on[:-]"),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE),
    "<style> block": re.compile(r"<style[\s>]", re.IGNORECASE),
    "inline <script>": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "javascript: address": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_page_holds_what_the_content_security_policy_refuses():
    """Templates made into PDFs by WeasyPrint never reach a browser, and keep their styles."""
    found = [
        (path.name, what)
        for path in TEMPLATES
        if not path.name.endswith("_pdf.html")
        for text in [path.read_text()]
        for what, pattern in REFUSED.items()
        if pattern.search(text)
    ]
    assert found == []


# The label of a link to a page's people or leads as a spreadsheet (the awards' ballot list,
# offered for a recount, is named in a sentence of its own).
DOWNLOAD_LABEL = re.compile(
    r"href=\"\{% url '[a-z]+:(?:participants|leads|people)-(?:csv|xlsx)'[^\"]*\"[^>]*>"
    r'\{% translate "([^"]+)"'
)


def test_every_spreadsheet_download_is_called_the_same():
    """Czech pages offered "Export CSV", "Exportovat jako CSV" and "Stáhnout CSV" for the one
    thing."""
    labels = {label for path in TEMPLATES for label in DOWNLOAD_LABEL.findall(path.read_text())}
    assert labels == {"Export CSV", "Export for Excel"}
