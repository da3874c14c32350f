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
