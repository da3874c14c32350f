"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id too large for the database as an invalid choice.

    SQLite cannot bind an integer beyond 64 bits and raises OverflowError where PostgreSQL
    finds nothing, so a forged "99999999999999999999" would be a server error.
    """

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": next(iter(value), "")},
            ) from None


def one_line(text: str) -> str:
    """A title as one line: one pasted with line breaks would break headings, the calendar's
    summary and the notices that name it."""
    return " ".join(text.split())
