"""Choosing one of thousands by typing: a text box whose suggestions come as one types.

The page carries no list of choices (at 20,000 participants it would be most of the
page): htmx asks the field's suggestions address for what matches the text typed so far,
at most SUGGESTIONS of them, and shows them under the box; a click copies one into it.
Without JavaScript the box is a plain text box, and the field resolves what was typed.
"""

from collections.abc import Iterable

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Suggestions shown at once: enough to pick from, few enough to read on a phone.
SUGGESTIONS = 20
# Longer typed text is no name anyone has: it is cut before it is looked for.
TYPED_MAX_LENGTH = 200


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
