"""Programme pages: who sees which speakers, and what the organiser's session form refuses."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from modus.events import programme
from modus.events.models import Participant
from tests.factories import ParticipantFactory, UserFactory
from tests.visits.factories import ProgrammeSessionFactory

pytestmark = pytest.mark.django_db

EVERY_SPEAKER = ["Ada Public", "Petr Participants", "Hana Hidden"]
VISIBILITIES = ["public", "participants", "hidden"]


@pytest.fixture
def session():
    """A session with a public, a participants-only and a hidden speaker."""
    session = ProgrammeSessionFactory(title="Green deal")
    speakers = [
        ParticipantFactory(
            event=session.event,
            role=Participant.Role.SPEAKER,
            person__first_name=name.split()[0],
            person__last_name=name.split()[1],
            person__visibility=visibility,
        )
        for name, visibility in zip(EVERY_SPEAKER, VISIBILITIES, strict=True)
    ]
    programme.update_session(session=session, by=None, speakers=speakers)
    return session


def sign_in(client, viewer: str, event) -> None:
    if viewer == "participant":
        client.force_login(ParticipantFactory(event=event).person.user)
    elif viewer == "organiser":
        organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
        client.force_login(organiser.person.user)


def speakers_in(text: str) -> list[str]:
    return [name for name in EVERY_SPEAKER if name in text]


SEEN_BY = {
    "anonymous": ["Ada Public"],
    "participant": ["Ada Public", "Petr Participants"],
    "organiser": EVERY_SPEAKER,
}


@pytest.mark.parametrize("viewer", SEEN_BY)
def test_the_programme_and_session_page_show_only_speakers_the_viewer_may_see(
    client, session, viewer
):
    sign_in(client, viewer, session.event)
    slug = session.event.slug
    listed = client.get(reverse("events:programme", args=[slug])).content.decode()
    page = client.get(reverse("events:programme-session", args=[slug, session.pk]))
    assert speakers_in(listed) == SEEN_BY[viewer]
    assert speakers_in(page.content.decode()) == SEEN_BY[viewer]


@pytest.mark.parametrize("viewer", SEEN_BY)
def test_the_printable_programme_shows_only_speakers_the_viewer_may_see(client, session, viewer):
    sign_in(client, viewer, session.event)
    pdf = client.get(reverse("events:programme-pdf", args=[session.event.slug]))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert speakers_in(text) == SEEN_BY[viewer]


def test_a_staff_member_sees_every_speaker(client, session):
    client.force_login(UserFactory(is_staff=True))
    listed = client.get(reverse("events:programme", args=[session.event.slug])).content.decode()
    assert speakers_in(listed) == EVERY_SPEAKER


def test_speakers_cost_the_programme_one_query_however_many(
    client, session, django_assert_num_queries
):
    sign_in(client, "participant", session.event)
    url = reverse("events:programme", args=[session.event.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        more = ProgrammeSessionFactory(event=session.event)
        speakers = [ParticipantFactory(event=session.event) for _ in range(3)]
        programme.update_session(session=more, by=None, speakers=speakers)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("Eva Person") == 15


def session_form(event, **changes) -> dict:
    day = event.start_date.isoformat()
    fields = {
        "title": "Closing",
        "kind": "plenary",
        "starts_at": f"{day}T16:00",
        "ends_at": f"{day}T17:00",
        "language": "English",
    }
    return {**fields, **changes}


@pytest.fixture
def organiser_client(client, session):
    organiser = ParticipantFactory(event=session.event, role=Participant.Role.ORGANISER)
    client.force_login(organiser.person.user)
    return client


def test_more_seats_than_postgresql_holds_are_a_form_error(organiser_client, session):
    url = reverse("events:programme-new", args=[session.event.slug])
    response = organiser_client.post(url, session_form(session.event, capacity="3000000000"))
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "Ensure this value is less than or equal to 2147483647."
    ]
    assert list(session.event.programme.values_list("title", flat=True)) == ["Green deal"]


def test_a_title_pasted_over_lines_is_kept_on_one(organiser_client, session):
    url = reverse("events:programme-edit", args=[session.event.slug, session.pk])
    title = "Green deal\r\nfor  industry\n"
    response = organiser_client.post(url, session_form(session.event, title=title))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Green deal for industry"


def speaker_names(response) -> list[str]:
    return [label for _, label in response.context["form"].fields["speakers"].choices]


def test_the_form_offers_the_events_speakers_not_every_participant(organiser_client, session):
    """At 20,000 participants a list of everyone took seconds to draw."""
    delegates = ParticipantFactory.create_batch(3, event=session.event)
    new = organiser_client.get(reverse("events:programme-new", args=[session.event.slug]))
    assert sorted(speaker_names(new)) == sorted(EVERY_SPEAKER)
    url = reverse("events:programme-edit", args=[session.event.slug, session.pk])
    response = organiser_client.post(url, session_form(session.event, speakers=[delegates[0].pk]))
    assert "speakers" in response.context["form"].errors
    assert session.speakers.count() == 3


def test_a_session_keeps_a_speaker_of_another_role(organiser_client, session):
    delegate = ParticipantFactory(
        event=session.event, person__first_name="Dana", person__last_name="Delegate"
    )
    session.speakers.add(delegate)
    url = reverse("events:programme-edit", args=[session.event.slug, session.pk])
    assert "Dana Delegate" in speaker_names(organiser_client.get(url))
    other = ProgrammeSessionFactory(event=session.event)
    other_url = reverse("events:programme-edit", args=[session.event.slug, other.pk])
    assert "Dana Delegate" not in speaker_names(organiser_client.get(other_url))
    kept = [delegate.pk, *session.speakers.filter(role="speaker").values_list("pk", flat=True)]
    assert organiser_client.post(url, session_form(session.event, speakers=kept)).status_code == 302
    assert session.speakers.count() == 4
