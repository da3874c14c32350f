"""Choosing an organisation by typing: suggestions, labels for repeated names, bad input."""

import pytest
from django.core.exceptions import ValidationError

from modus.directory.models import Organisation
from modus.directory.pickers import OrganisationChoiceField
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def field_for(*organisations) -> OrganisationChoiceField:
    field = OrganisationChoiceField(
        queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]).order_by("pk"),
        required=False,
    )
    field.load()
    return field


def test_repeated_names_are_told_apart_by_place():
    brno = OrganisationFactory(name="Acme", city="Brno", country="CZ")
    vienna = OrganisationFactory(name="ACME", city="Wien", country="AT")
    unique = OrganisationFactory(name="CLUTEX")
    field = field_for(brno, vienna, unique)
    assert field.widget.suggestions == ["Acme (Brno, CZ)", "ACME (Wien, AT)", "CLUTEX"]
    assert field.clean("acme (wien, at)") == vienna
    assert field.clean(" clutex ") == unique
    assert field.clean("") is None


@pytest.mark.parametrize("typed", ["Acme", "Secret", "x" * 10_000, "<script>"])
def test_anything_but_a_suggestion_is_refused(typed):
    OrganisationFactory(name="Secret")
    field = field_for(
        OrganisationFactory(name="Acme", city="Brno"), OrganisationFactory(name="Acme", city="Zlín")
    )
    with pytest.raises(ValidationError) as error:
        field.clean(typed)
    assert error.value.messages == ["Choose an organisation from the suggestions."]


def test_the_widget_renders_a_datalist_with_escaped_names():
    field = field_for(OrganisationFactory(name="<b>Bold</b> Ltd"))
    html = field.widget.render("join", "", attrs={"id": "id_join"})
    assert 'list="id_join-suggestions"' in html
    assert '<datalist id="id_join-suggestions">' in html
    assert '<option value="&lt;b&gt;Bold&lt;/b&gt; Ltd"></option>' in html
