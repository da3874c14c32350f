"""The organiser's meeting schedule in Chromium: sessions and tables, the scheduler,
review, moves and locks, publishing, and a participant's agenda, PDF and calendar feed."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from playwright.sync_api import Page, expect

from modus.events.models import Event, Participant
from modus.matchmaking.models import (
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Notification,
    ScheduleRun,
    Slot,
)
from modus.matchmaking.services import publishing, requests, setup
from tests.browser.helpers import named_participant, switch_to
from tests.factories import EventFactory, ParticipantFactory
from tests.matchmaking.helpers import event_with_day_1, meet

pytestmark = pytest.mark.django_db(transaction=True)

PRAGUE = "Europe/Prague"
# Generous: a scheduler run takes its whole time limit on a shared machine.
SCHEDULER_WAIT = 60_000


@dataclass
class Fair:
    """One session of four 20-minute slots from 14:00 Prague time (12:00 UTC), two tables;
    the organiser schedules. Anna asked to meet five people and Ben asked Cyril: six
    accepted meetings, waiting for a slot, and Anna can sit at only four of them."""

    event: Event
    session: MatchmakingSession
    organiser: Participant
    people: dict[str, Participant]
    meetings: dict[str, Meeting]

    def url(self, path: str) -> str:
        return f"/events/{self.event.slug}/{path}"

    def slot(self, position: int) -> Slot:
        return self.session.slots.get(position=position)


DELEGATES = (
    ("Anna", "Novak", "Novak Optics"),
    ("Ben", "Richter", "Richter Lasers"),
    ("Cyril", "Dvorak", "Dvorak Machining"),
    ("Dana", "Kral", "Kral Sensors"),
    ("Emil", "Svoboda", "Svoboda Robotics"),
    ("Fred", "Horak", "Horak Photonics"),
)
PAIRS = (
    ("Anna", "Ben"),
    ("Anna", "Cyril"),
    ("Anna", "Dana"),
    ("Anna", "Emil"),
    ("Anna", "Fred"),
    ("Ben", "Cyril"),
)


@pytest.fixture
def fair() -> Fair:
    event, session = event_with_day_1(name="Laser Days")
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    organiser = ParticipantFactory(
        event=event, role="organiser", person__first_name="Olga", person__last_name="Org"
    )
    people = {
        first: named_participant(event, first, last, organisation)
        for first, last, organisation in DELEGATES
    }
    meetings = {
        f"{requester}-{recipient}": meet(people[requester], people[recipient])
        for requester, recipient in PAIRS
    }
    return Fair(event, session, organiser, people, meetings)


@pytest.fixture
def placed(fair: Fair) -> Fair:
    """Five of the six meetings placed by hand; Anna and Fred still wait.

    14:00 Anna–Ben, 14:20 Anna–Cyril, 14:40 Anna–Dana and Ben–Cyril, 15:00 Anna–Emil."""
    for key, position in (
        ("Anna-Ben", 0),
        ("Anna-Cyril", 1),
        ("Anna-Dana", 2),
        ("Ben-Cyril", 2),
        ("Anna-Emil", 3),
    ):
        publishing.move_meeting(by=None, meeting=fair.meetings[key], slot=fair.slot(position))
    return fair


def schedule_row(page: Page, *names: str):
    rows = page.get_by_test_id("schedule").locator("tbody tr")
    for name in names:
        rows = rows.filter(has_text=name)
    return rows


def agenda_items(page: Page):
    return page.get_by_test_id("agenda").locator("> li")


ANNAS_AGENDA = [
    "Monday 26 September",
    "Mon 26 Sep 14:00–14:20 · Meeting · Table T1 Meeting with Ben Richter (Richter Lasers) Day 1",
    "Mon 26 Sep 14:20–14:40 · Meeting · Table T1 "
    "Meeting with Cyril Dvorak (Dvorak Machining) Day 1",
    "Mon 26 Sep 14:40–15:00 · Meeting · Table T1 Meeting with Dana Kral (Kral Sensors) Day 1",
    "Mon 26 Sep 15:00–15:20 · Meeting · Table T1 "
    "Meeting with Emil Svoboda (Svoboda Robotics) Day 1",
]
NOT_PUBLISHED = (
    "The organisers are drafting the times and tables of 4 of your meetings; they appear "
    "here once they publish the schedule. You will get a notification."
)
PROVISIONAL = "This schedule is provisional: times and tables may still change."


def test_configuring_a_session_with_a_break_and_tables(page, sign_in):
    event = EventFactory(name="Laser Days", time_zone=PRAGUE)
    organiser = ParticipantFactory(event=event, role="organiser")
    sign_in(organiser.person.user)
    page.goto(f"/events/{event.slug}/manage/matchmaking/")
    page.get_by_role("link", name="Sessions and tables").click()
    expect(page.get_by_role("heading", name="Sessions and tables", level=1)).to_be_visible()
    sessions = page.get_by_test_id("sessions")
    expect(sessions.locator("li")).to_have_text(["No sessions yet."])
    expect(page.get_by_text("Times in Europe/Prague.")).to_be_visible()
    page.get_by_label("Name").fill("Tuesday morning")
    page.get_by_label("Day").fill("2022-09-27")
    page.get_by_label("Start").fill("09:30")
    page.get_by_label("Slot length (minutes)").fill("20")
    page.get_by_label("Number of slots").fill("6")
    page.get_by_label("Break after slot").fill("3")
    page.get_by_label("Break length (minutes)").fill("15")
    page.get_by_role("button", name="Add session").click()
    expect(page.get_by_text("Session added.")).to_be_visible()
    session = page.get_by_test_id("sessions").locator("li")
    expect(session.locator("strong")).to_have_text(["Tuesday morning"])
    expect(session.locator("div")).to_have_text(
        [
            "Tue 27 Sep 2022, 09:30 · 6 slots of 20 minutes",
            "09:30 · 09:50 · 10:10 · 10:45 · 11:05 · 11:25",
        ]
    )
    stored = MatchmakingSession.objects.get(event=event)
    assert (stored.name, stored.slot_minutes, stored.slot_count) == ("Tuesday morning", 20, 6)
    # 09:30 in Prague is 07:30 UTC in summer time.
    assert [(s.starts_at, s.ends_at) for s in stored.slots.order_by("position")] == [
        (datetime(2022, 9, 27, hour, minute, tzinfo=UTC), datetime(2022, 9, 27, *end, tzinfo=UTC))
        for (hour, minute), end in (
            ((7, 30), (7, 50)),
            ((7, 50), (8, 10)),
            ((8, 10), (8, 30)),
            ((8, 45), (9, 5)),
            ((9, 5), (9, 25)),
            ((9, 25), (9, 45)),
        )
    ]
    tables = page.get_by_test_id("tables")
    expect(tables.get_by_role("heading")).to_have_text("0 tables")
    tables.get_by_label("Tables to add").fill("3")
    tables.get_by_role("button", name="Add tables").click()
    expect(page.get_by_text("Tables added.")).to_be_visible()
    expect(page.get_by_test_id("tables").get_by_role("heading")).to_have_text("3 tables")
    assert list(event.tables.order_by("pk").values_list("name", flat=True)) == ["T1", "T2", "T3"]
    page.get_by_role("link", name="Matchmaking").click()
    expect(page.get_by_test_id("figures").locator("p")).to_have_text(
        "1 session, 3 tables. Sessions and tables"
    )


def test_a_day_outside_the_event_is_refused(page, sign_in):
    event = EventFactory(name="Laser Days", time_zone=PRAGUE)
    organiser = ParticipantFactory(event=event, role="organiser")
    sign_in(organiser.person.user)
    page.goto(f"/events/{event.slug}/manage/matchmaking/sessions/")
    page.get_by_label("Name").fill("Too late")
    page.get_by_label("Day").fill("2022-09-28")
    page.get_by_label("Start").fill("09:30")
    page.get_by_role("button", name="Add session").click()
    expect(page.get_by_text("Pick a day of the event.")).to_be_visible()
    expect(page.get_by_test_id("sessions").locator("li")).to_have_text(["No sessions yet."])
    assert not MatchmakingSession.objects.filter(event=event).exists()


def test_running_the_scheduler_places_the_waiting_meetings(page, sign_in, fair):
    sign_in(fair.organiser.person.user)
    page.goto(fair.url("manage/matchmaking/"))
    scheduler = page.get_by_test_id("scheduler")
    expect(scheduler.locator("p").first).to_contain_text("6 accepted meetings wait for a slot.")
    expect(scheduler.get_by_test_id("run")).to_have_count(0)
    scheduler.get_by_label("Time limit (seconds)").fill("5")
    scheduler.get_by_role("button", name="Run the scheduler").click()
    expect(page.get_by_text("The scheduler is running; this page shows its result.")).to_be_visible(
        timeout=SCHEDULER_WAIT
    )
    run = page.get_by_test_id("scheduler").get_by_test_id("run")
    expect(run).to_have_count(1)
    cells = run.locator("td")
    expect(cells.nth(1)).to_have_text("Done")
    # Anna can sit at four of her five meetings; Ben and Cyril meet too: five at most.
    expect(cells.nth(2)).to_have_text(
        re.compile(r"^5 of at most 5 possible \(6 meetings\)( · proven optimal)?$")
    )
    expect(page.get_by_test_id("figures").locator("li").last).to_have_text(
        "Waiting for the scheduler: 1"
    )
    stored = ScheduleRun.objects.get()
    assert (stored.status, stored.meetings, stored.placed, stored.bound, stored.time_limit) == (
        "done",
        6,
        5,
        5,
        5,
    )
    meetings = Meeting.objects.filter(event=fair.event).select_related("slot", "table")
    assert sum(1 for m in meetings if m.slot_id) == 5
    waiting = [m for m in meetings if m.slot_id is None]
    assert len(waiting) == 1 and waiting[0].table is None
    # The one left waiting is one of Anna's.
    assert waiting[0].pk in {m.pk for key, m in fair.meetings.items() if key.startswith("Anna-")}
    for meeting in meetings:
        seats = list(meeting.seats.all())
        assert {seat.slot_id for seat in seats} == {meeting.slot_id}
    placed = [m for m in meetings if m.slot_id]
    # Nobody is in two meetings at once, and no table holds two meetings at once.
    seats = [(s.participant_id, s.slot_id) for m in placed for s in m.seats.all()]
    assert len(seats) == len(set(seats))
    tables = [(m.slot_id, m.table_id) for m in placed]
    assert None not in {t for _, t in tables} and len(tables) == len(set(tables))
    page.get_by_role("link", name="Review, adjust and publish the schedule").click()
    expect(page.get_by_test_id("review").locator("p strong")).to_have_text(
        "5 of 6 accepted meetings have a slot."
    )


def test_reviewing_moving_and_locking_meetings(page, sign_in, placed):
    fair = placed
    sign_in(fair.organiser.person.user)
    page.goto(fair.url("manage/matchmaking/"))
    page.get_by_role("link", name="Review, adjust and publish the schedule").click()
    review = page.get_by_test_id("review")
    expect(review.locator("p").first).to_have_text(
        "5 of 6 accepted meetings have a slot. Schedule: Draft."
    )
    expect(review.get_by_role("heading", name="Meetings per person")).to_be_visible()
    # Fred has none placed, Dana and Emil one, Ben and Cyril two, Anna four.
    expect(review.locator("table.histogram tbody tr")).to_have_text(["0 1", "1 2", "2 2", "4 1"])
    expect(
        review.get_by_role("heading", name="1 person has accepted meetings but none placed")
    ).to_be_visible()
    expect(review.get_by_test_id("left-out").locator("li")).to_have_text(
        ["Fred Horak: no slot in which both are free, under their limits, with a table free"]
    )
    ben_cyril = schedule_row(page, "Ben Richter", "Cyril Dvorak")
    expect(ben_cyril.locator("td").first).to_have_text("Mon 26 Sep 14:40")
    expect(ben_cyril.locator("td").nth(1)).to_have_text("T2")
    expect(schedule_row(page, "Fred Horak").locator("td").first).to_have_text("waiting")
    # The rows carry no slot list: Move opens a dialog that fetches this meeting's.
    expect(page.get_by_test_id("schedule").locator("select")).to_have_count(0)
    ben_cyril.get_by_role("link", name="Move…").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Move the meeting")
    expect(dialog.locator("p").first).to_have_text("Ben Richter · Cyril Dvorak")
    move_to = dialog.get_by_label("Move to")
    expect(move_to.locator("option")).to_have_text(
        [
            f"Mon 26 Sep {time} (Day 1)"
            for time in ("14:00–14:20", "14:20–14:40", "14:40–15:00", "15:00–15:20")
        ]
    )
    expect(move_to).to_have_value(str(fair.slot(2).pk))
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("dialog")).to_have_count(0)

    ben_cyril.get_by_role("link", name="Move…").click()
    page.get_by_role("dialog").get_by_label("Move to").select_option(str(fair.slot(3).pk))
    page.get_by_role("dialog").get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("Meeting moved.")).to_be_visible()
    ben_cyril = schedule_row(page, "Ben Richter", "Cyril Dvorak")
    expect(ben_cyril.locator("td").first).to_have_text("Mon 26 Sep 15:00")
    expect(ben_cyril.locator("td").nth(1)).to_have_text("T2")
    moved = Meeting.objects.get(pk=fair.meetings["Ben-Cyril"].pk)
    assert (moved.slot, moved.table.name) == (fair.slot(3), "T2")
    assert set(moved.seats.values_list("slot", flat=True)) == {fair.slot(3).pk}

    fred = schedule_row(page, "Fred Horak")
    fred.get_by_role("link", name="Move…").click()
    page.get_by_role("dialog").get_by_label("Move to").select_option(str(fair.slot(0).pk))
    page.get_by_role("dialog").get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("Anna Novak already has a meeting in that slot.")).to_be_visible()
    expect(page.get_by_text("Meeting moved.")).to_have_count(0)
    expect(schedule_row(page, "Fred Horak").locator("td").first).to_have_text("waiting")
    waiting = Meeting.objects.get(pk=fair.meetings["Anna-Fred"].pk)
    assert (waiting.slot, waiting.table) == (None, None)
    expect(page.get_by_test_id("review").locator("p strong")).to_have_text(
        "5 of 6 accepted meetings have a slot."
    )

    # Filters: a table, then one person's meetings by their name; moves keep the filter.
    filters = page.get_by_test_id("review-filters")
    filters.get_by_label("Table").select_option(label="T2")
    filters.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("meeting-count")).to_have_text("1 meeting")
    expect(schedule_row(page).locator("td:nth-child(2)")).to_have_text(["T2"])
    expect(schedule_row(page, "Ben Richter", "Cyril Dvorak")).to_have_count(1)
    page.get_by_role("link", name="Clear filters").click()
    expect(page.get_by_test_id("meeting-count")).to_have_text("6 meetings")
    schedule_row(page, "Fred Horak").get_by_role("link", name="Fred Horak").click()
    expect(page.get_by_test_id("person-filter")).to_have_text(
        "Meetings of Fred Horak. Show everyone's"
    )
    expect(schedule_row(page)).to_have_count(1)
    schedule_row(page, "Fred Horak").get_by_role("button", name="Lock").click()
    expect(page.get_by_test_id("person-filter")).to_be_visible()
    expect(schedule_row(page)).to_have_count(1)
    schedule_row(page, "Fred Horak").get_by_role("button", name="Unlock").click()
    page.get_by_role("link", name="Show everyone's").click()
    expect(page.get_by_test_id("meeting-count")).to_have_text("6 meetings")

    anna_ben = schedule_row(page, "Anna Novak", "Ben Richter")
    expect(anna_ben.locator("td").nth(2)).to_have_text("Anna Novak · Ben Richter")
    anna_ben.get_by_role("button", name="Lock").click()
    anna_ben = schedule_row(page, "Anna Novak", "Ben Richter")
    expect(anna_ben.get_by_role("button", name="Unlock")).to_be_visible()
    expect(anna_ben.locator("td").nth(2)).to_have_text("Anna Novak · Ben Richter")
    expect(anna_ben.get_by_role("img", name="locked in place")).to_be_visible()
    assert list(Meeting.objects.filter(locked=True).values_list("pk", flat=True)) == [
        fair.meetings["Anna-Ben"].pk
    ]
    anna_ben.get_by_role("button", name="Unlock").click()
    expect(
        schedule_row(page, "Anna Novak", "Ben Richter").get_by_role("button", name="Lock")
    ).to_be_visible()
    assert not Meeting.objects.filter(locked=True).exists()

    page.get_by_role("link", name="Table sheets").click()
    sheets = page.locator("section.table-sheet")
    expect(sheets.get_by_role("heading")).to_have_text(
        ["Table T1 · Laser Days", "Table T2 · Laser Days"]
    )
    expect(sheets.nth(1).locator("tr td")).to_have_text(
        ["Mon 15:00–15:20", "Ben Richter (Richter Lasers) · Cyril Dvorak (Dvorak Machining)"]
    )
    expect(sheets.nth(0).locator("tr td:first-child")).to_have_text(
        ["Mon 14:00–14:20", "Mon 14:20–14:40", "Mon 14:40–15:00", "Mon 15:00–15:20"]
    )


def test_publishing_shows_the_agenda_and_tells_the_participants(page, sign_in, placed):
    fair = placed
    anna = fair.people["Anna"]
    sign_in(anna.person.user)
    page.goto(fair.url("agenda/"))
    expect(page.get_by_role("heading", name="My agenda", level=1)).to_be_visible()
    # The scheduler placed all four of her meetings: none is shown until published.
    expect(page.get_by_test_id("agenda-note")).to_have_text(NOT_PUBLISHED)
    expect(agenda_items(page)).to_have_text(["Nothing in your agenda yet."])

    switch_to(page, sign_in, fair.organiser)
    page.goto(fair.url("manage/schedule/"))
    page.get_by_role("button", name="Publish as provisional").click()
    expect(page.get_by_text("The schedule is published.")).to_be_visible()
    expect(page.get_by_test_id("review").locator("p").first).to_contain_text(
        "Schedule: Provisional: participants see it, it may change."
    )
    assert setup.settings_for(fair.event).schedule_state == "provisional"

    switch_to(page, sign_in, anna)
    page.goto(fair.url("agenda/"))
    expect(page.get_by_text(PROVISIONAL)).to_be_visible()
    expect(page.get_by_text(NOT_PUBLISHED)).to_have_count(0)
    expect(agenda_items(page)).to_have_text(ANNAS_AGENDA)

    switch_to(page, sign_in, fair.organiser)
    page.goto(fair.url("manage/schedule/"))
    page.get_by_role("button", name="Publish as final").click()
    expect(page.get_by_text("The schedule is published.")).to_be_visible()
    expect(page.get_by_test_id("review").locator("p").first).to_contain_text("Schedule: Final.")
    assert setup.settings_for(fair.event).schedule_state == "final"

    switch_to(page, sign_in, anna)
    page.goto(fair.url("agenda/"))
    expect(agenda_items(page)).to_have_text(ANNAS_AGENDA)
    expect(page.get_by_text(PROVISIONAL)).to_have_count(0)
    page.get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    expect(page.locator(".results li.unread a").first).to_have_text(
        "Your final meeting agenda is ready."
    )
    expect(page.get_by_role("link", name="Your final meeting agenda is ready.")).to_have_count(1)
    expect(
        page.get_by_role(
            "link", name="Your provisional meeting agenda is ready; it may still change."
        )
    ).to_have_count(1)
    # Everyone with a placed meeting is told once per publishing; Fred, with none, is not.
    for kind in ("schedule-provisional", "schedule-final"):
        told = sorted(
            Notification.objects.filter(kind=kind).values_list(
                "recipient__person__first_name", flat=True
            )
        )
        assert told == ["Anna", "Ben", "Cyril", "Dana", "Emil"]
    page.get_by_role("link", name="Your final meeting agenda is ready.").click()
    expect(page.get_by_role("heading", name="My agenda", level=1)).to_be_visible()


def test_the_agenda_downloads_as_pdf_and_feeds_a_calendar(page, sign_in, placed, live_server):
    fair = placed
    publishing.publish(by=None, event=fair.event, state="final")
    sign_in(fair.people["Anna"].person.user)
    page.goto(fair.url("agenda/"))
    expect(agenda_items(page)).to_have_text(ANNAS_AGENDA)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename == f"{fair.event.slug}-agenda.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    address = page.get_by_label("Calendar address")
    expect(address).to_have_value(
        re.compile(rf"^{re.escape(live_server.url)}/calendar/[\w-]{{20,}}\.ics$")
    )
    response = page.request.get(address.input_value())
    assert response.ok
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    feed = icalendar.Calendar.from_ical(response.body())
    entries = [
        (str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend"), str(e["location"]))
        for e in feed.walk("VEVENT")
    ]
    first = datetime(2022, 9, 26, 12, 0, tzinfo=UTC)
    assert sorted(entries, key=lambda entry: entry[1]) == [
        (
            f"Meeting with {name}",
            first + timedelta(minutes=20 * position),
            first + timedelta(minutes=20 * position + 20),
            "Table T1",
        )
        for position, name in enumerate(
            (
                "Ben Richter (Richter Lasers)",
                "Cyril Dvorak (Dvorak Machining)",
                "Dana Kral (Kral Sensors)",
                "Emil Svoboda (Svoboda Robotics)",
            )
        )
    ]


def run_the_scheduler(page: Page, fair: Fair) -> None:
    page.goto(fair.url("manage/matchmaking/"))
    page.get_by_label("Time limit (seconds)").fill("5")
    page.get_by_role("button", name="Run the scheduler").click()
    expect(page.get_by_test_id("run").locator("td").nth(1)).to_have_text(
        "Done", timeout=SCHEDULER_WAIT
    )


def test_the_scheduler_keeps_to_the_meetings_per_person_limit(page, sign_in, fair):
    setup.update_settings(by=None, event=fair.event, max_meetings_per_session=3)
    sign_in(fair.organiser.person.user)
    run_the_scheduler(page, fair)
    anna = fair.people["Anna"]
    assert anna.seats.filter(active=True, slot__isnull=False).count() <= 3


def test_the_scheduler_keeps_to_the_sessions_a_request_named(page, sign_in, fair):
    day_2 = setup.add_session(
        by=None,
        event=fair.event,
        name="Day 2",
        starts_at=datetime(2022, 9, 27, 7, 0, tzinfo=UTC),
        slot_count=4,
    )
    Meeting.objects.filter(event=fair.event).delete()
    MeetingRequest.objects.filter(event=fair.event).delete()
    emil = fair.people["Emil"]
    # Emil is busy throughout Day 2 ...
    for position, name in enumerate(("Anna", "Ben", "Cyril", "Fred")):
        request = requests.send_request(by=fair.people[name], recipient=emil)
        meeting = requests.accept_request(request=request, by=emil)
        publishing.move_meeting(by=None, meeting=meeting, slot=day_2.slots.get(position=position))
    # ... so Dana's request for a meeting on Day 2 only cannot be placed.
    request = requests.send_request(by=fair.people["Dana"], recipient=emil, sessions=[day_2])
    meeting = requests.accept_request(request=request, by=emil)
    sign_in(fair.organiser.person.user)
    run_the_scheduler(page, fair)
    meeting.refresh_from_db()
    assert meeting.slot is None or meeting.slot.session == day_2, meeting.slot
