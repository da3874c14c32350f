"""Choosing an organisation by typing: suggestions as one types, labels for repeated names,
what is typed resolved on the server, bad input."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from modus.common.pickers import SUGGESTIONS
from modus.directory.models import Organisation
from modus.directory.pickers import OrganisationChoiceField, suggestions
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def choices_of(*organisations):
    return Organisation.objects.filter(pk__in=[o.pk for o in organisations])


def field_for(*organisations) -> OrganisationChoiceField:
    return OrganisationChoiceField(queryset=choices_of(*organisations), required=False)


def test_repeated_names_are_told_apart_by_place():
    brno = OrganisationFactory(name="Acme", city="Brno", country="CZ")
    vienna = OrganisationFactory(name="ACME", city="Wien", country="AT")
    unique = OrganisationFactory(name="CLUTEX")
    choices = choices_of(brno, vienna, unique)
    # Which comes first is the database's collation's choice: case only breaks ties.
    assert sorted(suggestions(choices, "acm")) == ["ACME (Wien, AT)", "Acme (Brno, CZ)"]
    assert suggestions(choices, "CLU") == ["CLUTEX"]
    field = field_for(brno, vienna, unique)
    assert field.clean("acme (wien, at)") == vienna
    assert field.clean("Acme (Brno, CZ)") == brno
    assert field.clean(" clutex ") == unique
    assert field.clean("") is None


def test_a_name_repeated_beyond_the_suggestions_is_still_told_apart():
    """The labels count namesakes among all choices, not only among those suggested: the
    last suggestion has a namesake that is not suggested."""
    before = [OrganisationFactory(name=f"Abc Acme {number:02}") for number in range(19)]
    brno = OrganisationFactory(name="Acme", city="Brno", country="CZ")
    zlin = OrganisationFactory(name="acme", city="Zlín", country="CZ")
    found = suggestions(choices_of(*before, brno, zlin), "acme")
    assert len(found) == SUGGESTIONS
    # Which of the two comes first is the database's collation's choice (case breaks ties).
    assert found[-1] in ("Acme (Brno, CZ)", "acme (Zlín, CZ)")


def test_a_name_ending_in_brackets_is_its_own_label():
    europe = OrganisationFactory(name="Acme (Europe)")
    OrganisationFactory(name="Acme")
    assert field_for(europe).clean("acme (europe)") == europe


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("ruz", ["Růžička Optics"]),
        ("RŮŽ opt", ["Růžička Optics"]),
        ("technologic", ["Technologická platforma"]),
        ("Institu", ["Institute of Physics"]),
        ("of", ["Institute of Physics"]),
        ("optics růžička", ["Růžička Optics"]),
        ("tics", []),
        ("", []),
        ("%", []),
        ("<script>", []),
    ],
)
def test_suggestions_match_the_beginnings_of_words_whatever_the_accents(typed, found):
    organisations = [
        OrganisationFactory(name=name)
        for name in ["Růžička Optics", "Technologická platforma", "Institute of Physics"]
    ]
    assert suggestions(choices_of(*organisations), typed) == found


def test_suggestions_are_few_in_the_readers_order_and_cost_two_queries():
    names = ["Cibulka", "Černá", "Chmel", "Hora", "Žák", "Zelená"]
    organisations = [
        OrganisationFactory(name=f"{name} Cluster {number}")
        for name in names
        for number in range(5)
    ]
    choices = choices_of(*organisations)
    with translation.override("cs"), CaptureQueriesContext(connection) as queries:
        found = suggestions(choices, "cluster")
    assert len(queries) == 2
    assert len(found) == SUGGESTIONS
    order = [label.split(" ")[0] for label in found]
    assert order[:5] == ["Cibulka"] * 5
    assert order[5:10] == ["Černá"] * 5
    assert order[10:15] == ["Hora"] * 5  # CH comes after H in Czech
    assert order[15:] == ["Chmel"] * 5


@pytest.mark.parametrize("count", [5, 50])
def test_resolving_a_typed_name_is_one_query_however_many_choices(count):
    organisations = [OrganisationFactory(name=f"Firm {number}") for number in range(count)]
    field = field_for(*organisations)
    with CaptureQueriesContext(connection) as queries:
        assert field.clean("firm 3") == organisations[3]
    assert len(queries) == 1


@pytest.mark.parametrize("typed", ["Acme", "Secret", "x" * 10_000, "<script>", "%", "Acm"])
def test_anything_but_a_suggestion_is_refused(typed):
    OrganisationFactory(name="Secret")
    field = field_for(
        OrganisationFactory(name="Acme", city="Brno"), OrganisationFactory(name="Acme", city="Zlín")
    )
    with pytest.raises(ValidationError) as error:
        field.clean(typed)
    assert error.value.messages == ["Choose an organisation from the suggestions."]


def test_the_widget_asks_the_server_and_lists_no_organisation():
    OrganisationFactory(name="<b>Bold</b> Ltd")
    field = OrganisationChoiceField(
        queryset=Organisation.objects.all(), suggestions_url="/suggest/"
    )
    html = field.widget.render("join", "<b>x", attrs={"id": "id_join"})
    assert 'hx-get="/suggest/"' in html
    assert 'hx-target="#id_join-suggestions"' in html
    assert 'value="&lt;b&gt;x"' in html
    assert '<div id="id_join-suggestions" class="suggestions"' in html
    assert "Bold" not in html
    assert "datalist" not in html
