"""The agenda page, PDF and calendar feed with entries of several kinds (agenda/views.py)."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from modus.events import programme
from modus.events.services import calendar_token
from modus.matchmaking.services import publishing, setup
from modus.visits import services as visit_services
from tests.factories import ParticipantFactory
from tests.matchmaking.helpers import meet
from tests.visits.factories import ProgrammeSessionFactory, SiteVisitFactory

pytestmark = pytest.mark.django_db


def slots_of(session):
    return list(session.slots.order_by("position"))


def page_of(client, event):
    return client.get(reverse("agenda:page", args=[event.slug]))


@pytest.fixture
def busy_day(fair, tours):
    """Anna meets Ben at 14:20 (Prague) and tours from 14:30 to 16:00 the same day, and again
    on the next day; Ben has a tour of his own."""
    event, session, anna, ben, cyril = fair
    slot = slots_of(session)[1]
    meeting = meet(anna, ben, slot)
    tour = tours.add(
        anna,
        slot.starts_at + timedelta(minutes=10),
        slot.starts_at + timedelta(minutes=100),
        "Optics at Meopta",
        place="Meopta, Přerov",
        url="/events/tours/1/",
        detail="Bus from the main entrance",
    )
    tomorrow = tours.add(
        anna,
        slot.starts_at + timedelta(days=1),
        slot.starts_at + timedelta(days=1, hours=1),
        "Labs",
    )
    tours.add(ben, slot.starts_at, slot.ends_at, "Ben's own tour", number=9)
    return event, anna, ben, meeting, tour, tomorrow


def test_the_agenda_shows_every_kind_day_by_day_and_flags_clashes(client, busy_day):
    event, anna, ben, meeting, tour, tomorrow = busy_day
    client.force_login(anna.person.user)
    response = page_of(client, event)
    agenda = response.context["agenda"]
    days = [(day.isoformat(), [row.entry.key for row in rows]) for day, rows in agenda.days]
    assert days == [
        ("2022-09-26", [f"meeting:{meeting.pk}", "tour:1"]),
        ("2022-09-27", ["tour:2"]),
    ]
    (first, second), (third,) = (rows for _day, rows in agenda.days)
    assert (first.label, second.label) == ("Meeting", "Tour")
    assert (first.clashes, second.clashes, third.clashes) == ([tour], [first.entry], [])
    assert agenda.clash_count == 2
    html = response.content.decode()
    # In the event's time zone: 14:20 in Prague is 12:20 UTC.
    assert "<strong>Mon 26 Sep 14:20–14:40</strong>" in html
    assert "<strong>Mon 26 Sep 14:30–16:00</strong>" in html
    assert '<a href="/events/tours/1/">Optics at Meopta</a>' in html
    assert "Clashes with: Optics at Meopta" in html
    assert f"Clashes with: Meeting with {ben.person} ({ben.person.organisation})" in html
    assert "2 entries in your agenda clash in time with others" in html
    assert "Ben&#x27;s own tour" not in html


def test_an_entry_that_takes_no_time_clashes_with_nothing(client, fair, tours):
    event, session, anna, ben, cyril = fair
    slot = slots_of(session)[0]
    meet(anna, ben, slot)
    tours.add(anna, slot.starts_at, slot.ends_at, "Open visit", busy=False)
    client.force_login(anna.person.user)
    agenda = page_of(client, event).context["agenda"]
    assert [row.entry.title for _d, rows in agenda.days for row in rows][1] == "Open visit"
    assert agenda.clash_count == 0


def test_hidden_entries_stay_off_the_page_and_the_feed(client, fair, tours):
    event, session, anna, ben, cyril = fair
    slot = slots_of(session)[0]
    tours.add(anna, slot.starts_at, slot.ends_at, "Not yet", shown=False)
    client.force_login(anna.person.user)
    assert page_of(client, event).context["agenda"].entries == []
    feed = client.get(reverse("calendar", args=[calendar_token(anna)])).content
    assert icalendar.Calendar.from_ical(feed).walk("VEVENT") == []


def test_the_agenda_takes_as_many_queries_for_many_entries_as_for_one(
    client, fair, tours, django_assert_max_num_queries
):
    """Session and user, event and participant, the meetings (their rows, people, tables
    and the event's settings), the meetings' notes (three) and the programme sessions
    (spoken at, attended): thirteen, however many."""
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, scheduling_mode="organiser", schedule_state="final")
    slots = slots_of(session)

    def add(slot, title: str) -> None:
        publishing.move_meeting(
            by=None, meeting=meet(anna, ParticipantFactory(event=event)), slot=slot
        )
        tours.add(anna, slot.starts_at, slot.ends_at, title)

    add(slots[0], "First tour")
    client.force_login(anna.person.user)
    page_of(client, event)  # the first visit makes the calendar token
    with django_assert_max_num_queries(13) as one:
        page_of(client, event)
    for position, slot in enumerate(slots[1:]):
        add(slot, f"Tour {position}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = page_of(client, event)
    assert len(response.context["agenda"].entries) == 8


def test_the_pdf_has_every_kind_and_the_clashes(client, busy_day, monkeypatch):
    event, anna, ben, meeting, tour, tomorrow = busy_day
    captured = []
    monkeypatch.setattr(
        "modus.agenda.views.html_to_pdf", lambda html: captured.append(html) or b"%PDF"
    )
    client.force_login(anna.person.user)
    response = client.get(reverse("agenda:pdf", args=[event.slug]))
    assert response.content == b"%PDF"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}-agenda.pdf"'
    (html,) = captured
    assert html.count('class="agenda-entry') == 3
    assert html.count('data-testid="clash"') == 2
    assert "Optics at Meopta" in html
    assert "Europe/Prague" in html


def test_the_feed_has_every_entry_with_a_stable_uid(client, busy_day, settings):
    event, anna, ben, meeting, tour, tomorrow = busy_day
    settings.SITE_URL = "https://modus.example.org"
    token = calendar_token(anna)

    def read():
        response = client.get(reverse("calendar", args=[token]))
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        return icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    events = read()
    assert [(str(e["UID"]), str(e["SUMMARY"])) for e in events] == [
        (
            f"meeting-{meeting.pk}@modus.example.org",
            f"Meeting with {ben.person} ({ben.person.organisation})",
        ),
        ("tour-1@modus.example.org", "Optics at Meopta"),
        ("tour-2@modus.example.org", "Labs"),
    ]
    tour_event = events[1]
    assert tour_event.decoded("dtstart") == tour.starts_at
    assert tour_event.decoded("dtend") == tour.ends_at
    assert str(tour_event["LOCATION"]) == "Meopta, Přerov"
    assert str(tour_event["URL"]) == "http://testserver/events/tours/1/"
    assert str(tour_event["DESCRIPTION"]) == "Bus from the main entrance"
    assert [str(e["UID"]) for e in read()] == [str(e["UID"]) for e in events]


def test_the_feed_is_worded_in_the_subscribers_language_not_the_calendar_apps(client, busy_day):
    """A calendar app asks in its own language (or none); the feed is the person's."""
    event, anna, ben, meeting, tour, tomorrow = busy_day
    anna.person.language = "cs"
    anna.person.save(update_fields=["language"])
    feed = client.get(
        reverse("calendar", args=[calendar_token(anna)]), HTTP_ACCEPT_LANGUAGE="en"
    ).content
    calendar = icalendar.Calendar.from_ical(feed)
    assert str(calendar["X-WR-CALNAME"]) == f"{event.name}: Můj program"
    summary = str(calendar.walk("VEVENT")[0]["SUMMARY"])
    assert summary == f"Schůzka: {ben.person} ({ben.person.organisation})"


def test_someone_not_at_the_event_has_no_agenda_there(client, fair):
    event, *_ = fair
    stranger = ParticipantFactory()
    client.force_login(stranger.person.user)
    assert page_of(client, event).status_code == 403


def test_sessions_and_tours_are_named_in_the_viewers_language(client, monkeypatch):
    """Page, PDF and the feed's CATEGORIES: the kinds read as their pages call them."""
    tour = SiteVisitFactory()
    session = ProgrammeSessionFactory(event=tour.event)
    me = ParticipantFactory(event=tour.event)
    visit_services.book(visit=tour, participant=me, by=None)
    programme.attend(session=session, participant=me, by=None)
    captured = []
    monkeypatch.setattr(
        "modus.agenda.views.html_to_pdf", lambda html: captured.append(html) or b"%PDF"
    )
    client.force_login(me.person.user)
    czech = {"HTTP_ACCEPT_LANGUAGE": "cs"}
    page = client.get(reverse("agenda:page", args=[tour.event.slug]), **czech)
    client.get(reverse("agenda:pdf", args=[tour.event.slug]), **czech)
    me.person.language = "cs"
    me.person.save(update_fields=["language"])
    feed = client.get(reverse("calendar", args=[calendar_token(me)])).content
    rows = [row for _day, rows in page.context["agenda"].days for row in rows]
    assert [row.label for row in rows] == ["Bod programu", "Exkurze"]
    assert re.findall(r'class="agenda-kind">([^<]*)<', captured[0]) == ["Bod programu", "Exkurze"]
    assert [
        [str(category) for category in event["CATEGORIES"].cats]
        for event in icalendar.Calendar.from_ical(feed).walk("VEVENT")
    ] == [["Bod programu"], ["Exkurze"]]
