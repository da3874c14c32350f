"""The largest numbers PostgreSQL's integer columns hold. SQLite stores any, so a form caps
its number fields at these: too large a number is a form error on every database, never a
crash on PostgreSQL."""

from django import forms
from django.core.validators import MaxValueValidator

SMALL_INT_MAX = 32767  # smallint: the small-integer fields
INT_MAX = 2_147_483_647  # integer: the integer fields


def cap(field: forms.IntegerField, maximum: int) -> None:
    """Refuse numbers above `maximum` with the form's usual message, and say so to the browser."""
    field.max_value = maximum
    field.validators.append(MaxValueValidator(maximum))
    field.widget.attrs["max"] = maximum
