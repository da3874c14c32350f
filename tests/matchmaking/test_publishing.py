import itertools
import zoneinfo
from datetime import datetime, timedelta

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from modus.events.services import calendar_token
from modus.matchmaking.models import Meeting, Notification
from modus.matchmaking.services import publishing, requests, scheduling, setup
from tests.factories import ParticipantFactory
from tests.matchmaking.conftest import slots_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def organised(fair):
    """Organiser scheduling with two meetings placed by hand in the first two slots."""
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    organiser = ParticipantFactory(event=event, role="organiser")
    first = requests.accept_request(request=requests.send_request(by=anna, recipient=ben), by=ben)
    second = requests.accept_request(request=requests.send_request(by=cyril, recipient=ben), by=ben)
    slots = slots_of(session)
    publishing.move_meeting(by=organiser.person.user, meeting=first, slot=slots[0])
    publishing.move_meeting(by=organiser.person.user, meeting=second, slot=slots[1])
    return event, slots, organiser, first, second


def test_moving_books_slot_and_table(organised):
    event, slots, organiser, first, second = organised
    first.refresh_from_db()
    assert (first.slot, first.table.name) == (slots[0], "T1")
    assert set(first.seats.values_list("slot", flat=True)) == {slots[0].pk}


def test_a_move_into_a_clash_is_refused_with_the_reason(organised):
    event, slots, organiser, first, second = organised
    with pytest.raises(ValidationError, match="already has a meeting in that slot"):
        publishing.move_meeting(by=organiser.person.user, meeting=second, slot=slots[0])
    second.refresh_from_db()
    assert second.slot == slots[1]


def test_a_move_past_the_session_limit_is_refused_and_changes_nothing(organised, fair):
    event, slots, organiser, first, second = organised
    anna, ben = fair[2], fair[3]
    setup.update_settings(by=None, event=event, max_meetings_per_session=2)
    dana = ParticipantFactory(event=event)
    with_anna = requests.accept_request(
        request=requests.send_request(by=dana, recipient=anna), by=anna
    )
    with_ben = requests.accept_request(
        request=requests.send_request(by=dana, recipient=ben), by=ben
    )
    # Ben already meets Anna and Cyril in this session.
    expected = f"{ben.person} has reached the meeting limit for this session"
    with pytest.raises(ValidationError, match=expected):
        publishing.move_meeting(by=organiser.person.user, meeting=with_ben, slot=slots[2])
    with_ben.refresh_from_db()
    assert with_ben.slot is None
    publishing.move_meeting(by=organiser.person.user, meeting=with_anna, slot=slots[2])


def test_only_organisers_move_lock_and_publish(organised):
    event, slots, organiser, first, second = organised
    delegate = first.seats.first().participant.person.user
    with pytest.raises(PermissionDenied):
        publishing.move_meeting(by=delegate, meeting=first, slot=slots[3])
    with pytest.raises(PermissionDenied):
        publishing.set_locked(by=delegate, meeting=first, locked=True)
    with pytest.raises(PermissionDenied):
        publishing.publish(by=delegate, event=event, state="final")


def test_the_agenda_is_hidden_until_published_then_everyone_is_told(client, organised):
    event, slots, organiser, first, second = organised
    anna = first.request.requester
    client.force_login(anna.person.user)
    page = reverse("agenda:page", args=[event.slug])
    assert client.get(page).context["agenda"].entries == []
    publishing.publish(by=organiser.person.user, event=event, state="provisional")
    response = client.get(page)
    assert [e.key for e in response.context["agenda"].entries] == [f"meeting:{first.pk}"]
    assert response.context["agenda"].notes == [
        "This schedule is provisional: times and tables may still change."
    ]
    told = set(
        Notification.objects.filter(kind="schedule-provisional").values_list("recipient", flat=True)
    )
    assert told == {anna.pk, first.request.recipient_id, second.request.requester_id}


def test_publish_refuses_an_unknown_state(organised):
    event, slots, organiser, *_ = organised
    with pytest.raises(ValidationError):
        publishing.publish(by=organiser.person.user, event=event, state="secret")


def test_calendar_feed_lists_the_agenda_in_utc(client, organised):
    event, slots, organiser, first, second = organised
    publishing.publish(by=None, event=event, state="final")
    ben = first.request.recipient
    token = calendar_token(ben)
    assert calendar_token(ben) == token
    response = client.get(reverse("calendar", args=[token]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    feed = icalendar.Calendar.from_ical(response.content)
    starts = sorted(entry.decoded("dtstart") for entry in feed.walk("VEVENT"))
    assert starts == [slots[0].starts_at, slots[1].starts_at]
    assert client.get(reverse("calendar", args=["not-a-token"])).status_code == 404


def test_agenda_pdf_and_table_sheets(client, organised):
    event, slots, organiser, first, second = organised
    publishing.publish(by=None, event=event, state="final")
    client.force_login(first.request.recipient.person.user)
    response = client.get(reverse("agenda:pdf", args=[event.slug]))
    assert response.content.startswith(b"%PDF")
    client.force_login(organiser.person.user)
    sheets = client.get(reverse("matchmaking:tables", args=[event.slug])).context["sheets"]
    assert [(table.name, [m.pk for m in meetings]) for table, meetings in sheets] == [
        ("T1", [first.pk, second.pk])
    ]


def test_review_shows_distribution_and_who_got_nothing(client, organised):
    event, slots, organiser, first, second = organised
    dora, emil = ParticipantFactory(event=event), ParticipantFactory(event=event)
    requests.accept_request(request=requests.send_request(by=dora, recipient=emil), by=emil)
    client.force_login(organiser.person.user)
    review = client.get(reverse("matchmaking:review", args=[event.slug])).context["review"]
    assert (review.meetings, review.placed) == (3, 2)
    assert review.histogram == [(0, 2), (1, 2), (2, 1)]
    assert sorted(str(p.person) for p, _ in review.left_out) == sorted(
        [str(dora.person), str(emil.person)]
    )


def test_moves_and_locks_from_the_review_page(client, organised):
    event, slots, organiser, first, second = organised
    client.force_login(organiser.person.user)
    client.post(reverse("matchmaking:move", args=[event.slug, first.pk]), {"slot": slots[3].pk})
    client.post(reverse("matchmaking:lock", args=[event.slug, first.pk]), {"locked": "1"})
    first.refresh_from_db()
    assert (first.slot, first.locked) == (slots[3], True)
    response = client.post(
        reverse("matchmaking:move", args=[event.slug, second.pk]),
        {"slot": slots[3].pk},
        follow=True,
    )
    assert "already has a meeting in that slot" in response.content.decode()
    assert Meeting.objects.get(pk=second.pk).slot == slots[1]


def test_organiser_adds_a_session_with_a_break_and_tables(client, fair):
    event, *_ = fair
    organiser = ParticipantFactory(event=event, role="organiser")
    client.force_login(organiser.person.user)
    page = reverse("matchmaking:sessions", args=[event.slug])
    response = client.post(
        page,
        {
            "name": "Day 2 morning",
            "day": "2022-09-27",
            "start": "09:00",
            "slot_minutes": 20,
            "slot_count": 4,
            "break_after": 2,
            "break_minutes": 30,
        },
    )
    assert response.status_code == 302
    session = event.matchmaking_sessions.get(name="Day 2 morning")
    prague = [
        timezone.localtime(slot.starts_at, zoneinfo.ZoneInfo("Europe/Prague")).strftime("%H:%M")
        for slot in session.slots.order_by("position")
    ]
    assert prague == ["09:00", "09:20", "10:10", "10:30"]
    client.post(reverse("matchmaking:add-tables", args=[event.slug]), {"count": 3})
    assert list(event.tables.values_list("name", flat=True)) == ["T1", "T2", "T3", "T4", "T5"]


def test_bad_session_input_changes_nothing(client, fair):
    event, *_ = fair
    organiser = ParticipantFactory(event=event, role="organiser")
    client.force_login(organiser.person.user)
    before = event.matchmaking_sessions.count()
    page = reverse("matchmaking:sessions", args=[event.slug])
    base = {"name": "X", "day": "2022-09-26", "start": "09:00", "slot_minutes": 20, "slot_count": 4}
    response = client.post(page, base | {"day": "2030-01-01"})
    assert "Pick a day of the event." in response.content.decode()
    response = client.post(page, base | {"break_after": 4, "break_minutes": 10})
    assert "A break comes after one of the session" in response.content.decode()
    assert event.matchmaking_sessions.count() == before


def test_a_session_with_booked_meetings_cannot_be_removed(client, organised):
    event, slots, organiser, first, second = organised
    client.force_login(organiser.person.user)
    session = slots[0].session
    response = client.post(
        reverse("matchmaking:remove-session", args=[event.slug, session.pk]), follow=True
    )
    assert "Meetings are booked in this session" in response.content.decode()
    assert event.matchmaking_sessions.filter(pk=session.pk).exists()


def test_participant_sets_availability_and_the_scheduler_respects_it(client, fair):
    event, session, anna, ben, cyril = fair
    slots = slots_of(session)
    client.force_login(anna.person.user)
    client.post(
        reverse("matchmaking:availability", args=[event.slug]),
        {"away": [slots[0].pk, slots[1].pk, slots[2].pk]},
    )
    assert sorted(anna.unavailable_slots.values_list("slot_id", flat=True)) == [
        s.pk for s in slots[:3]
    ]
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    meeting = requests.accept_request(request=requests.send_request(by=anna, recipient=ben), by=ben)
    instance, _ = scheduling.build_instance(event)
    people = {p.id: p.available for p in instance.participants}
    assert people[str(anna.pk)] == frozenset({str(slots[3].pk)})
    assert people[str(ben.pk)] is None
    with pytest.raises(ValidationError, match="not available in that slot"):
        publishing.move_meeting(by=None, meeting=meeting, slot=slots[0])


def test_slots_keep_their_length_across_a_clock_change(fair):
    event, *_ = fair
    prague = zoneinfo.ZoneInfo("Europe/Prague")
    # Summer time ends at 03:00 on 30 October 2022: the night has an hour twice.
    session = setup.add_session(
        by=None,
        event=event,
        name="Night owls",
        starts_at=datetime(2022, 10, 30, 1, 40, tzinfo=prague),
        slot_minutes=20,
        slot_count=6,
    )
    lengths = {slot.ends_at - slot.starts_at for slot in session.slots.all()}
    starts = [slot.starts_at for slot in session.slots.order_by("position")]
    assert lengths == {timedelta(minutes=20)}
    steps = {later - earlier for earlier, later in itertools.pairwise(starts)}
    assert steps == {timedelta(minutes=20)}


@pytest.fixture
def mixed(fair):
    """Participants pick slots: Anna and Ben picked the first one; Cyril and Ben's meeting
    the organiser then moved by hand to the third. The schedule is a draft."""
    event, session, anna, ben, cyril = fair
    organiser = ParticipantFactory(event=event, role="organiser")
    slots = slots_of(session)
    picked = requests.accept_request(
        request=requests.send_request(by=anna, recipient=ben), by=ben, slot=slots[0]
    )
    moved = requests.accept_request(
        request=requests.send_request(by=cyril, recipient=ben), by=ben, slot=slots[1]
    )
    publishing.move_meeting(by=organiser.person.user, meeting=moved, slot=slots[2])
    return event, slots, organiser, ben, picked, moved


DRAFTING = (
    "The organisers are drafting the schedule; you will see the time and table here once "
    "they publish it."
)


def test_a_draft_shows_participants_only_the_slots_they_picked(client, mixed):
    event, slots, organiser, ben, picked, moved = mixed
    client.force_login(ben.person.user)
    inbox = client.get(reverse("matchmaking:inbox", args=[event.slug]))
    assert [(m.pk, m.visible) for m in inbox.context["box"].meetings] == [
        (picked.pk, True),
        (moved.pk, False),
    ]
    assert inbox.content.decode().count(DRAFTING) == 1
    agenda = client.get(reverse("agenda:page", args=[event.slug]))
    assert [e.key for e in agenda.context["agenda"].entries] == [f"meeting:{picked.pk}"]
    assert agenda.context["agenda"].notes == [
        "The organisers are drafting the time and table of 1 of your meetings; it appears "
        "here once they publish the schedule. You will get a notification."
    ]
    pdf = client.get(reverse("agenda:pdf", args=[event.slug]))
    assert [e.key for e in pdf.context["agenda"].entries] == [f"meeting:{picked.pk}"]
    feed = icalendar.Calendar.from_ical(
        client.get(reverse("calendar", args=[calendar_token(ben)])).content
    )
    assert [entry.decoded("dtstart") for entry in feed.walk("VEVENT")] == [slots[0].starts_at]


def test_once_published_participants_see_every_placed_meeting(client, mixed):
    event, slots, organiser, ben, picked, moved = mixed
    publishing.publish(by=organiser.person.user, event=event, state="provisional")
    client.force_login(ben.person.user)
    inbox = client.get(reverse("matchmaking:inbox", args=[event.slug]))
    assert [m.visible for m in inbox.context["box"].meetings] == [True, True]
    agenda = client.get(reverse("agenda:page", args=[event.slug]))
    assert [e.key for e in agenda.context["agenda"].entries] == [
        f"meeting:{picked.pk}",
        f"meeting:{moved.pk}",
    ]
    assert agenda.context["agenda"].notes == [
        "This schedule is provisional: times and tables may still change."
    ]
    feed = icalendar.Calendar.from_ical(
        client.get(reverse("calendar", args=[calendar_token(ben)])).content
    )
    starts = sorted(entry.decoded("dtstart") for entry in feed.walk("VEVENT"))
    assert starts == [slots[0].starts_at, slots[2].starts_at]


def test_the_review_page_says_what_participants_see_of_a_draft(client, mixed):
    event, slots, organiser, *_ = mixed
    client.force_login(organiser.person.user)
    response = client.get(reverse("matchmaking:review", args=[event.slug]))
    text = response.content.decode()
    # Said once, in the note under the state, not in the state's name too.
    assert "Schedule: Draft.</p>" in text
    assert text.count("see only the meetings they booked") + text.count("already see the") == 1
    assert "Draft: only organisers see the schedule" not in text
