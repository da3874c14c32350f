import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from modus.directory.models import (
    Ecosystem,
    Opportunity,
    OrganisationJoinRequest,
    Person,
    Visibility,
)
from modus.directory.search import refresh_search_text
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

# The profile page's queries, the same whatever the number of organisations.
PROFILE_QUERIES = 8


@pytest.fixture
def cluster():
    cluster = OrganisationFactory(name="CLUTEX", kind="cluster", slug="clutex")
    manager = PersonFactory(
        organisation=cluster,
        first_name="Jana",
        last_name="Nová",
        phone="+420 123 456 789",
        share_contact=True,
        visibility=Visibility.PUBLIC,
    )
    cluster.manager = manager
    cluster.save()
    return cluster


def test_search_page_lists_matches(client, cluster):
    OrganisationFactory(name="Unrelated Ltd")
    response = client.get(reverse("directory:search"), {"q": "clutex"})
    assert response.status_code == 200
    assert [o.name for o in response.context["page"]] == ["CLUTEX"]


def test_search_answers_htmx_with_the_results_fragment_only(client, cluster):
    response = client.get(reverse("directory:search"), {"q": "clutex"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "CLUTEX" in body


def test_search_page_queries_do_not_grow_with_results(client, django_assert_max_num_queries):
    for _ in range(25):
        OrganisationFactory().ecosystems.set([1, 2])
    with django_assert_max_num_queries(8):
        client.get(reverse("directory:search"))


def search_page_queries(
    client, count: int, django_assert_num_queries, queries=None, **filters
) -> None:
    for index in range(count):
        organisation = OrganisationFactory(name=f"Firm {index}", description="Lasers.")
        organisation.ecosystems.set([1, 2])
        organisation.value_chain_stages.set([1])
        person = PersonFactory(organisation=organisation, visibility="public")
        person.opportunities.create(direction="offer", kind="service", title="Laser optics")
        refresh_search_text(organisation)
    with django_assert_num_queries(queries or SEARCH_QUERIES):
        response = client.get(reverse("directory:search"), {"q": "laser optika", **filters})
    assert len(response.context["page"]) == min(count, 20)


# count, paginated page, ecosystems, stages, offers of the page, the filter form's three lists
SEARCH_QUERIES = 8


@pytest.mark.parametrize("count", [2, 25])
def test_a_ranked_and_explained_search_page_queries_do_not_grow(
    client, count, django_assert_num_queries
):
    search_page_queries(client, count, django_assert_num_queries)


# The session and its user with their profile, besides what the anonymous page asks.
SIGNED_IN_SEARCH_QUERIES = SEARCH_QUERIES + 2


@pytest.mark.parametrize("count", [2, 25])
def test_a_signed_in_search_in_an_ecosystem_queries_do_not_grow(
    client, count, django_assert_num_queries
):
    """The filtered search reads the index differently on SQLite (the ecosystem leads)."""
    client.force_login(PersonFactory(organisation=None).user)
    ecosystem = Ecosystem.objects.get(pk=1)
    search_page_queries(
        client, count, django_assert_num_queries, SIGNED_IN_SEARCH_QUERIES, ecosystem=ecosystem.code
    )


def test_the_search_page_shows_why_each_result_matched(client):
    organisation = OrganisationFactory(name="Glamour Cosmetics", description="Makes creams.")
    person = PersonFactory(organisation=organisation, visibility="public")
    person.opportunities.create(direction="offer", kind="product", title="Laser <hair> removal")
    refresh_search_text(organisation)
    body = client.get(reverse("directory:search"), {"q": "laser"}).content.decode()
    assert "<div><dt>Offer</dt><dd><mark>Laser</mark> &lt;hair&gt; removal</dd></div>" in body
    czech = client.get(
        reverse("directory:search"), {"q": "laser"}, HTTP_ACCEPT_LANGUAGE="cs"
    ).content.decode()
    assert "<div><dt>Nabídka</dt><dd><mark>Laser</mark> &lt;hair&gt; removal</dd></div>" in czech


def sentence_search_organisations():
    """Three organisations holding three, two and none of the words of SENTENCE, and one
    whose only match is the offer of a hidden profile."""
    optics = OrganisationFactory(name="Turnov Optics", description="Lenses for laser cutting.")
    lasers = OrganisationFactory(name="Brno Lasers", description="Laser welding cells.")
    OrganisationFactory(name="Pekárna Novák", description="Bread and cakes.")
    hidden = OrganisationFactory(name="Quiet Ltd", description="Castings.")
    person = PersonFactory(organisation=hidden, visibility=Visibility.HIDDEN)
    person.opportunities.create(direction="offer", kind="product", title="Optical lenses")
    for organisation in (optics, lasers, hidden):
        refresh_search_text(organisation)


SENTENCE = "Hledáme dodavatele, čočky pro laserové řezání"


def test_a_sentence_no_organisation_holds_whole_shows_those_holding_most_of_it(client):
    sentence_search_organisations()
    response = client.get(reverse("directory:search"), {"q": SENTENCE})
    page = response.context["page"]
    assert response.context["partly"]
    # Lenses, laser and cutting before laser alone; a hidden profile's offer finds nothing.
    assert [o.name for o in page] == ["Turnov Optics", "Brno Lasers"]
    body = response.content.decode()
    assert 'data-testid="partly"' in body
    assert "No organisation holds all these words" in body
    czech = client.get(reverse("directory:search"), {"q": SENTENCE}, HTTP_ACCEPT_LANGUAGE="cs")
    assert "Žádná organizace neobsahuje všechna tato slova" in czech.content.decode()


def test_a_search_some_organisation_holds_whole_says_nothing_of_parts(client):
    sentence_search_organisations()
    response = client.get(reverse("directory:search"), {"q": "laser cutting lenses"})
    assert [o.name for o in response.context["page"]] == ["Turnov Optics"]
    assert not response.context["partly"]
    assert 'data-testid="partly"' not in response.content.decode()


@pytest.mark.parametrize("query", ["sourdough", "xyzzy qwertz"])
def test_a_search_nothing_holds_any_of_says_nothing_matches(client, query):
    sentence_search_organisations()
    response = client.get(reverse("directory:search"), {"q": query})
    assert list(response.context["page"]) == []
    assert not response.context["partly"]
    assert "No organisation matches" in response.content.decode()


# The search finding nothing whole (count), then the partial one: count, page, ecosystems,
# stages, offers of the page, the filter form's three lists.
PARTLY_QUERIES = SEARCH_QUERIES + 1


@pytest.mark.parametrize("count", [2, 25])
def test_a_partly_matched_search_page_queries_do_not_grow(client, count, django_assert_num_queries):
    for index in range(count):
        organisation = OrganisationFactory(name=f"Firm {index}", description="Lasers.")
        organisation.ecosystems.set([1, 2])
        person = PersonFactory(organisation=organisation, visibility="public")
        person.opportunities.create(direction="offer", kind="service", title="Laser optics")
        refresh_search_text(organisation)
    with django_assert_num_queries(PARTLY_QUERIES):
        response = client.get(reverse("directory:search"), {"q": "laser optika pekárna"})
    assert response.context["partly"]
    assert len(response.context["page"]) == min(count, 20)


def test_organisation_page_hides_manager_contact_from_visitors(client, cluster):
    response = client.get(reverse("directory:organisation", args=["clutex"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Jana Nová" in body
    assert cluster.manager.email not in body
    assert "+420 123 456 789" not in body


def test_organisation_page_shows_manager_contact_to_signed_in_participants(client, cluster):
    client.force_login(PersonFactory().user)
    body = client.get(reverse("directory:organisation", args=["clutex"])).content.decode()
    assert cluster.manager.email in body
    assert "+420 123 456 789" in body


def test_organisation_page_lists_members_and_visible_people(client, cluster):
    MembershipFactory(parent=cluster, member__name="Nonwoven Ltd")
    hidden = PersonFactory(organisation=cluster, last_name="Hidden", visibility=Visibility.HIDDEN)
    body = client.get(reverse("directory:organisation", args=["clutex"])).content.decode()
    assert "Nonwoven Ltd" in body
    assert hidden.last_name not in body


def test_hidden_organisation_is_not_found_for_visitors(client):
    OrganisationFactory(slug="secret", visibility=Visibility.HIDDEN)
    assert client.get(reverse("directory:organisation", args=["secret"])).status_code == 404


def test_manager_edits_the_cluster(client, cluster):
    client.force_login(cluster.manager.user)
    url = reverse("directory:organisation-edit", args=["clutex"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "CLUTEX",
            "kind": "cluster",
            "country": "CZ",
            "city": "Liberec",
            "website": "clutex.example",
            "description": "Technical textiles",
            "ecosystems": [],
            "value_chain_stages": [],
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    cluster.refresh_from_db()
    assert (cluster.city, cluster.website) == ("Liberec", "https://clutex.example")


def test_edit_with_bad_input_shows_errors_and_changes_nothing(client, cluster):
    client.force_login(cluster.manager.user)
    url = reverse("directory:organisation-edit", args=["clutex"])
    response = client.post(url, {"name": "", "kind": "cluster", "country": "XX"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"name", "country", "visibility"}
    cluster.refresh_from_db()
    assert cluster.name == "CLUTEX"


def test_others_cannot_edit_the_cluster(client, cluster):
    client.force_login(PersonFactory().user)
    url = reverse("directory:organisation-edit", args=["clutex"])
    assert client.get(url).status_code == 403


def profile_data(person, **overrides) -> dict:
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "job_title": "CTO",
        "country": "CZ",
        "languages": "English, Czech",
        "phone": "",
        "visibility": "public",
        "opportunities-TOTAL_FORMS": "1",
        "opportunities-INITIAL_FORMS": "0",
        "opportunities-MIN_NUM_FORMS": "0",
        "opportunities-MAX_NUM_FORMS": "12",
        "opportunities-0-direction": "offer",
        "opportunities-0-kind": "technology",
        "opportunities-0-title": "Laser micromachining",
        "opportunities-0-description": "Femtosecond lasers",
    }
    return data | overrides


def test_profile_edit_saves_fields_and_a_new_offer(client):
    person = PersonFactory()
    client.force_login(person.user)
    response = client.post(reverse("directory:profile"), profile_data(person))
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.job_title, person.visibility) == ("CTO", "public")
    assert list(person.opportunities.values_list("title", flat=True)) == ["Laser micromachining"]


def test_a_refused_profile_opens_at_a_summary_linking_each_error_to_its_field(client):
    person = PersonFactory()
    client.force_login(person.user)
    data = profile_data(person, job_title="x" * 500, **{"opportunities-0-title": "  "})
    response = client.post(reverse("directory:profile"), data)
    assert response.status_code == 200
    assert not person.opportunities.exists()
    problems = response.context["problems"]
    assert [(p.label, p.anchor) for p in problems] == [
        ("Job title", "id_job_title"),
        ("Offer or request 1 – Title", "id_opportunities-0-title"),
    ]
    body = response.content.decode()
    # The form posts to the summary, so a refused save opens there.
    assert 'action="#problems"' in body
    assert 'id="problems"' in body
    assert '<a href="#id_opportunities-0-title">Offer or request 1 – Title: ' in body
    assert (
        'data-testid="error-summary"'
        not in client.get(reverse("directory:profile")).content.decode()
    )


def test_the_empty_row_for_a_new_offer_is_where_add_my_offer_leads(client):
    person = PersonFactory()
    client.force_login(person.user)
    body = client.get(reverse("directory:profile")).content.decode()
    assert body.count('id="new-opportunity"') == 1


def test_the_contact_choice_says_what_a_badge_scan_at_a_stand_shares(client):
    person = PersonFactory()
    client.force_login(person.user)
    body = client.get(reverse("directory:profile")).content.decode()
    assert "Stands whose staff scan your badge see your e-mail and phone" in body
    client.post(reverse("set_language"), {"language": "cs", "next": "/"})
    body = client.get(reverse("directory:profile")).content.decode()
    assert "Stánky, jejichž personál naskenuje vaši jmenovku" in body


def test_profile_edit_deletes_an_offer(client):
    opportunity = OpportunityFactory()
    person = opportunity.person
    client.force_login(person.user)
    data = profile_data(
        person,
        **{
            "opportunities-INITIAL_FORMS": "1",
            "opportunities-0-id": str(opportunity.pk),
            "opportunities-0-title": opportunity.title,
            "opportunities-0-DELETE": "on",
        },
    )
    assert client.post(reverse("directory:profile"), data).status_code == 302
    assert Opportunity.objects.count() == 0


def test_a_full_profile_says_how_many_it_holds_instead_of_promising_a_row(client):
    person = PersonFactory()
    client.force_login(person.user)
    for number in range(11):
        OpportunityFactory(person=person, title=f"Offer {number}")
    body = client.get(reverse("directory:profile")).content.decode()
    assert "Save to get an empty row for one more offer or request." in body
    assert 'data-testid="opportunities-full"' not in body
    OpportunityFactory(person=person, title="Offer 11")
    body = client.get(reverse("directory:profile")).content.decode()
    assert "Save to get an empty row" not in body
    assert "A profile holds at most 12 offers and requests; delete one to add another." in body


def profile_queries(client, person, offers: int) -> int:
    """Queries of the profile page of someone with `offers` offers, each in an ecosystem."""
    digital = Ecosystem.objects.get(code="digital")
    for number in range(offers):
        OpportunityFactory(person=person, title=f"Offer {number}").ecosystems.set([digital])
    client.get(reverse("directory:profile"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("directory:profile")).status_code == 200
    return len(captured)


def test_the_profile_page_takes_the_same_queries_however_many_offers(client):
    """Each offer's form read the ecosystems (its choices and its own) and the stages again."""
    one, many = PersonFactory(), PersonFactory()
    client.force_login(one.user)
    few = profile_queries(client, one, 1)
    client.force_login(many.user)
    assert profile_queries(client, many, 8) == few


def test_profile_edit_with_bad_input_changes_nothing(client):
    person = PersonFactory(job_title="Engineer")
    client.force_login(person.user)
    response = client.post(
        reverse("directory:profile"),
        profile_data(person, first_name="", **{"opportunities-0-kind": "nonsense"}),
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.job_title == "Engineer"
    assert Opportunity.objects.count() == 0


def test_profile_needs_sign_in(client):
    response = client.get(reverse("directory:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_catalogue_page_and_pdf_list_member_clusters(client, cluster):
    association = OrganisationFactory(name="NCA", kind="association")
    MembershipFactory(parent=association, member=cluster)
    page = client.get(reverse("directory:catalogue")).content.decode()
    assert "CLUTEX" in page
    assert "Jana Nová" in page
    response = client.get(reverse("directory:catalogue-pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "CLUTEX" in text
    assert "Jana Nová" in text


def test_catalogue_without_an_association_is_not_found(client):
    assert client.get(reverse("directory:catalogue")).status_code == 404


def test_people_contacts_follow_the_contact_rule(client, cluster):
    private = PersonFactory(organisation=cluster, visibility=Visibility.PUBLIC, phone="+1 555")
    client.force_login(PersonFactory().user)
    body = client.get(reverse("directory:organisation", args=["clutex"])).content.decode()
    assert cluster.manager.email in body
    assert private.full_name in body
    assert private.email not in body
    client.force_login(private.user)
    body = client.get(reverse("directory:organisation", args=["clutex"])).content.decode()
    assert private.email in body


def test_profile_photo_upload_and_size_limit(client, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    person = PersonFactory()
    client.force_login(person.user)
    data = profile_data(person, **{"opportunities-TOTAL_FORMS": "0"})
    data["photo"] = SimpleUploadedFile("jana-novakova.png", png_bytes(), content_type="image/png")
    assert client.post(reverse("directory:profile"), data).status_code == 302
    person.refresh_from_db()
    # A random name, not the uploaded one: one address tells nothing of another.
    assert re.fullmatch(r"people/[\w-]{24}\.jpg", person.photo.name)
    assert "novakova" not in person.photo.name
    not_an_image = SimpleUploadedFile("me.png", b"not an image", content_type="image/png")
    data["photo"] = not_an_image
    response = client.post(reverse("directory:profile"), data)
    assert "photo" in response.context["form"].errors


def read_file(response) -> bytes:
    """A file response's content; read to its end, the test client closes the file."""
    return b"".join(response)


def png_bytes() -> bytes:
    return image_bytes("PNG")


def image_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, kind)
    return buffer.getvalue()


def test_membership_filter_lists_only_visible_clusters(client):
    MembershipFactory(parent__name="Secret Cluster", parent__visibility="hidden")
    MembershipFactory(parent__name="Open Cluster")
    response = client.get(reverse("directory:search"))
    labels = [label for _, label in response.context["form"].fields["member_of"].choices]
    assert [str(label) for label in labels] == ["Any membership", "Members of Open Cluster"]
    assert "Secret Cluster" not in response.content.decode()


def test_organisation_page_lists_only_public_events_unless_managed(client, cluster):
    public = ParticipantFactory(person=cluster.manager, event__name="Open Conference")
    private = ParticipantFactory(
        person=cluster.manager, event__name="Closed Board Meeting", event__is_public=False
    )
    body = client.get(reverse("directory:organisation", args=["clutex"])).content.decode()
    assert public.event.name in body
    assert private.event.name not in body
    client.force_login(ParticipantFactory(event=private.event, role="organiser").person.user)
    body = client.get(reverse("directory:organisation", args=["clutex"])).content.decode()
    assert private.event.name in body


def test_organisation_page_queries_do_not_grow_with_people(
    client, cluster, django_assert_num_queries
):
    def people(count: int) -> None:
        for _ in range(count):
            person = PersonFactory(organisation=cluster, visibility=Visibility.PUBLIC)
            ParticipantFactory(person=person)
            OpportunityFactory(person=person)

    client.force_login(PersonFactory().user)
    url = reverse("directory:organisation", args=["clutex"])
    people(2)
    # 15: one of them lists the events the viewer attends, for the links to people's pages.
    with django_assert_num_queries(15):
        client.get(url)
    people(10)
    with django_assert_num_queries(15):
        client.get(url)


def test_profile_form_does_not_attach_to_an_organisation(client, cluster):
    person = PersonFactory(organisation=None)
    client.force_login(person.user)
    data = profile_data(person, organisation=cluster.pk, **{"opportunities-TOTAL_FORMS": "0"})
    assert client.post(reverse("directory:profile"), data).status_code == 302
    person.refresh_from_db()
    assert person.organisation is None


def test_my_profile_links_my_organisation_only_where_its_page_opens_for_me(client):
    quiet = OrganisationFactory(name="Quiet Optics", visibility=Visibility.HIDDEN)
    member, manager = PersonFactory(organisation=quiet), PersonFactory(organisation=quiet)
    quiet.manager = manager
    quiet.save()
    page = reverse("directory:organisation", args=[quiet.slug])
    client.force_login(member.user)
    body = client.get(reverse("directory:profile")).content.decode()
    assert "Quiet Optics" in body
    assert page not in body
    assert client.get(page).status_code == 404
    client.force_login(manager.user)
    body = client.get(reverse("directory:profile")).content.decode()
    assert f'<a href="{page}">Quiet Optics</a>' in body


def suggested(client, typed: str) -> str:
    response = client.get(reverse("directory:organisation-suggestions"), {"q": typed})
    assert response.status_code == 200
    return response.content.decode()


def test_the_join_picker_suggests_only_visible_organisations(client, cluster):
    OrganisationFactory(name="Clutch Secret Ltd", visibility=Visibility.HIDDEN)
    OrganisationFactory(name="Clutch <b>Bold</b>")
    person = PersonFactory(organisation=None)
    client.force_login(person.user)
    html = suggested(client, "clu")
    assert re.findall(r'data-suggestion="([^"]*)"', html) == [
        "Clutch &lt;b&gt;Bold&lt;/b&gt;",
        "CLUTEX",
    ]
    assert "Secret" not in html
    assert "<b>" not in html
    assert suggested(client, "secret").strip() == '<p class="muted">Nothing matches “secret”.</p>'
    assert suggested(client, "").strip() == ""
    # A typed hidden name is refused as if it did not exist, and nothing is asked.
    data = profile_data(person, join_organisation="Clutch Secret Ltd")
    response = client.post(reverse("directory:profile"), data)
    assert response.context["form"].errors["join_organisation"] == [
        "Choose an organisation from the suggestions."
    ]
    assert not OrganisationJoinRequest.objects.exists()


def test_the_join_picker_leaves_out_my_own_organisation(client, cluster):
    OrganisationFactory(name="CLUTEX Partners")
    client.force_login(cluster.manager.user)
    html = suggested(client, "clutex")
    assert re.findall(r'data-suggestion="([^"]*)"', html) == ["CLUTEX Partners"]


@pytest.mark.parametrize("count", [5, 50])
def test_the_profile_page_holds_no_organisation_list(client, count, django_assert_num_queries):
    for number in range(count):
        OrganisationFactory(name=f"Firm {number:02}")
    person = PersonFactory(organisation=None)
    client.force_login(person.user)
    client.get(reverse("directory:profile"))  # sessions, languages: what a first page loads
    with django_assert_num_queries(PROFILE_QUERIES):
        body = client.get(reverse("directory:profile")).content.decode()
    assert "Firm 0" not in body
    assert 'hx-get="/directory/me/join-request/suggestions/"' in body
    assert len(re.findall(r'data-suggestion="', suggested(client, "firm"))) == min(count, 20)


def test_asking_to_join_shows_pending_until_the_manager_approves(client, cluster):
    person = PersonFactory(organisation=None, first_name="Petr", last_name="Malý")
    client.force_login(person.user)
    data = profile_data(person, join_organisation="clutex", **{"opportunities-TOTAL_FORMS": "0"})
    assert client.post(reverse("directory:profile"), data).status_code == 302
    person.refresh_from_db()
    assert person.organisation is None
    body = client.get(reverse("directory:profile")).content.decode()
    assert "Pending: you asked to join CLUTEX." in body
    page = client.get(reverse("directory:organisation", args=["clutex"]))
    assert page.context["join_requests"] == []
    assert "Petr Malý" not in page.content.decode()

    client.force_login(cluster.manager.user)
    page = client.get(reverse("directory:organisation", args=["clutex"]))
    [join_request] = page.context["join_requests"]
    assert "Petr Malý" in page.content.decode()
    url = reverse("directory:join-approve", args=["clutex", join_request.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    person.refresh_from_db()
    assert person.organisation == cluster


def test_strangers_cannot_decide_join_requests(client, cluster):
    person = PersonFactory(organisation=None)
    join_request = OrganisationJoinRequest.objects.create(person=person, organisation=cluster)
    approve = reverse("directory:join-approve", args=["clutex", join_request.pk])
    decline = reverse("directory:join-decline", args=["clutex", join_request.pk])
    assert client.post(approve).status_code == 302  # to sign-in
    client.force_login(person.user)
    assert client.post(approve).status_code == 403
    assert client.post(decline).status_code == 403
    other = OrganisationFactory(slug="other")
    other.manager = PersonFactory(organisation=other)
    other.save()
    client.force_login(other.manager.user)
    wrong_place = reverse("directory:join-approve", args=["other", join_request.pk])
    assert client.post(wrong_place).status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == "pending"
    assert Person.objects.get(pk=person.pk).organisation is None


def test_the_manager_declines_and_the_person_withdraws(client, cluster):
    person = PersonFactory(organisation=None)
    first = OrganisationJoinRequest.objects.create(person=person, organisation=cluster)
    client.force_login(cluster.manager.user)
    client.post(reverse("directory:join-decline", args=["clutex", first.pk]))
    first.refresh_from_db()
    assert first.status == "declined"
    second = OrganisationJoinRequest.objects.create(person=person, organisation=cluster)
    client.force_login(person.user)
    assert client.post(reverse("directory:join-withdraw")).status_code == 302
    second.refresh_from_db()
    assert second.status == "withdrawn"
    assert client.post(reverse("directory:join-withdraw")).status_code == 404


def organisation_data(**overrides) -> dict:
    data = {
        "name": "CLUTEX",
        "kind": "cluster",
        "country": "CZ",
        "city": "Liberec",
        "website": "",
        "description": "Technical textiles",
        "ecosystems": [],
        "value_chain_stages": [],
        "visibility": "public",
    }
    return data | overrides


def test_a_manager_cannot_make_the_cluster_an_association(client, cluster):
    client.force_login(cluster.manager.user)
    url = reverse("directory:organisation-edit", args=["clutex"])
    response = client.post(url, organisation_data(kind="association", city="Praha"))
    assert response.status_code == 200
    assert response.context["form"].errors["kind"] == [
        "Only staff may make an organisation an association or change that."
    ]
    cluster.refresh_from_db()
    assert (cluster.kind, cluster.city) == ("cluster", "Brno")


def test_staff_make_the_cluster_an_association(client, cluster, staff_user):
    client.force_login(staff_user)
    url = reverse("directory:organisation-edit", args=["clutex"])
    assert client.post(url, organisation_data(kind="association")).status_code == 302
    cluster.refresh_from_db()
    assert cluster.kind == "association"


def png_header(width: int, height: int) -> bytes:
    """A valid PNG header announcing `width` × `height` pixels, with (almost) no pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        (
            "big.jpg",
            b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 1),
            "The photo is larger than 5 MB.",
        ),
        (
            "bomb.png",
            png_header(20_000, 20_000),
            "The photo has too many pixels: at most 25 megapixels.",
        ),
        (
            "wide.png",
            png_header(6_000, 6_000),
            "The photo has too many pixels: at most 25 megapixels.",
        ),
        ("setup.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, "Use a JPEG, PNG or WebP image."),
        ("me.svg", SVG_WITH_SCRIPT, "Use a JPEG, PNG or WebP image."),
        ("me.jpg", SVG_WITH_SCRIPT, "Use a JPEG, PNG or WebP image."),
        ("me.bmp", image_bytes("BMP"), "Use a JPEG, PNG or WebP image."),
    ],
)
def test_bad_photos_get_a_field_error_and_change_nothing(
    client, settings, tmp_path, name, content, error
):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(job_title="Engineer")
    client.force_login(person.user)
    data = profile_data(person, **{"opportunities-TOTAL_FORMS": "0"})
    data["photo"] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = client.post(reverse("directory:profile"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [error]
    person.refresh_from_db()
    assert (person.job_title, person.photo.name) == ("Engineer", "")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_photos_of_every_accepted_type_are_saved(client, settings, tmp_path, kind):
    settings.PRIVATE_ROOT = tmp_path
    person = PersonFactory()
    client.force_login(person.user)
    data = profile_data(person, **{"opportunities-TOTAL_FORMS": "0"})
    data["photo"] = SimpleUploadedFile(f"me.{kind.lower()}", image_bytes(kind))
    assert client.post(reverse("directory:profile"), data).status_code == 302
    person.refresh_from_db()
    assert person.photo.name.startswith("people/")
    assert (tmp_path / person.photo.name).is_file()


def test_a_photo_is_kept_upright_small_and_without_the_cameras_metadata(client, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    person = PersonFactory()
    client.force_login(person.user)
    # A phone's photo: 3000 x 2000 pixels stored on its side, with where it was taken.
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to view
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (50.0, 5.0, 0.0)  # GPS latitude
    taken = io.BytesIO()
    Image.new("RGB", (3000, 2000), "red").save(taken, "JPEG", exif=exif)
    data = profile_data(person, **{"opportunities-TOTAL_FORMS": "0"})
    data["photo"] = SimpleUploadedFile("IMG_0001.jpg", taken.getvalue())
    assert client.post(reverse("directory:profile"), data).status_code == 302
    person.refresh_from_db()
    with Image.open(tmp_path / person.photo.name) as kept:
        assert (kept.format, kept.size[1]) == ("JPEG", 512)
        assert kept.size[0] in (341, 342)  # upright: taller than wide
        assert not kept.getexif()
        assert b"PhoneMaker" not in (tmp_path / person.photo.name).read_bytes()
    assert person.photo.size < 20_000


def test_a_transparent_photo_is_kept_on_white(client, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    person = PersonFactory()
    client.force_login(person.user)
    logo = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(logo, "PNG")
    data = profile_data(person, **{"opportunities-TOTAL_FORMS": "0"})
    data["photo"] = SimpleUploadedFile("logo.png", logo.getvalue())
    assert client.post(reverse("directory:profile"), data).status_code == 302
    person.refresh_from_db()
    with Image.open(tmp_path / person.photo.name) as kept:
        assert kept.getpixel((5, 5)) == (255, 255, 255)


def test_a_photo_is_shown_only_to_those_who_may_see_its_person(client, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    person = PersonFactory(visibility=Visibility.PUBLIC)
    client.force_login(person.user)
    data = profile_data(person, **{"opportunities-TOTAL_FORMS": "0"})
    data["photo"] = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    assert client.post(reverse("directory:profile"), data).status_code == 302
    person.refresh_from_db()
    address = person.photo.url
    assert address == reverse("directory:photo", args=[person.photo.name])
    assert not (tmp_path / "media").exists()  # nothing for the web server to hand out
    client.logout()
    response = client.get(address)
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    assert Image.open(io.BytesIO(read_file(response))).size == (8, 8)
    assert "private" in response["Cache-Control"]
    person.visibility = Visibility.HIDDEN
    person.save()
    assert client.get(address).status_code == 404
    client.force_login(PersonFactory().user)
    assert client.get(address).status_code == 404
    client.force_login(person.user)
    response = client.get(address)
    assert (response.status_code, read_file(response)[:2]) == (200, b"\xff\xd8")
    assert client.get(reverse("directory:photo", args=["people/unknown.png"])).status_code == 404
    assert client.get(reverse("directory:photo", args=["../settings.py"])).status_code == 404
    # PostgreSQL refuses to compare a NUL: refused by the address, not with a server error.
    with_nul = reverse("directory:photo", args=["x"])[:-1] + "people%00.png"
    assert client.get(with_nul).status_code == 404


def test_organisation_page_does_not_name_a_manager_with_a_hidden_profile(client, cluster):
    cluster.manager.visibility = Visibility.HIDDEN
    cluster.manager.save()
    client.force_login(PersonFactory().user)
    response = client.get(reverse("directory:organisation", args=["clutex"]))
    body = response.content.decode()
    assert "Jana Nová" not in body
    assert cluster.manager.email not in body
    assert response.context["manager"] is None


def test_a_photo_stopped_by_the_upload_cap_is_a_field_error(client, settings, tmp_path):
    """The upload handler drops a file past MAX_UPLOAD_MB; the form must say so."""
    settings.MEDIA_ROOT = tmp_path
    settings.MAX_UPLOAD_MB = 1
    person = PersonFactory(job_title="Engineer")
    client.force_login(person.user)
    data = profile_data(person, **{"opportunities-TOTAL_FORMS": "0", "job_title": "Boss"})
    data["photo"] = SimpleUploadedFile("me.jpg", b"\xff\xd8\xff" + b"0" * (1024 * 1024 + 10))
    response = client.post(reverse("directory:profile"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == ["The file is larger than 1 MB."]
    person.refresh_from_db()
    assert (person.job_title, person.photo.name) == ("Engineer", "")


def test_organisation_page_links_people_to_their_page_at_the_viewers_events(client, cluster):
    shared, other = EventFactory(), EventFactory()
    person = PersonFactory(organisation=cluster, visibility=Visibility.PUBLIC)
    there = ParticipantFactory(event=shared, person=person)
    elsewhere = ParticipantFactory(event=other, person=person)
    viewer = ParticipantFactory(event=shared).person
    url = reverse("directory:organisation", args=["clutex"])
    client.force_login(viewer.user)
    body = client.get(url).content.decode()
    page = reverse("matchmaking:participant", args=[shared.slug, there.pk])
    assert body.count(f'<a href="{page}">{person.full_name}</a>') == 1
    assert body.count(f'<a href="{page}">{shared.name}</a>') == 1
    assert reverse("matchmaking:participant", args=[other.slug, elsewhere.pk]) not in body
    client.logout()
    body = client.get(url).content.decode()
    assert person.full_name in body
    assert page not in body


def test_the_profile_keeps_a_language_for_emails(client):
    person = PersonFactory()
    client.force_login(person.user)
    url = reverse("directory:profile")
    field = client.get(url).context["form"].fields["language"]
    assert [(code, str(name)) for code, name in field.choices] == [
        ("", "The language I last used"),
        ("en", "English"),
        ("cs", "Czech"),
    ]
    # The list has no empty entry to leave: the help names the one it has.
    assert str(field.help_text) == (
        "Choose “The language I last used” to get e-mails in the language you last used "
        "on the site."
    )
    response = client.post(url, profile_data(person, language="xx"))
    assert response.context["form"].errors["language"] == [
        "Select a valid choice. xx is not one of the available choices."
    ]
    person.refresh_from_db()
    assert person.language == ""
    assert client.post(url, profile_data(person, language="cs")).status_code == 302
    person.refresh_from_db()
    assert (person.language, person.preferred_language) == ("cs", "cs")
