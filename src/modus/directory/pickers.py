"""Choosing an organisation by typing its name: a text box with suggestions, not a long list."""

from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from modus.directory.models import Organisation


class OrganisationPicker(forms.TextInput):
    """A text box whose suggestions (an HTML datalist) are the organisations one may choose."""

    template_name = "directory/widgets/organisation_picker.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.suggestions: list[str] = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}-suggestions"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["list_id"] = list_id
        context["widget"]["suggestions"] = self.suggestions
        return context


def labelled(organisations: list[Organisation]) -> dict[str, Organisation]:
    """Each organisation by its name; by name, city and country when names repeat."""
    repeats = Counter(organisation.name.casefold() for organisation in organisations)
    labels = {}
    for organisation in organisations:
        label = organisation.name
        if repeats[label.casefold()] > 1:
            place = ", ".join(
                part for part in [organisation.city, organisation.country.code] if part
            )
            label = f"{label} ({place})"
        labels[label] = organisation
    return labels


class OrganisationChoiceField(forms.Field):
    """An organisation out of `queryset`, chosen by typing the label the suggestions show."""

    widget = OrganisationPicker
    default_error_messages = {
        "invalid_choice": _("Choose an organisation from the suggestions."),
    }

    def __init__(self, *, queryset: QuerySet[Organisation] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.labels: dict[str, Organisation] = {}
        self.queryset = queryset if queryset is not None else Organisation.objects.none()

    @property
    def queryset(self) -> QuerySet[Organisation]:
        return self._queryset

    @queryset.setter
    def queryset(self, queryset: QuerySet[Organisation]) -> None:
        self._queryset = queryset
        self.labels = {}
        self.widget.suggestions = []

    def load(self) -> None:
        """Read the choices once (one query) for both the suggestions and the check."""
        self.labels = labelled(list(self.queryset.only("pk", "name", "city", "country")))
        self.widget.suggestions = list(self.labels)

    def prepare_value(self, value):
        return value.name if isinstance(value, Organisation) else value

    def to_python(self, value) -> Organisation | None:
        value = (value or "").strip()
        if not value:
            return None
        if not self.labels:
            self.load()
        by_label = {label.casefold(): organisation for label, organisation in self.labels.items()}
        organisation = by_label.get(value.casefold())
        if organisation is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return organisation
