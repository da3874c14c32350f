"""Introduction pages: asking from a cluster's page or the catalogue, answering, staff's
overview, the booth's badge scan and the printed catalogue's QR pages."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from modus.common.models import AuditEntry
from modus.common.permissions import Audience
from modus.directory import introductions
from modus.directory.catalogue import catalogue_pdf, printable_context
from modus.directory.models import IntroductionRequest, Visibility
from modus.events.badges import badge_for
from modus.events.models import Participant, RetiredBadgeCode
from tests.directory.introduction_helpers import cluster_with_manager
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Status = IntroductionRequest.Status


def ask(person, cluster=None, wish="Partners for medical implants"):
    return introductions.ask_introduction(
        by=person.user, requester=person, organisation=cluster, wish=wish
    )


def recorded() -> tuple:
    return (
        IntroductionRequest.objects.count(),
        AuditEntry.objects.filter(action__startswith="introduction").count(),
    )


def ask_url(cluster, **query) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"cluster": cluster.slug, **query}.items())
    return f"{reverse('directory:introduction-ask')}?{query}"


def test_a_cluster_page_offers_an_introduction_and_asking_routes_it(client):
    cluster, visitor = cluster_with_manager(), PersonFactory()
    client.force_login(visitor.user)
    page = client.get(reverse("directory:organisation", args=[cluster.slug])).content.decode()
    assert 'data-testid="ask-introduction"' in page
    response = client.post(ask_url(cluster), {"wish": "Titanium implants for a joint project"})
    introduction = IntroductionRequest.objects.get()
    assert response["Location"] == reverse("directory:introduction", args=[introduction.pk])
    assert (introduction.routed_to, introduction.channel) == (cluster.manager, "page")
    detail = client.get(response["Location"]).content.decode()
    assert "Marek" in detail


def test_the_manager_is_not_offered_an_introduction_to_their_own_cluster(client):
    cluster = cluster_with_manager()
    client.force_login(cluster.manager.user)
    page = client.get(reverse("directory:organisation", args=[cluster.slug])).content.decode()
    assert 'data-testid="ask-introduction"' not in page


def test_asking_from_the_catalogue_is_noted(client):
    cluster, visitor = cluster_with_manager(), PersonFactory()
    client.force_login(visitor.user)
    client.post(ask_url(cluster, **{"from": "catalogue"}), {"wish": "Implants"})
    assert IntroductionRequest.objects.get().channel == "catalogue"


@pytest.mark.parametrize("wish", ["", "   "])
def test_an_empty_wish_is_shown_as_an_error_and_records_nothing(client, wish):
    cluster, visitor = cluster_with_manager(), PersonFactory()
    client.force_login(visitor.user)
    response = client.post(ask_url(cluster), {"wish": wish})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert recorded() == (0, 0)


def test_a_hidden_or_unknown_cluster_is_not_found(client):
    hidden = cluster_with_manager("Hidden", visibility=Visibility.HIDDEN)
    client.force_login(PersonFactory().user)
    assert client.get(ask_url(hidden)).status_code == 404
    assert client.post(f"{reverse('directory:introduction-ask')}?cluster=nope").status_code == 404
    assert recorded() == (0, 0)


def test_someone_elses_introduction_is_not_found_and_cannot_be_answered(client):
    cluster, visitor = cluster_with_manager(), PersonFactory()
    introduction = ask(visitor, cluster)
    client.force_login(cluster_with_manager("Other").manager.user)
    for name in ("directory:introduction", "directory:introduction-accept"):
        url = reverse(name, args=[introduction.pk])
        response = client.get(url) if name == "directory:introduction" else client.post(url)
        assert response.status_code == 404
    client.force_login(visitor.user)
    accept = reverse("directory:introduction-accept", args=[introduction.pk])
    assert client.post(accept).status_code == 403
    missing = reverse("directory:introduction", args=[introduction.pk + 1000])
    assert client.get(missing).status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == Status.OPEN


def test_the_manager_accepts_and_both_see_the_status_and_contacts(client):
    cluster, visitor = cluster_with_manager(), PersonFactory(phone="+420 777 000 111")
    introduction = ask(visitor, cluster)
    url = reverse("directory:introduction", args=[introduction.pk])
    client.force_login(cluster.manager.user)
    page = client.get(url).content.decode()
    assert "+420 777 000 111" not in page
    accept = reverse("directory:introduction-accept", args=[introduction.pk])
    client.post(accept, {"version": introduction.version})
    assert "+420 777 000 111" in client.get(url).content.decode()
    client.force_login(visitor.user)
    page = client.get(url).content.decode()
    assert cluster.manager.email in page
    assert 'data-testid="answer"' not in page


def test_declining_with_an_empty_reason_changes_nothing(client):
    cluster = cluster_with_manager()
    introduction = ask(PersonFactory(), cluster)
    client.force_login(cluster.manager.user)
    decline = reverse("directory:introduction-decline", args=[introduction.pk])
    response = client.post(decline, {"reason": " "}, follow=True)
    assert "Give a reason for declining." in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == Status.OPEN
    client.post(decline, {"reason": "Not our field"})
    introduction.refresh_from_db()
    assert (introduction.status, introduction.reason) == (Status.DECLINED, "Not our field")


def test_a_reassignment_from_a_stale_page_is_refused(client):
    staff = UserFactory(is_staff=True)
    introduction = ask(PersonFactory(), wish="Anyone in implants")
    first, second = cluster_with_manager("A"), cluster_with_manager("B")
    client.force_login(staff)
    reassign = reverse("directory:introduction-reassign", args=[introduction.pk])
    seen = introduction.version
    client.post(reassign, {"organisation": first.pk, "version": seen})
    response = client.post(reassign, {"organisation": second.pk, "version": seen}, follow=True)
    assert "Someone changed this introduction meanwhile" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.organisation == first


def test_the_staff_overview_lists_open_requests_in_bounded_queries(
    client, django_assert_max_num_queries
):
    staff = UserFactory(is_staff=True)
    clusters = [cluster_with_manager(f"Cluster {n}") for n in range(3)]
    for n in range(25):
        ask(PersonFactory(), clusters[n % 3] if n % 4 else None, wish=f"Wish {n}")
    answered = ask(PersonFactory(), clusters[0])
    introductions.accept_introduction(by=clusters[0].manager.user, introduction=answered)
    client.force_login(staff)
    url = reverse("directory:introductions-open")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    page = response.content.decode()
    assert page.count('data-testid="open-introduction"') == 20
    assert "Median time to answer" in page
    with django_assert_max_num_queries(12):
        unrouted = client.get(url, {"unrouted": "1"}).content.decode()
    assert unrouted.count('data-testid="open-introduction"') == 7


def test_ones_own_list_is_bounded_too(client, django_assert_max_num_queries):
    cluster = cluster_with_manager()
    for _n in range(15):
        ask(PersonFactory(), cluster)
    client.force_login(cluster.manager.user)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("directory:introductions")).content.decode()
    assert page.count('data-testid="introduction"') == 15


@pytest.fixture
def booth_event():
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
    return event, organiser


def test_the_booth_scans_a_badge_and_asks_for_the_visitor(client, booth_event):
    event, organiser = booth_event
    visitor = ParticipantFactory(event=event, person__first_name="Viktor")
    cluster = cluster_with_manager()
    code = badge_for(visitor).code
    client.force_login(organiser.person.user)
    url = reverse("directory:booth", args=[event.slug])
    found = client.post(url, {"step": "scan", "code": f"  {code} "}).content.decode()
    assert 'data-testid="booth-ask"' in found
    assert "Viktor" in found
    assert recorded() == (0, 0)
    response = client.post(
        url, {"step": "ask", "code": code, "organisation": cluster.pk, "wish": "Implants"}
    )
    assert response.status_code == 302
    introduction = IntroductionRequest.objects.get()
    assert (introduction.requester, introduction.channel, introduction.event) == (
        visitor.person,
        "booth",
        event,
    )
    assert introduction.entered_by == organiser.person.user


def test_the_booth_offers_only_clusters_the_visitor_may_see(client, booth_event):
    event, organiser = booth_event
    visitor = ParticipantFactory(event=event)
    cluster_with_manager("Open Cluster")
    cluster_with_manager("Shadow Cluster", visibility=Visibility.HIDDEN)
    client.force_login(organiser.person.user)
    url = reverse("directory:booth", args=[event.slug])
    page = client.post(url, {"step": "scan", "code": badge_for(visitor).code}).content.decode()
    assert "Open Cluster" in page
    assert "Shadow Cluster" not in page


def test_bad_badge_codes_say_why_and_record_nothing(client, booth_event):
    event, organiser = booth_event
    stranger = ParticipantFactory(event=EventFactory())
    replaced = ParticipantFactory(event=event)
    RetiredBadgeCode.objects.create(participant=replaced, code="OLDCODE1")
    client.force_login(organiser.person.user)
    url = reverse("directory:booth", args=[event.slug])
    messages = {
        "NOSUCHCODE": "No badge has this code.",
        "OLDCODE1": "This badge was replaced by a new one and no longer works.",
        badge_for(stranger).code: "This badge belongs to another event.",
        "": "Scan a badge or type its code.",
    }
    for code, message in messages.items():
        for step in ("scan", "ask"):
            data = {"step": step, "code": code, "wish": "Implants"}
            page = client.post(url, data).content.decode()
            assert message in page, (code, step)
            assert 'data-testid="booth-scan"' in page
    assert recorded() == (0, 0)


def test_the_booth_is_for_the_events_organisers_and_staff(client, booth_event):
    event, _organiser = booth_event
    url = reverse("directory:booth", args=[event.slug])
    other_organiser = ParticipantFactory(event=EventFactory(), role=Participant.Role.ORGANISER)
    client.force_login(other_organiser.person.user)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200


def test_the_printed_catalogue_has_a_page_and_a_qr_code_for_each_cluster(settings):
    settings.SITE_URL = "https://modus.example"
    association = OrganisationFactory(name="NCA", kind="association")
    clusters = [
        MembershipFactory(parent=association, member__name=name, member__kind="cluster").member
        for name in ("CLUTEX", "NANOPROGRESS")
    ]
    context = printable_context(association, Audience.PUBLIC)
    printed = {cluster.slug: cluster for cluster in context["clusters"]}
    for cluster in clusters:
        entry = printed[cluster.slug]
        assert entry.page_url == f"https://modus.example/directory/o/{cluster.slug}/"
        assert entry.ask_url == (
            f"https://modus.example/directory/introductions/ask/?cluster={cluster.slug}"
            "&from=catalogue"
        )
        assert entry.qr_svg.startswith("<svg")
    reader = PdfReader(io.BytesIO(catalogue_pdf(association, Audience.PUBLIC)))
    # A title page, then one page per cluster with its QR code and the button's link.
    assert len(reader.pages) == 3
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages[1:]
        for annotation in page.get("/Annots", [])
    ]
    assert sorted(links) == sorted(printed[c.slug].ask_url for c in clusters)


def test_staff_read_the_history_in_words_and_names(client):
    staff = UserFactory(is_staff=True)
    visitor = PersonFactory(first_name="Eva", last_name="Horáková")
    cluster = cluster_with_manager("Implants")
    introduction = ask(visitor, cluster)
    introductions.accept_introduction(by=cluster.manager.user, introduction=introduction)
    client.force_login(staff)
    response = client.get(reverse("directory:introduction", args=[introduction.pk]))
    history = [(row["what"], row["who"]) for row in response.context["history"]]
    assert history == [("Asked", "Eva Horáková"), ("Accepted", cluster.manager.full_name)]
    assert "introduction.asked" not in response.content.decode()
