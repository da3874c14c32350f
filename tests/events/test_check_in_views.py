"""The badge pages and the check-in desk, through the test client."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from modus.events.badges import badge_for
from modus.events.models import Badge, CheckIn, RetiredBadgeCode
from modus.events.services import check_in, issue_badges
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, event, organiser):
    client.force_login(organiser.user)
    client.post(reverse("events:check-in-desk", args=[event.slug]), {"desk": "Entrance A"})
    return client


def desk_url(event) -> str:
    return reverse("events:check-in", args=[event.slug])


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_scanning_a_badge_checks_in_and_shows_who(desk, event):
    participant = ParticipantFactory(
        event=event,
        role="speaker",
        person__first_name="Jana",
        person__last_name="Nováková",
        person__organisation__name="CLUTEX",
        person__country="CZ",
    )
    code = badge_for(participant).code
    response = desk.post(desk_url(event), {"code": f"https://example.org/badge/{code}"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Checked in" in body
    assert "Jana Nováková" in body
    assert "CLUTEX · Czechia · Speaker" in body
    assert CheckIn.objects.get().desk == "Entrance A"


def test_a_second_scan_is_refused_with_the_first_time(desk, event):
    participant = ParticipantFactory(event=event, person__first_name="Jana")
    code = badge_for(participant).code
    desk.post(desk_url(event), {"code": code})
    response = desk.post(desk_url(event), {"code": code})
    assert response.status_code == 409
    assert "Already checked in at" in response.content.decode()
    assert "at desk Entrance A." in response.content.decode()
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Scan a badge or type its code."),
        ("nothing", "No badge has this code."),
        ("x" * 400, "No badge has this code."),
    ],
)
def test_bad_codes_get_a_clear_message(desk, event, code, message):
    response = desk.post(desk_url(event), {"code": code})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_a_reissued_code_is_refused_at_the_desk(desk, event):
    participant = ParticipantFactory(event=event)
    old = badge_for(participant).code
    response = desk.post(reverse("events:badge-reissue", args=[event.slug, participant.pk]))
    assert response.status_code == 302
    assert RetiredBadgeCode.objects.get().code == old
    response = desk.post(desk_url(event), {"code": old})
    assert response.status_code == 400
    assert "This badge was replaced by a new one" in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_search_by_name_and_check_in_from_the_list(desk, event, django_assert_max_num_queries):
    for number in range(30):
        ParticipantFactory(event=event, person__last_name=f"Svoboda{number:02}")
    target = ParticipantFactory(event=event, person__last_name="Svobodová")
    check_in(by=None, participant=target)
    with django_assert_max_num_queries(14):
        response = desk.get(desk_url(event), {"q": "svobod"})
    body = response.content.decode()
    assert "31 people found" in body
    assert "Page 1 of 2" in body
    first = event.participants.get(person__last_name="Svoboda00")
    response = desk.post(desk_url(event) + "?q=svobod", {"participant": first.pk})
    assert response.status_code == 200
    assert CheckIn.objects.filter(participant=first).exists()


def test_checking_in_another_events_participant_by_id_is_refused(desk, event):
    stranger = ParticipantFactory()
    response = desk.post(desk_url(event), {"participant": stranger.pk})
    assert response.status_code == 400
    assert CheckIn.objects.count() == 0


def test_a_desk_name_too_long_is_refused_and_kept_unchanged(desk, event):
    response = desk.post(reverse("events:check-in-desk", args=[event.slug]), {"desk": "D" * 61})
    assert response.status_code == 302
    assert desk.session["check_in_desk"] == "Entrance A"


def test_arrivals_fragment_for_htmx(desk, event):
    check_in(by=None, participant=ParticipantFactory(event=event))
    response = desk.get(reverse("events:arrivals", args=[event.slug]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "1 of 2 checked in" in body


def test_badge_pdf_issues_missing_badges_and_shows_the_badge(client, event, organiser):
    ParticipantFactory(
        event=event,
        person__first_name="Jana",
        person__last_name="Nováková",
        person__organisation__name="NANOPROGRESS",
        person__country="CZ",
    )
    client.force_login(organiser.user)
    for layout, pages in (("a6", 2), ("sheet", 1)):
        response = client.get(reverse("events:badges-pdf", args=[event.slug]), {"layout": layout})
        assert response["Content-Type"] == "application/pdf"
        assert len(PdfReader(io.BytesIO(response.content)).pages) == pages
    text = pdf_text(response.content)
    assert "Jana Nováková" in text
    assert "NANOPROGRESS" in text
    assert "Czechia" in text
    assert "DELEGATE" in text  # text-transform: uppercase
    assert Badge.objects.count() == 2
    assert event.participants.get(person__first_name="Jana").badge.code in text.replace("\n", "")


def test_badge_pdf_with_an_unknown_layout_is_refused(client, event, organiser):
    client.force_login(organiser.user)
    response = client.get(reverse("events:badges-pdf", args=[event.slug]), {"layout": "A0"})
    assert response.status_code == 302
    assert Badge.objects.count() == 0


def test_badge_list_paginates_in_few_queries(
    client, event, organiser, django_assert_max_num_queries
):
    ParticipantFactory.create_batch(60, event=event)
    issue_badges(by=None, event=event)
    client.force_login(organiser.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:badges", args=[event.slug]))
    assert "61 participants" in response.content.decode()
    assert response.content.decode().count("Reissue (lost badge)") == 50


def test_my_badge_shows_my_code_as_a_qr(client, event, delegate):
    client.force_login(delegate.user)
    response = client.get(reverse("events:my-badge", args=[event.slug]))
    body = response.content.decode()
    assert Badge.objects.get().code in body
    assert '<svg viewBox="0 0 33 33" class="qr">' in body  # version 3: 29 modules + border


def test_an_htmx_scan_answers_with_the_person_and_the_counts_only(
    desk, event, django_assert_max_num_queries
):
    participant = ParticipantFactory(event=event, person__first_name="Jana")
    code = badge_for(participant).code
    # The session, the user and the permission; the badge, the lock, the check-in and its
    # audit entry in savepoints; the three counts. None of them grows with the event.
    with django_assert_max_num_queries(19):
        response = desk.post(desk_url(event), {"code": code}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Checked in" in body
    assert 'hx-swap-oob="true"' in body
    assert "1 of 2 checked in" in body
    response = desk.post(desk_url(event), {"code": code}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "Already checked in at" in response.content.decode()
