"""A span of days names its month and year once when both days share them."""

from datetime import date

import pytest
from django.utils import translation

from modus.common.templatetags.dates import date_range

SPANS = [
    (date(2022, 9, 26), date(2022, 9, 26), "26 September 2022", "26. září 2022"),
    (date(2022, 9, 26), date(2022, 9, 27), "26–27 September 2022", "26.–27. září 2022"),
    (
        date(2022, 9, 30),
        date(2022, 10, 1),
        "30 September – 1 October 2022",
        "30. září – 1. října 2022",
    ),
    (
        date(2022, 12, 31),
        date(2023, 1, 1),
        "31 December 2022 – 1 January 2023",
        "31. prosince 2022 – 1. ledna 2023",
    ),
]


@pytest.mark.parametrize(("start", "end", "english", "czech"), SPANS)
def test_a_span_of_days_reads_as_each_language_writes_it(start, end, english, czech):
    with translation.override("en"):
        assert date_range(start, end) == english
    with translation.override("cs"):
        assert date_range(start, end) == czech
