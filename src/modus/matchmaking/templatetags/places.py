"""Template filters naming where a meeting sits: a table of the pool or an exhibitor's stand."""

from django import template

from modus.matchmaking import agenda
from modus.matchmaking.models import Table

register = template.Library()


@register.filter
def place(table: Table | None) -> str:
    """Where a meeting sits, e.g. "Table T1" or "Stand S4 (Novak Optics)"."""
    return agenda.place(table)


@register.filter
def place_in_sentence(table: Table | None) -> str:
    """The same in lower case, to stand inside a line: "table T1", "stand S4 (...)"."""
    return agenda.place(table, in_sentence=True)
