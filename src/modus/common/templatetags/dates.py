"""A span of days as each language writes it: "26–27 September 2022", "26.–27. září 2022"."""

from datetime import date

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.simple_tag
def date_range(start: date, end: date) -> str:
    """The days from start to end, naming a month or a year once when both days share it."""
    last = date_format(end, "DATE_FORMAT")
    if start == end:
        return last
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'RANGE_DAY_FORMAT')}–{last}"
    if start.year == end.year:
        return f"{date_format(start, 'RANGE_DAY_MONTH_FORMAT')} – {last}"
    return f"{date_format(start, 'DATE_FORMAT')} – {last}"
