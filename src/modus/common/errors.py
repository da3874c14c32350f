"""What a refused form says, gathered at its top: on a phone a long form's one error can be
ten screens below where the page opens, so the summary names each and links to its field."""

from dataclasses import dataclass

from django import forms
from django.forms import BaseFormSet


@dataclass(frozen=True)
class Problem:
    message: str
    label: str = ""  # the field's label ("" for the form as a whole)
    anchor: str = ""  # the id of the field's input, to jump to


def problems(form: forms.BaseForm, formset: BaseFormSet | None = None, row: str = "") -> list:
    """Every error of `form` and of `formset`'s forms, in page order. `row` names a form of
    the formset by its number ("Offer or request %(number)d")."""
    found = _form_problems(form)
    if formset is not None:
        found += [Problem(str(message)) for message in formset.non_form_errors()]
        for number, item in enumerate(formset.forms, start=1):
            prefix = row % {"number": number} if row else ""
            found += _form_problems(item, prefix)
    return found


def _form_problems(form: forms.BaseForm, prefix: str = "") -> list[Problem]:
    if not form.is_bound or not form.errors:
        return []
    # A row's own errors (not of one field) lead to the row's first field.
    first = next(iter(form)).id_for_label if prefix else ""
    found = [Problem(str(message), prefix, first) for message in form.non_field_errors()]
    for field in form:
        if field.is_hidden:
            # Nothing to correct in sight: the row is named, and its first field is shown.
            found += [Problem(str(message), prefix, first) for message in field.errors]
            continue
        label = f"{prefix} – {field.label}" if prefix else str(field.label)
        found += [Problem(str(message), label, field.id_for_label) for message in field.errors]
    return found
