"""Choosing one of thousands by typing: a text box whose suggestions come as one types.

The page carries no list of choices (at 20,000 participants it would be most of the
page): htmx asks the field's suggestions address for what matches the text typed so far,
at most SUGGESTIONS of them, and shows them under the box; a click copies one into it.
Without JavaScript the box is a plain text box, and the field resolves what was typed.
"""

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

# Suggestions shown at once: enough to pick from, few enough to read on a phone.
SUGGESTIONS = 20
# Longer typed text is no name anyone has: it is cut before it is looked for.
TYPED_MAX_LENGTH = 200
# Choices of a SeveralChoiceField, at most: more is a mistake or an attack, not a stand's staff.
CHOSEN_MAX = 100


class SuggestingInput(forms.TextInput):
    """A text box with suggestions from `suggestions_url` (GET, the typed text as `q`)."""

    template_name = "common/widgets/suggesting_input.html"

    class Media:
        js = ["modus/picker.js"]

    def __init__(self, attrs=None, suggestions_url: str = ""):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.suggestions_url = suggestions_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        list_id = f"{widget['attrs'].get('id') or name}-suggestions"
        widget["list_id"] = list_id
        widget["attrs"].update(
            {
                "data-suggestions": "",
                "aria-controls": list_id,
                "hx-get": str(self.suggestions_url),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{list_id}",
                "hx-swap": "innerHTML",
                # A slow answer to "ac" must not replace the one to "acme".
                "hx-sync": "this:replace",
            }
        )
        return context


def plain_text(value: str | None) -> str:
    """What was typed, trimmed and without NUL characters: no name holds one, and
    PostgreSQL refuses them in a query."""
    return (value or "").replace("\x00", "").strip()


def typed(request: HttpRequest) -> str:
    """The text a picker sent for suggestions."""
    return plain_text(request.GET.get("q", "")[:TYPED_MAX_LENGTH])


def suggestions_response(request: HttpRequest, labels: Iterable[str]) -> HttpResponse:
    """The suggestions a picker shows under its text box, as an HTML fragment."""
    return render(
        request, "common/_suggestions.html", {"labels": list(labels), "typed": typed(request)}
    )


class SuggestingMultipleInput(SuggestingInput):
    """Several choices: those chosen as ticked boxes above an empty suggesting text box of
    the same name. A suggestion picked adds a ticked box (picker.js); unticking one takes
    it off. Without JavaScript, what is typed in the box is one more choice."""

    template_name = "common/widgets/suggesting_multiple_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, {**(attrs or {}), "data-multiple": ""})
        context["widget"]["chosen"] = [label for label in value or [] if label]
        return context

    def format_value(self, value):
        return value

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class SeveralChoiceField(forms.Field):
    """Several choices of `single` (a field that resolves one typed label), each at most
    once, in the order chosen. `single.prepare_value` labels the initial choices."""

    widget = SuggestingMultipleInput
    default_error_messages = {
        "too_many": _("Choose at most %(limit)s."),
    }

    def __init__(self, *, single: forms.Field, limit: int = CHOSEN_MAX, **kwargs):
        super().__init__(**kwargs)
        self.single = single
        self.limit = limit
        self.widget.suggestions_url = single.widget.suggestions_url

    def prepare_value(self, value):
        return [self.single.prepare_value(item) for item in value or []]

    def to_python(self, value) -> list:
        if isinstance(value, str):
            value = [value]
        typed = list(dict.fromkeys(text for text in map(plain_text, value or []) if text))
        if len(typed) > self.limit:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": self.limit}
            )
        chosen, errors = [], []
        for text in typed:
            try:
                choice = self.single.to_python(text)
            except ValidationError as error:
                errors.append(error)
            else:
                if choice not in chosen:
                    chosen.append(choice)
        if errors:
            raise ValidationError(errors)
        return chosen
