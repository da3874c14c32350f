"""Hostile input on the directory's forms: too long, or HTML and script, in every text field."""

import pytest
from django.urls import reverse

from modus.directory import catalogue as catalogue_module
from modus.directory.models import Opportunity, Organisation, Visibility
from tests.factories import (
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
HTML = '<b onmouseover="alert(2)">bold</b>'
HTML_ESCAPED = "&lt;b onmouseover=&quot;alert(2)&quot;&gt;bold&lt;/b&gt;"

PROFILE_TEXT = ["first_name", "last_name", "job_title", "languages", "phone", "join_organisation"]
OPPORTUNITY_TEXT = ["title", "description"]
ORGANISATION_TEXT = ["name", "city", "website", "description"]


def profile_post(**fields) -> dict:
    data = {
        "first_name": "Eva",
        "last_name": "Svobodová",
        "job_title": "CTO",
        "country": "CZ",
        "languages": "Czech",
        "phone": "",
        "visibility": "public",
        "opportunities-TOTAL_FORMS": "1",
        "opportunities-INITIAL_FORMS": "0",
        "opportunities-MIN_NUM_FORMS": "0",
        "opportunities-MAX_NUM_FORMS": "12",
        "opportunities-0-direction": "offer",
        "opportunities-0-kind": "technology",
        "opportunities-0-title": "Lasers",
        "opportunities-0-description": "Femtosecond",
    }
    return data | fields


def organisation_post(**fields) -> dict:
    data = {
        "name": "CLUTEX",
        "kind": "cluster",
        "country": "CZ",
        "city": "Liberec",
        "website": "clutex.example",
        "description": "Technical textiles",
        "visibility": "public",
    }
    return data | fields


@pytest.fixture
def cluster():
    cluster = OrganisationFactory(name="CLUTEX", slug="clutex", kind="cluster")
    cluster.manager = PersonFactory(organisation=cluster, visibility=Visibility.PUBLIC)
    cluster.save()
    return cluster


def test_long_values_in_every_profile_field_are_refused(client):
    person = PersonFactory(first_name="Eva", job_title="Engineer")
    client.force_login(person.user)
    long_values = {name: LONG for name in PROFILE_TEXT}
    long_values |= {f"opportunities-0-{name}": LONG for name in OPPORTUNITY_TEXT}
    response = client.post(reverse("directory:profile"), profile_post(**long_values))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == set(PROFILE_TEXT)
    assert set(response.context["formset"].forms[0].errors) == set(OPPORTUNITY_TEXT)
    person.refresh_from_db()
    assert (person.first_name, person.job_title) == ("Eva", "Engineer")
    assert Opportunity.objects.count() == 0


def rows_post(existing: list[Opportunity], new: int, **fields) -> dict:
    """The profile form with a row for each existing opportunity and `new` rows added."""
    data = profile_post()
    data["opportunities-TOTAL_FORMS"] = str(len(existing) + new)
    data["opportunities-INITIAL_FORMS"] = str(len(existing))
    for number, opportunity in enumerate(existing):
        data |= {
            f"opportunities-{number}-id": str(opportunity.pk),
            f"opportunities-{number}-direction": opportunity.direction,
            f"opportunities-{number}-kind": opportunity.kind,
            f"opportunities-{number}-title": opportunity.title,
            f"opportunities-{number}-description": opportunity.description,
            f"opportunities-{number}-version": opportunity.edit_version,
        }
    for number in range(len(existing), len(existing) + new):
        data |= {
            f"opportunities-{number}-direction": "offer",
            f"opportunities-{number}-kind": "technology",
            f"opportunities-{number}-title": f"Lasers {number}",
            f"opportunities-{number}-description": "",
        }
    return data | fields


def test_a_thirteenth_offer_sent_in_one_form_is_refused_and_nothing_saved(client):
    person = PersonFactory(first_name="Eva")
    existing = [OpportunityFactory(person=person, title=f"Lens {n}") for n in range(11)]
    client.force_login(person.user)
    response = client.post(
        reverse("directory:profile"), rows_post(existing, 2, first_name="Renamed")
    )
    assert response.status_code == 200
    message = "A profile holds at most 12 offers and requests; delete one to add another."
    assert response.context["formset"].non_form_errors() == [message]
    assert message in response.content.decode()
    assert person.opportunities.count() == 11
    person.refresh_from_db()
    assert person.first_name == "Eva"


def test_twelve_with_the_blank_row_and_one_removed_for_a_new_one_are_saved(client):
    person = PersonFactory()
    existing = [OpportunityFactory(person=person, title=f"Lens {n}") for n in range(12)]
    client.force_login(person.user)
    data = rows_post(existing, 1, **{"opportunities-0-DELETE": "on"})
    assert client.post(reverse("directory:profile"), data).status_code == 302
    assert person.opportunities.count() == 12
    # Twelve and a blank row, as the page sends them.
    data = rows_post(list(person.opportunities.order_by("pk")), 1)
    data |= {"opportunities-12-title": "", "opportunities-12-direction": ""}
    data |= {"opportunities-12-kind": "", "first_name": "Eve"}
    assert client.post(reverse("directory:profile"), data).status_code == 302
    assert person.opportunities.count() == 12
    person.refresh_from_db()
    assert person.first_name == "Eve"


def test_an_offer_changed_in_another_tab_is_not_undone(client):
    person = PersonFactory()
    offer = OpportunityFactory(person=person, title="Lenses", description="From stock")
    opened = Opportunity.objects.get(pk=offer.pk)  # as both tabs found it
    client.force_login(person.user)
    first = rows_post([opened], 0, **{"opportunities-0-title": "Lenses and mirrors"})
    assert client.post(reverse("directory:profile"), first).status_code == 302
    second = rows_post([opened], 0, **{"opportunities-0-description": "In six weeks"})
    response = client.post(reverse("directory:profile"), second)
    assert response.status_code == 200
    assert [(p.message, p.label) for p in response.context["problems"]] == [
        (
            "“Lenses and mirrors” was changed in another tab or window after this page was "
            "opened; open My profile again to see it as it now is, and make your change there.",
            "",
        )
    ]
    offer.refresh_from_db()
    assert (offer.title, offer.description) == ("Lenses and mirrors", "From stock")


def test_an_offer_deleted_in_another_tab_is_not_written_anew(client):
    person = PersonFactory()
    offer = OpportunityFactory(person=person, title="Lenses")
    opened = Opportunity.objects.get(pk=offer.pk)
    client.force_login(person.user)
    offer.delete()
    stale = rows_post([opened], 0, **{"opportunities-0-description": "In six weeks"})
    response = client.post(reverse("directory:profile"), stale)
    assert response.status_code == 200
    assert [(p.message, p.label, p.anchor) for p in response.context["problems"]] == [
        (
            "This offer or request was deleted in another tab or window; open My profile "
            "again to see your profile as it now is.",
            "Offer or request 1",
            "id_opportunities-0-direction",
        )
    ]
    assert not Opportunity.objects.exists()


def test_long_values_in_every_organisation_field_are_refused(client, cluster):
    client.force_login(cluster.manager.user)
    url = reverse("directory:organisation-edit", args=["clutex"])
    response = client.post(url, organisation_post(**{name: LONG for name in ORGANISATION_TEXT}))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == set(ORGANISATION_TEXT)
    after = Organisation.objects.get(pk=cluster.pk)
    assert (after.name, after.city, after.description) == ("CLUTEX", "Brno", "Makes things.")


def test_a_long_search_gets_a_message(client, cluster):
    response = client.get(reverse("directory:search"), {"q": LONG})
    assert response.status_code == 200
    assert response.context["form"].errors["q"] == [
        "The search is too long: use at most 200 characters."
    ]
    assert "The search is too long: use at most 200 characters." in response.content.decode()
    fragment = client.get(reverse("directory:search"), {"q": LONG}, HTTP_HX_REQUEST="true")
    assert "The search is too long" in fragment.content.decode()


def test_script_in_the_forms_is_stored_as_text(client, cluster):
    person = PersonFactory()
    client.force_login(person.user)
    values = {name: SCRIPT for name in ["first_name", "last_name", "job_title", "languages"]}
    values |= {"opportunities-0-title": SCRIPT, "opportunities-0-description": HTML}
    assert client.post(reverse("directory:profile"), profile_post(**values)).status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.job_title, person.languages) == (SCRIPT, SCRIPT, SCRIPT)
    assert list(person.opportunities.values_list("title", "description")) == [(SCRIPT, HTML)]
    client.force_login(cluster.manager.user)
    url = reverse("directory:organisation-edit", args=["clutex"])
    response = client.post(url, organisation_post(name=SCRIPT, city=SCRIPT, description=HTML))
    assert response.status_code == 302
    after = Organisation.objects.get(pk=cluster.pk)
    assert (after.name, after.city, after.description) == (SCRIPT, SCRIPT, HTML)


@pytest.fixture
def hostile():
    """An association, a cluster and a person, with script and HTML in every text."""
    association = OrganisationFactory(name=SCRIPT, kind="association", description=HTML)
    cluster = MembershipFactory(
        parent=association,
        member__name=f"Cluster {SCRIPT}",
        member__slug="hostile",
        member__city=SCRIPT,
        member__description=HTML,
        member__kind="cluster",
    ).member
    person = PersonFactory(
        organisation=cluster,
        first_name=SCRIPT,
        last_name=HTML,
        job_title=SCRIPT,
        languages=SCRIPT,
        phone=SCRIPT,
        visibility=Visibility.PUBLIC,
        share_contact=True,
    )
    OpportunityFactory(person=person, title=SCRIPT, description=HTML)
    cluster.manager = person
    cluster.save()
    return person


def assert_escaped(body: str) -> None:
    assert SCRIPT not in body
    assert HTML not in body
    assert ESCAPED in body
    assert HTML_ESCAPED in body


def test_script_is_shown_escaped_on_the_organisation_page(client, hostile):
    client.force_login(PersonFactory().user)
    assert_escaped(client.get(reverse("directory:organisation", args=["hostile"])).content.decode())


def test_script_is_shown_escaped_in_search_results(client, hostile):
    body = client.get(reverse("directory:search"), {"q": "cluster"}).content.decode()
    assert_escaped(body)
    body = client.get(reverse("directory:search"), {"q": SCRIPT}).content.decode()
    assert SCRIPT not in body


def test_script_is_shown_escaped_in_the_catalogue(client, hostile, monkeypatch):
    client.force_login(PersonFactory().user)
    assert_escaped(client.get(reverse("directory:catalogue")).content.decode())
    sources = []
    monkeypatch.setattr(catalogue_module, "html_to_pdf", lambda html: sources.append(html) or b"")
    client.get(reverse("directory:catalogue-pdf"))
    [source] = sources
    assert_escaped(source)


def test_script_is_shown_escaped_on_the_persons_page(client, hostile):
    participant = ParticipantFactory(person=hostile)
    viewer = ParticipantFactory(event=participant.event)
    client.force_login(viewer.person.user)
    url = reverse("matchmaking:participant", args=[participant.event.slug, participant.pk])
    body = client.get(url).content.decode()
    assert SCRIPT not in body
    assert HTML not in body
    assert ESCAPED in body
    assert HTML_ESCAPED in body


def test_a_search_of_too_many_words_is_refused_not_cut(client, cluster):
    words = "clutex " + " ".join(f"word{i}" for i in range(8))
    response = client.get(reverse("directory:search"), {"q": words})
    assert response.context["form"].errors["q"] == ["The search has too many words: use at most 8."]
    assert list(response.context["page"]) == []
    body = response.content.decode()
    assert "The search has too many words: use at most 8." in body
    assert 'data-testid="result-count"' not in body


@pytest.mark.parametrize("query", ["!!!", "🚀", "??? ... ---"])
def test_a_search_of_no_words_is_refused_rather_than_finding_everyone(client, cluster, query):
    response = client.get(reverse("directory:search"), {"q": query})
    message = "The search has no words to look for: type a word or a name."
    assert response.context["form"].errors["q"] == [message]
    assert list(response.context["page"]) == []
    assert message in response.content.decode()


def test_a_long_search_shows_no_results_instead_of_the_whole_directory(client, cluster):
    response = client.get(reverse("directory:search"), {"q": LONG})
    assert list(response.context["page"]) == []
    assert 'data-testid="result-count"' not in response.content.decode()


def test_an_offers_ecosystems_are_boxes_to_tick_not_a_ctrl_click_list(client):
    person = PersonFactory()
    OpportunityFactory(person=person)
    client.force_login(person.user)
    page = client.get(reverse("directory:profile")).content.decode()
    assert 'type="checkbox" name="opportunities-0-ecosystems"' in page
    assert '<select name="opportunities-0-ecosystems"' not in page


@pytest.mark.parametrize("title", ["!!! ???", "123 456", "🚀🚀🚀", "5 G"])
def test_an_offer_titled_without_words_is_refused(client, title):
    """Nothing in words matches nothing, or only noise: such a title gets a message."""
    person = PersonFactory()
    client.force_login(person.user)
    response = client.post(
        reverse("directory:profile"), profile_post(**{"opportunities-0-title": title})
    )
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["title"] == [
        "Write it in words, not only digits or signs."
    ]
    assert Opportunity.objects.count() == 0


@pytest.mark.parametrize("title", ["5G modules", "AI", "Řezání", "ISO 9001 audits"])
def test_short_and_numbered_titles_in_words_are_kept(client, title):
    person = PersonFactory()
    client.force_login(person.user)
    client.post(reverse("directory:profile"), profile_post(**{"opportunities-0-title": title}))
    assert Opportunity.objects.get().title == title
