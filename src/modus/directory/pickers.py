"""Choosing an organisation by typing its name: suggestions as one types, not a long list.

A label is the organisation's name, with its city and country where several choices
share the name. Both what is suggested and what is typed are found in a query or two,
however many organisations the directory holds.
"""

from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from modus.common.collation import in_reading_order
from modus.common.pickers import SUGGESTIONS, TYPED_MAX_LENGTH, SuggestingInput, plain_text
from modus.directory.models import Organisation
from modus.directory.search import key_lookup
from modus.directory.wordforms import folded_words, query_words

# Typed words looked for, at most; more only narrow what is already few.
WORD_LIMIT = 6
LABEL_FIELDS = ("pk", "name", "name_words", "city", "country")


def label_of(organisation: Organisation, repeated: bool) -> str:
    if not repeated:
        return organisation.name
    place = ", ".join(part for part in [organisation.city, organisation.country.code] if part)
    return f"{organisation.name} ({place})"


def labelled(
    organisations: list[Organisation], names: list[str] | None = None
) -> dict[str, Organisation]:
    """Each organisation by its label. `names`: the names of every choice that may share a
    name with one of them (by default, theirs)."""
    if names is None:
        names = [organisation.name for organisation in organisations]
    repeats = Counter(name.casefold() for name in names)
    return {
        label_of(organisation, repeats[organisation.name.casefold()] > 1): organisation
        for organisation in organisations
    }


def namesakes(choices: QuerySet[Organisation], organisations: list[Organisation]) -> list[str]:
    """The names of the `choices` spelt with the same words as one of `organisations`
    (whatever the case and accents): all the names their labels must be told apart from."""
    words = {organisation.name_words for organisation in organisations}
    return list(choices.filter(name_words__in=words).values_list("name", flat=True))


def suggestions(choices: QuerySet[Organisation], typed: str) -> list[str]:
    """The labels of the first SUGGESTIONS `choices` in reading order that have a word
    beginning with each typed word, accents and case aside ("clu" finds "CLUTEX")."""
    words = query_words(typed)[:WORD_LIMIT]
    if not words:
        return []
    found = choices
    for word in words:
        found = found.filter(key_lookup("name_words", word))
    found = found.order_by(*in_reading_order("name"), "pk").only(*LABEL_FIELDS)
    found = list(found[:SUGGESTIONS])
    if not found:
        return []
    return list(labelled(found, namesakes(choices, found)))


class OrganisationChoiceField(forms.Field):
    """An organisation out of `queryset`, chosen by typing the label the suggestions show."""

    widget = SuggestingInput
    default_error_messages = {
        "invalid_choice": _("Choose an organisation from the suggestions."),
    }

    def __init__(
        self, *, queryset: QuerySet[Organisation] | None = None, suggestions_url="", **kwargs
    ):
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else Organisation.objects.none()
        self.widget.suggestions_url = suggestions_url

    def prepare_value(self, value):
        return value.name if isinstance(value, Organisation) else value

    def to_python(self, value) -> Organisation | None:
        value = plain_text(value)
        if not value:
            return None
        organisation = self.named(value) if len(value) <= TYPED_MAX_LENGTH else None
        if organisation is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return organisation

    def named(self, label: str) -> Organisation | None:
        """The choice `label` names, in one query: the choices of its name (or of the name
        before a place in brackets) and their namesakes, labelled as suggested."""
        names = {label}
        if label.endswith(")") and " (" in label:
            names.add(label.rsplit(" (", 1)[0])
        same = Q()
        for name in names:
            # The name itself too: a row whose words were not stored yet is still found.
            same |= Q(name__iexact=name)
            if folded_words(name):
                same |= Q(name_words=folded_words(name))
        candidates = list(self.queryset.filter(same).only(*LABEL_FIELDS))
        by_label = {key.casefold(): item for key, item in labelled(candidates).items()}
        return by_label.get(label.casefold())
