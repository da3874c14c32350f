"""Choosing a participant by typing (common/pickers.py): their name, e-mail address or
organisation's name, in a query or two however many the event has."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from modus.common.pickers import SUGGESTIONS, TYPED_MAX_LENGTH, SuggestingInput, plain_text
from modus.directory.wordforms import query_words
from modus.events import search as participant_search
from modus.events.models import Participant

# An e-mail address in what was typed: a suggestion ends with one.
EMAIL = re.compile(r"[^\s·<>()]+@[^\s·<>()]+")


def participant_label(participant: Participant) -> str:
    """A participant as the suggestions name them: the address tells namesakes apart."""
    person = participant.person
    name = f"{person} ({person.organisation.name})" if person.organisation else str(person)
    return f"{name} · {person.user.email}"


def participant_suggestions(candidates: QuerySet[Participant], typed: str) -> list[str]:
    """The first SUGGESTIONS `candidates` with every typed word in their name, e-mail
    address or organisation's name."""
    if not query_words(typed):
        return []
    found = participant_search.matching(candidates, typed)
    return [participant_label(p) for p in found[:SUGGESTIONS]]


class ParticipantChoiceField(forms.Field):
    """A participant out of `queryset`, chosen by typing: a suggestion, an e-mail address,
    or words only one of them has."""

    widget = SuggestingInput
    default_error_messages = {
        "none": _("Nobody who may be chosen here matches “%(typed)s”."),
        "several": _("Several people match “%(typed)s”: pick one from the suggestions."),
    }

    def __init__(self, *, queryset: QuerySet[Participant], suggestions_url="", **kwargs):
        super().__init__(**kwargs)
        self.queryset = queryset
        self.widget.suggestions_url = suggestions_url

    def prepare_value(self, value):
        return participant_label(value) if isinstance(value, Participant) else value

    def to_python(self, value) -> Participant | None:
        value = plain_text(value)[:TYPED_MAX_LENGTH]
        if not value:
            return None
        address = EMAIL.search(value)
        if address:
            found = self.queryset.filter(person__user__email__iexact=address[0])
        elif query_words(value):
            found = participant_search.matching(self.queryset, value)
        else:
            found = self.queryset.none()
        found = list(found[:2])
        if len(found) != 1:
            code = "several" if found else "none"
            raise ValidationError(
                self.error_messages[code], code=code, params={"typed": value[:50]}
            )
        return found[0]
