"""Tour and programme pages: what each person sees and does, in a fixed number of queries."""

import csv
import io
import re

import icalendar
import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from modus.agenda.providers import entries_for
from modus.directory.models import OrganisationKind
from modus.events import programme
from modus.events.models import Participant
from modus.visits import services
from modus.visits.models import SiteVisit, TourBooking
from modus.visits.video import player_for
from tests.factories import OrganisationFactory, ParticipantFactory, PersonFactory
from tests.visits.factories import ProgrammeSessionFactory, SiteVisitFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit():
    return SiteVisitFactory(capacity=1, title="Optics lab")


def signed_in(client, participant):
    client.force_login(participant.person.user)
    return client


def test_the_tour_list_costs_the_same_for_many_tours(client, visit, django_assert_max_num_queries):
    me = ParticipantFactory(event=visit.event)
    for _ in range(6):
        other = SiteVisitFactory(event=visit.event)
        services.book(visit=other, participant=ParticipantFactory(event=visit.event), by=None)
    signed_in(client, me)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("visits:list", args=[visit.event.slug]))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="places"') == 7


def test_booking_then_the_waitlist_through_the_pages(client, visit):
    first, second = ParticipantFactory(event=visit.event), ParticipantFactory(event=visit.event)
    url = reverse("visits:book", args=[visit.event.slug, visit.pk])
    signed_in(client, first).post(url)
    response = signed_in(client, second).post(url, follow=True)
    assert "The tour is full: you are on the waitlist." in response.content.decode()
    assert "You are number 1 on the waitlist." in response.content.decode()
    again = client.post(url, follow=True)
    assert "You are already on the waitlist of this tour." in again.content.decode()
    assert list(visit.places.order_by("pk").values_list("status", flat=True)) == [
        "booked",
        "waiting",
    ]


def host_with_two_bookers(visit):
    """The tour's host manager, a booker who shares their phone and one who does not."""
    manager = PersonFactory()
    visit.host.manager = manager
    visit.host.save()
    shared = ParticipantFactory(
        event=visit.event, person=PersonFactory(phone="+420 601 111 222", share_contact=True)
    )
    private = ParticipantFactory(
        event=visit.event, person=PersonFactory(phone="+420 777 000 999", share_contact=False)
    )
    services.book(visit=visit, participant=shared, by=None)
    services.book(visit=visit, participant=private, by=None)
    return manager, shared, private


def test_the_host_sees_phones_only_where_shared_and_downloads_the_list(client, visit):
    manager, shared, private = host_with_two_bookers(visit)
    client.force_login(manager.user)
    page = client.get(reverse("visits:people", args=[visit.event.slug, visit.pk]))
    html = page.content.decode()
    assert "+420 601 111 222" in html
    assert "+420 777 000 999" not in html
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("visits:people-csv", args=[visit.event.slug, visit.pk])
                ).content.decode()
            )
        )
    )
    assert [row[:4] for row in rows[1:]] == [
        ["Booked", shared.person.full_name, shared.person.organisation.name, "'+420 601 111 222"],
        ["On the waitlist", private.person.full_name, private.person.organisation.name, ""],
    ]


def test_the_host_downloads_the_list_for_excel_with_phones_only_where_shared(client, visit):
    """XLSX, which a Czech Excel opens in columns; the phone is text, not a formula."""
    manager, shared, private = host_with_two_bookers(visit)
    client.force_login(manager.user)
    response = client.get(reverse("visits:people-xlsx", args=[visit.event.slug, visit.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="tour-{visit.pk}.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(row[:4]) for row in sheet.iter_rows(values_only=True)]
    assert rows == [
        ["Status", "Name", "Organisation", "Phone"],
        ["Booked", shared.person.full_name, shared.person.organisation.name, "+420 601 111 222"],
        ["On the waitlist", private.person.full_name, private.person.organisation.name, None],
    ]


def test_the_bus_check_by_the_host(client, visit):
    manager = PersonFactory()
    visit.host.manager = manager
    visit.host.save()
    place = services.book(visit=visit, participant=ParticipantFactory(event=visit.event), by=None)
    client.force_login(manager.user)
    url = reverse("visits:showed-up", args=[visit.event.slug, visit.pk, place.pk])
    client.post(url, {"showed_up": "1"})
    assert TourBooking.objects.get(pk=place.pk).showed_up_at is not None
    client.post(url, {"showed_up": "0"})
    assert TourBooking.objects.get(pk=place.pk).showed_up_at is None


def test_deleting_asks_first_and_then_tells(client, visit):
    organiser = ParticipantFactory(event=visit.event, role=Participant.Role.ORGANISER)
    services.book(visit=visit, participant=ParticipantFactory(event=visit.event), by=None)
    signed_in(client, organiser)
    url = reverse("visits:delete", args=[visit.event.slug, visit.pk])
    asked = client.get(url).content.decode()
    assert "has 1 person booked or waiting" in asked
    client.post(url, {})
    assert SiteVisit.objects.filter(pk=visit.pk).exists()
    done = client.post(url, {"confirm": "yes"}, follow=True)
    assert not SiteVisit.objects.filter(pk=visit.pk).exists()
    assert "Tour deleted; 1 person was told." in done.content.decode()


def test_a_video_invitation_makes_no_third_party_request_until_clicked(client):
    visit = SiteVisitFactory(video_url="https://www.youtube.com/watch?v=abcdefghijk")
    html = client.get(reverse("visits:detail", args=[visit.event.slug, visit.pk])).content.decode()
    assert "<iframe" not in html
    assert (
        'data-video-embed="https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1"' in html
    )


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://youtu.be/abcdefghijk",
            "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1",
        ),
        ("https://vimeo.com/123456", "https://player.vimeo.com/video/123456?dnt=1&autoplay=1"),
        ("https://video.example.org/abcdefghijk", None),
        ("javascript:alert(1)", None),
        ("https://www.youtube.com/watch?v=short", None),
    ],
)
def test_only_known_video_hosts_get_a_player(url, embed):
    player = player_for(url)
    assert (player.embed_url if player else None) == embed


def test_the_programme_by_day_and_track_and_attending(client, django_assert_max_num_queries):
    session = ProgrammeSessionFactory(track="Green", title="Green deal")
    ProgrammeSessionFactory(event=session.event, track="Digital", title="Data spaces")
    me = ParticipantFactory(event=session.event)
    signed_in(client, me)
    url = reverse("events:programme", args=[session.event.slug])
    with django_assert_max_num_queries(12):
        html = client.get(url, {"track": "Green"}).content.decode()
    assert "Green deal" in html
    assert "Data spaces" not in html
    client.post(reverse("events:programme-attend", args=[session.event.slug, session.pk]))
    page = client.get(reverse("events:programme-session", args=[session.event.slug, session.pk]))
    assert "Remove from my agenda" in page.content.decode()
    assert session.places.get().participant == me


GIVE_UP = "Give up your place? If others are waiting, it goes to the first of them."


@pytest.mark.parametrize(("capacity", "asks"), [(None, None), (20, GIVE_UP)])
def test_leaving_a_session_asks_first_only_when_a_place_could_be_lost(client, capacity, asks):
    session = ProgrammeSessionFactory(capacity=capacity)
    signed_in(client, ParticipantFactory(event=session.event))
    client.post(reverse("events:programme-attend", args=[session.event.slug, session.pk]))
    page = client.get(reverse("events:programme-session", args=[session.event.slug, session.pk]))
    button = re.search(r"<button ([^>]*)>Remove from my agenda<", page.content.decode())
    confirm = re.search(r'data-confirm="([^"]*)"', button.group(1))
    assert (confirm.group(1) if confirm else None) == asks


def test_the_organiser_adds_a_session_in_event_time(client):
    session = ProgrammeSessionFactory()
    organiser = ParticipantFactory(event=session.event, role=Participant.Role.ORGANISER)
    signed_in(client, organiser)
    day = session.event.start_date.isoformat()
    response = client.post(
        reverse("events:programme-new", args=[session.event.slug]),
        {
            "title": "NCA",
            "kind": "side-event",
            "starts_at": f"{day}T14:00",
            "ends_at": f"{day}T13:00",
            "language": "English",
        },
    )
    assert "The end must be after the start." in response.content.decode()
    client.post(
        reverse("events:programme-new", args=[session.event.slug]),
        {
            "title": "NCA",
            "kind": "side-event",
            "starts_at": f"{day}T14:00",
            "ends_at": f"{day}T15:30",
            "language": "English",
        },
    )
    added = session.event.programme.get(title="NCA")
    assert (added.starts_at, added.ends_at) == (at(14), at(15, 30))


def test_speakers_see_their_sessions_in_the_agenda_entries():
    session = ProgrammeSessionFactory()
    speaker = ParticipantFactory(event=session.event, role=Participant.Role.SPEAKER)
    programme.update_session(session=session, by=None, speakers=[speaker])
    assert [e.title for e in entries_for([speaker.pk])[speaker.pk]] == [session.title]


def test_booking_costs_a_fixed_number_of_queries(client, visit, django_assert_max_num_queries):
    crowd = [ParticipantFactory(event=visit.event) for _ in range(5)]
    for person in crowd:
        services.book(visit=visit, participant=person, by=None)
    me = ParticipantFactory(event=visit.event)
    signed_in(client, me)
    with django_assert_max_num_queries(20):
        client.post(reverse("visits:book", args=[visit.event.slug, visit.pk]))
    assert visit.places.filter(participant=me, status="waiting").exists()


def test_the_printable_programme_and_its_calendar(client):
    session = ProgrammeSessionFactory(title="Industrial ecosystems", room="Forum Hall")
    ProgrammeSessionFactory(event=session.event, title="Closing", starts_at=at(10, day=1))
    slug = session.event.slug
    pdf = client.get(reverse("events:programme-pdf", args=[slug]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Industrial ecosystems" in text
    assert "Closing" in text
    feed = icalendar.Calendar.from_ical(
        client.get(reverse("events:programme-ics", args=[slug])).content
    )
    events = sorted(feed.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in events] == [
        ("Industrial ecosystems", at(10)),
        ("Closing", at(10, day=1)),
    ]


@pytest.mark.parametrize(
    ("starts_at", "duration", "message"),
    [
        ("day", "5000000000", "Ensure this value is less than or equal to 20160."),
        ("9999-12-31T23:00", "180", "Choose a time during the event"),
    ],
)
def test_a_tour_ending_past_the_last_date_is_refused_not_a_crash(
    client, visit, starts_at, duration, message
):
    organiser = ParticipantFactory(event=visit.event, role=Participant.Role.ORGANISER)
    signed_in(client, organiser)
    if starts_at == "day":
        starts_at = f"{visit.event.start_date.isoformat()}T10:00"
    response = client.post(
        reverse("visits:new", args=[visit.event.slug]),
        {
            "host": visit.host_id,
            "title": "Endless tour",
            "starts_at": starts_at,
            "duration_minutes": duration,
            "capacity": "10",
            "language": "English",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SiteVisit.objects.filter(title="Endless tour").exists()


def tour_form(visit, **changes) -> dict:
    """What the tour form posts for `visit` unchanged, with `changes`."""
    fields = {
        "host": visit.host_id,
        "title": visit.title,
        "starts_at": visit.starts_at.astimezone(at(0).tzinfo).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": visit.duration_minutes,
        "meeting_point": visit.meeting_point,
        "capacity": visit.capacity,
        "language": "English",
    }
    return {**fields, **changes}


@pytest.fixture
def other_cluster():
    return OrganisationFactory(kind=OrganisationKind.CLUSTER, name="NANOPROGRESS")


def test_the_host_manager_cannot_give_the_tour_to_another_cluster(
    client, visit, other_cluster, mailoutbox
):
    manager = PersonFactory()
    visit.host.manager = manager
    visit.host.save()
    services.book(visit=visit, participant=ParticipantFactory(event=visit.event), by=None)
    mailoutbox.clear()
    client.force_login(manager.user)
    url = reverse("visits:edit", args=[visit.event.slug, visit.pk])
    offered = client.get(url).context["form"].fields["host"].queryset
    response = client.post(url, tour_form(visit, host=other_cluster.pk))
    assert list(offered) == [visit.host]
    assert response.status_code == 200
    assert response.context["form"].errors["host"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert SiteVisit.objects.get(pk=visit.pk).host == visit.host
    assert mailoutbox == []


def edit_as_organiser(client, visit) -> str:
    """Signs an organiser of the tour's event in; the tour's edit page."""
    organiser = ParticipantFactory(event=visit.event, role=Participant.Role.ORGANISER)
    signed_in(client, organiser)
    return reverse("visits:edit", args=[visit.event.slug, visit.pk])


def test_the_organiser_may_name_another_cluster_as_host(client, visit, other_cluster):
    url = edit_as_organiser(client, visit)
    response = client.post(url, tour_form(visit, host=other_cluster.pk))
    assert response.status_code == 302
    assert SiteVisit.objects.get(pk=visit.pk).host == other_cluster


def test_more_places_than_postgresql_holds_are_a_form_error(client, visit):
    url = edit_as_organiser(client, visit)
    response = client.post(url, tour_form(visit, capacity="3000000000"))
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "Ensure this value is less than or equal to 2147483647."
    ]
    assert SiteVisit.objects.get(pk=visit.pk).capacity == 1


def test_a_tour_title_pasted_over_lines_is_kept_on_one(client, visit):
    url = edit_as_organiser(client, visit)
    response = client.post(url, tour_form(visit, title="Optics\r\nlab  tour\n"))
    assert response.status_code == 302
    assert SiteVisit.objects.get(pk=visit.pk).title == "Optics lab tour"
