"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Django's own words for a choice it does not know, which do not repeat the value.
NOT_A_CHOICE = _("Select a valid choice. That choice is not one of the available choices.")


class LinkForm(forms.Form):
    """A form filled from a page's address, such as a list's filters. Its errors do not
    repeat what the address says: a link someone crafted would otherwise put its own words
    on our page ("Select a valid choice. Call +420 … is not one of the choices")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        echoing = ("invalid_choice", "invalid_pk_value")
        for field in self.fields.values():
            quiet = {key: NOT_A_CHOICE for key in echoing if key in field.error_messages}
            field.error_messages = {**field.error_messages, **quiet}


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
