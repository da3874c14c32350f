"""Exhibitors' stands as meeting points: set-up, booking, the scheduler, moves and display."""

import re

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from modus.common.models import AuditEntry
from modus.events.pickers import participant_label
from modus.matchmaking.agenda import place
from modus.matchmaking.forms import StandForm
from modus.matchmaking.models import Meeting, Notification, Table
from modus.matchmaking.notices import describe
from modus.matchmaking.schedule_views import STANDS_PAGE_SIZE
from modus.matchmaking.scheduling.feasibility import check
from modus.matchmaking.scheduling.solver import solve
from modus.matchmaking.selectors import free_slots
from modus.matchmaking.services import publishing, requests, scheduling, setup
from tests.factories import EventFactory, ParticipantFactory
from tests.matchmaking.conftest import slots_of
from tests.matchmaking.helpers import meet
from tests.matchmaking.test_scheduling_service import check_booked

pytestmark = pytest.mark.django_db

# The sessions page's queries, the same whatever the number of exhibitors and stands.
SESSIONS_PAGE_QUERIES = 10


@pytest.fixture
def expo(fair):
    """The fair (pool tables T1 and T2) with an organiser and an exhibitor holding stand S1."""
    event, session, anna, ben, cyril = fair
    organiser = ParticipantFactory(event=event, role="organiser")
    exhibitor = ParticipantFactory(
        event=event, role="exhibitor", person__organisation__name="Novak Optics"
    )
    stand = setup.add_stand(by=organiser.person.user, event=event, name="S1", host=exhibitor)
    return event, session, organiser, exhibitor, stand, (anna, ben, cyril)


def pair(event):
    return ParticipantFactory(event=event), ParticipantFactory(event=event)


# Set-up


def test_an_organiser_adds_a_stand_for_an_exhibitor(expo):
    event, _, organiser, exhibitor, stand, _ = expo
    assert (stand.name, stand.host, stand.is_stand) == ("S1", exhibitor, True)
    entry = AuditEntry.objects.get(action="matchmaking.stand_added")
    assert (entry.actor, entry.object_id, entry.data) == (
        organiser.person.user,
        str(stand.pk),
        {"host": exhibitor.pk, "moved": 0},
    )


def test_only_organisers_add_and_remove_stands(expo):
    event, _, _, exhibitor, stand, (anna, *_) = expo
    with pytest.raises(PermissionDenied):
        setup.add_stand(by=anna.person.user, event=event, name="S2", host=anna)
    with pytest.raises(PermissionDenied):
        setup.remove_stand(by=anna.person.user, stand=stand)
    assert list(event.tables.filter(host__isnull=False)) == [stand]


@pytest.mark.parametrize(
    ("name", "host", "error"),
    [
        ("S2", "outsider", "Pick a participant of this event."),
        ("S2", "exhibitor", "{exhibitor} already has a stand."),
        ("T1", "anna", "There is already a table or stand called T1."),
        (" S1 ", "anna", "There is already a table or stand called S1."),
        ("  ", "anna", "This field cannot be blank."),
    ],
)
def test_bad_stand_input_is_refused_and_writes_nothing(expo, name, host, error):
    event, _, organiser, exhibitor, _, (anna, *_) = expo
    hosts = {"outsider": ParticipantFactory(), "exhibitor": exhibitor, "anna": anna}
    tables = list(event.tables.values_list("pk", "name", "host"))
    audited = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        setup.add_stand(by=organiser.person.user, event=event, name=name, host=hosts[host])
    assert refused.value.messages == [error.format(exhibitor=exhibitor.person.full_name)]
    assert list(event.tables.values_list("pk", "name", "host")) == tables
    assert AuditEntry.objects.count() == audited


def test_adding_a_stand_moves_the_holders_booked_meetings_there(fair):
    event, session, anna, ben, cyril = fair
    first, second = slots_of(session)[:2]
    booked = [meet(anna, ben, first), meet(ben, cyril, second)]
    assert [m.table.name for m in booked] == ["T1", "T1"]
    stand = setup.add_stand(by=None, event=event, name="S1", host=ben)
    assert [Meeting.objects.get(pk=m.pk).table for m in booked] == [stand, stand]
    assert AuditEntry.objects.get(action="matchmaking.stand_added").data["moved"] == 2


def told_new_place() -> list[tuple[int, str]]:
    # By key: "recipient" alone would follow the participant's ordering, by name, and the
    # factories' names sort otherwise once their numbers reach four digits.
    notices = Notification.objects.filter(kind="meeting-new-place").order_by("recipient_id", "pk")
    return [(n.recipient_id, describe(n.kind, n.data)) for n in notices]


def test_people_are_told_when_a_new_stand_takes_their_meeting(fair):
    event, session, anna, ben, cyril = fair
    meet(anna, ben, slots_of(session)[0])
    setup.add_stand(by=None, event=event, name="S1", host=ben)
    told = told_new_place()
    assert [pk for pk, _ in told] == sorted([anna.pk, ben.pk])
    assert all(" is now at stand S1." in text for _, text in told)
    assert f"Your meeting with {ben.person} at " in told[[pk for pk, _ in told].index(anna.pk)][1]


def test_nobody_is_told_while_the_organisers_schedule_is_a_draft(fair):
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    # Placed by the organiser: its people see it once the schedule is published.
    publishing.move_meeting(by=None, meeting=meet(anna, ben), slot=slots_of(session)[0])
    setup.add_stand(by=None, event=event, name="S1", host=ben)
    assert Meeting.objects.get().table.name == "S1"
    assert told_new_place() == []


def test_a_meeting_in_a_slot_its_people_picked_is_theirs_to_be_told_of(fair):
    event, session, anna, ben, cyril = fair
    meet(anna, ben, slots_of(session)[0])
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    setup.add_stand(by=None, event=event, name="S1", host=ben)
    assert [pk for pk, _ in told_new_place()] == sorted([anna.pk, ben.pk])


def test_new_pool_tables_are_numbered_past_the_stands(expo):
    event, *_ = expo
    setup.add_stand(by=None, event=event, name="T3", host=ParticipantFactory(event=event))
    setup.add_tables(by=None, event=event, count=2)
    assert list(event.tables.filter(host=None).values_list("name", flat=True)) == [
        "T1",
        "T2",
        "T4",
        "T5",
    ]


def test_removing_a_stand_moves_its_meetings_to_free_tables(expo):
    event, session, organiser, exhibitor, stand, (anna, ben, _) = expo
    meeting = meet(anna, exhibitor, slots_of(session)[0])
    assert meeting.table == stand
    cancelled = meet(ben, exhibitor, slots_of(session)[1])
    requests.cancel_meeting(meeting=cancelled, by=ben)
    setup.remove_stand(by=organiser.person.user, stand=stand)
    assert not Table.objects.filter(pk=stand.pk).exists()
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table.name) == (slots_of(session)[0], "T1")
    entry = AuditEntry.objects.get(action="matchmaking.stand_removed")
    assert entry.data == {"host": exhibitor.pk, "moved": [meeting.pk]}
    told = told_new_place()
    assert [pk for pk, _ in told] == sorted([anna.pk, exhibitor.pk])
    assert all(text.endswith(" is now at table T1.") for _, text in told)


def test_a_stand_whose_meeting_finds_no_other_table_stays(expo):
    event, session, organiser, exhibitor, stand, (anna, ben, cyril) = expo
    slot = slots_of(session)[0]
    at_stand = meet(anna, exhibitor, slot)
    meet(ben, cyril, slot)
    meet(*pair(event), slot)
    with pytest.raises(ValidationError) as refused:
        setup.remove_stand(by=organiser.person.user, stand=stand)
    assert "No other table is free" in refused.value.messages[0]
    assert Table.objects.get(pk=stand.pk).host == exhibitor
    assert Meeting.objects.get(pk=at_stand.pk).table == stand
    assert not AuditEntry.objects.filter(action="matchmaking.stand_removed").exists()


def test_only_a_stand_is_removed_as_one(expo):
    event, *_ = expo
    with pytest.raises(ValidationError):
        setup.remove_stand(by=None, stand=event.tables.get(name="T1"))
    assert event.tables.filter(name="T1").exists()


# Booking by participants


def test_accepting_a_request_with_a_stand_holder_books_the_stand(expo):
    event, session, _, exhibitor, stand, (anna, *_) = expo
    meeting = meet(anna, exhibitor, slots_of(session)[2])
    assert meeting.table == stand
    # The requester learns of the acceptance and the place in one notification.
    accepted = Notification.objects.get(recipient=anna, kind="request-accepted")
    booked = Notification.objects.get(recipient=exhibitor, kind="meeting-booked")
    assert describe(accepted.kind, accepted.data).endswith(", stand S1.")
    assert describe(booked.kind, booked.data).endswith(", stand S1.")


def test_a_stand_holder_meets_at_the_stand_even_when_the_pool_is_full(expo):
    event, session, _, exhibitor, stand, (anna, ben, cyril) = expo
    slot = slots_of(session)[0]
    meet(ben, cyril, slot), meet(*pair(event), slot)
    assert slot in free_slots(anna, exhibitor)
    assert meet(anna, exhibitor, slot).table == stand


def test_others_take_the_pool_first_and_a_stand_only_when_the_pool_is_full(expo):
    event, session, _, exhibitor, stand, (anna, ben, cyril) = expo
    slot = slots_of(session)[0]
    assert [meet(*pair(event), slot).table.name for _ in range(3)] == ["T1", "T2", "S1"]
    # The stand is lent out now: its holder cannot meet in that slot any more.
    assert slot not in free_slots(anna, exhibitor)
    with pytest.raises(ValidationError) as refused:
        meet(anna, exhibitor, slot)
    assert refused.value.messages == ["No table is free in this slot; pick another."]


def test_a_stand_whose_holder_meets_then_is_not_lent(expo):
    event, session, _, exhibitor, stand, (anna, ben, cyril) = expo
    slot = slots_of(session)[0]
    meet(anna, exhibitor, slot), meet(ben, cyril, slot), meet(*pair(event), slot)
    first, second = pair(event)
    assert slot not in free_slots(first, second)
    with pytest.raises(ValidationError):
        meet(first, second, slot)
    assert Meeting.objects.filter(slot=slot).count() == 3


def test_two_stand_holders_meet_at_the_lower_keys_stand(expo):
    event, session, _, exhibitor, stand, _ = expo
    other = ParticipantFactory(event=event, role="exhibitor")
    setup.add_stand(by=None, event=event, name="S2", host=other)
    assert meet(other, exhibitor, slots_of(session)[0]).table == stand


# The scheduler


@pytest.fixture
def waiting_at_stands(expo):
    """Organiser scheduling; the exhibitor has four accepted meetings, two more are waiting."""
    event, session, organiser, exhibitor, stand, (anna, ben, cyril) = expo
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    for other in (anna, ben, cyril, ParticipantFactory(event=event)):
        meet(other, exhibitor)
    meet(anna, ben), meet(ben, cyril)
    return event, exhibitor, stand


def test_the_instance_gives_the_holder_their_stand_as_booth(waiting_at_stands):
    event, exhibitor, stand = waiting_at_stands
    instance, _ = scheduling.build_instance(event)
    booths = {p.id: p.booth for p in instance.participants if p.booth}
    assert booths == {str(exhibitor.pk): str(stand.pk)}
    assert check(instance, solve(instance, 2.0)) == []


def test_a_scheduler_run_places_the_holders_meetings_at_the_stand(
    waiting_at_stands, django_capture_on_commit_callbacks
):
    event, exhibitor, stand = waiting_at_stands
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduling.request_run(by=None, event=event, time_limit=2)
    run.refresh_from_db()
    assert (run.status, run.placed) == ("done", 6)
    tables = {m.pk: m.table for m in Meeting.objects.filter(event=event).select_related("table")}
    theirs = set(Meeting.objects.filter(seats__participant=exhibitor).values_list("pk", flat=True))
    assert {tables[pk] for pk in theirs} == {stand}
    assert {tables[pk].name for pk in tables.keys() - theirs} <= {"T1", "T2"}
    assert check_booked(event) == []


def test_two_holders_meeting_keep_the_instance_in_format(expo, django_capture_on_commit_callbacks):
    event, session, _, exhibitor, stand, (anna, ben, _) = expo
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    other = ParticipantFactory(event=event, role="exhibitor")
    second = setup.add_stand(by=None, event=event, name="S2", host=other)
    together = meet(other, exhibitor)
    meet(anna, exhibitor), meet(ben, other)
    instance, _ = scheduling.build_instance(event)
    booths = {p.id: p.booth for p in instance.participants if p.booth}
    lower, higher = sorted([(exhibitor.pk, stand), (other.pk, second)], key=lambda h: h[0])
    assert booths == {str(lower[0]): str(lower[1].pk)}
    assert check(instance, solve(instance, 2.0)) == []
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.request_run(by=None, event=event, time_limit=2)
    assert Meeting.objects.get(pk=together.pk).table == lower[1]
    alone = Meeting.objects.filter(seats__participant=higher[0]).exclude(pk=together.pk)
    assert {m.table for m in alone} == {higher[1]}
    assert Meeting.objects.filter(slot=None).count() == 0


def test_a_lent_stand_keeps_its_holder_from_meeting_then(waiting_at_stands):
    event, exhibitor, stand = waiting_at_stands
    slot = event.matchmaking_sessions.get().slots.get(position=0)
    first, second = pair(event)
    borrowed = meet(first, second)
    Meeting.objects.filter(pk=borrowed.pk).update(slot=slot, table=stand)
    borrowed.seats.update(slot=slot)
    instance, _ = scheduling.build_instance(event)
    holder = next(p for p in instance.participants if p.id == str(exhibitor.pk))
    assert holder.available == frozenset(s.id for s in instance.slots) - {str(slot.pk)}
    solution = solve(instance, 2.0)
    assert check(instance, solution) == []


# Moves by hand


def test_a_manual_move_takes_the_holders_stand(expo):
    event, session, organiser, exhibitor, stand, (anna, *_) = expo
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    meeting = meet(anna, exhibitor)
    moved = publishing.move_meeting(
        by=organiser.person.user, meeting=meeting, slot=slots_of(session)[1]
    )
    assert moved.table == stand


def test_a_manual_move_borrows_a_stand_only_when_the_pool_is_full(expo):
    event, session, organiser, exhibitor, stand, (anna, *_) = expo
    slot = slots_of(session)[3]
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    moved = [
        publishing.move_meeting(by=organiser.person.user, meeting=meet(*pair(event)), slot=slot)
        for _ in range(3)
    ]
    assert [m.table.name for m in moved] == ["T1", "T2", "S1"]
    with pytest.raises(ValidationError) as refused:
        publishing.move_meeting(by=None, meeting=meet(anna, exhibitor), slot=slot)
    assert refused.value.messages == ["No table is free in that slot."]


def test_a_stand_holders_meeting_is_not_dropped_at_a_pool_table(expo):
    event, session, organiser, exhibitor, stand, (anna, *_) = expo
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    meeting = meet(anna, exhibitor)
    with pytest.raises(ValidationError) as refused:
        publishing.move_meeting(
            by=organiser.person.user,
            meeting=meeting,
            slot=slots_of(session)[0],
            table=event.tables.get(name="T1"),
        )
    assert refused.value.messages == ["This meeting belongs at the stand S1 of its exhibitor."]
    assert Meeting.objects.get(pk=meeting.pk).slot is None


# Display


def test_a_stand_is_named_with_its_holders_organisation(expo):
    event, _, _, exhibitor, stand, _ = expo
    assert place(stand) == "Stand S1 (Novak Optics)"
    assert place(stand, in_sentence=True) == "stand S1 (Novak Optics)"
    assert place(event.tables.get(name="T1")) == "Table T1"
    exhibitor.person.organisation = None
    assert place(stand) == "Stand S1"
    assert place(None) == ""


def test_agenda_calendar_sheets_and_review_show_the_stand(client, expo):
    event, session, organiser, exhibitor, stand, (anna, *_) = expo
    meet(anna, exhibitor, slots_of(session)[0])
    client.force_login(anna.person.user)
    agenda = client.get(reverse("agenda:page", args=[event.slug])).content.decode()
    assert "· Stand S1 (Novak Optics)" in agenda
    anna.refresh_from_db()  # the agenda page made the calendar token
    inbox = client.get(reverse("matchmaking:inbox", args=[event.slug])).content.decode()
    assert "· stand S1 (Novak Optics)" in inbox
    feed = client.get(reverse("calendar", args=[anna.calendar_token])).content
    (entry,) = icalendar.Calendar.from_ical(feed).walk("VEVENT")
    assert str(entry["LOCATION"]) == "Stand S1 (Novak Optics)"
    client.force_login(organiser.person.user)
    sheets = client.get(reverse("matchmaking:tables", args=[event.slug])).content.decode()
    assert f"<h2>Stand S1 (Novak Optics) · {event.name}</h2>" in sheets
    review = client.get(reverse("matchmaking:review", args=[event.slug])).content.decode()
    assert "<td>Stand S1 (Novak Optics)</td>" in review


def test_the_sessions_page_adds_lists_and_removes_stands(client, expo):
    event, _, organiser, exhibitor, stand, _ = expo
    newcomer = ParticipantFactory(
        event=event, role="exhibitor", person__organisation__name="Kral Sensors"
    )
    client.force_login(organiser.person.user)
    page = reverse("matchmaking:sessions", args=[event.slug])
    response = client.post(
        reverse("matchmaking:add-stand", args=[event.slug]),
        {"stand-name": "S2", "stand-host": participant_label(newcomer)},
        follow=True,
    )
    html = response.content.decode()
    assert "Stand added." in html
    assert f"<strong>Stand S2 (Kral Sensors)</strong> · {newcomer.person.full_name}" in html
    assert Table.objects.get(name="S2").host == newcomer
    refused = client.post(
        reverse("matchmaking:add-stand", args=[event.slug]),
        {"stand-name": "S3", "stand-host": exhibitor.person.user.email},
        follow=True,
    )
    assert [str(m) for m in refused.context["messages"]] == [
        f"Exhibitor: No exhibitor without a stand matches “{exhibitor.person.user.email}”."
    ]
    assert not Table.objects.filter(name="S3").exists()
    client.post(reverse("matchmaking:remove-stand", args=[event.slug, stand.pk]))
    assert list(event.tables.exclude(host=None).values_list("name", flat=True)) == ["S2"]
    assert "2 tables" in client.get(page).content.decode()


def test_stands_of_another_event_cannot_be_removed_here(client, expo):
    event, _, organiser, *_ = expo
    elsewhere = EventFactory()
    foreign = setup.add_stand(
        by=None, event=elsewhere, name="S1", host=ParticipantFactory(event=elsewhere)
    )
    client.force_login(organiser.person.user)
    response = client.post(reverse("matchmaking:remove-stand", args=[event.slug, foreign.pk]))
    assert response.status_code == 404
    assert Table.objects.filter(pk=foreign.pk).exists()


def test_pages_listing_stands_query_the_same_for_more_stands(client, expo):
    """No query per stand: the sessions page, the table sheets and the agenda."""
    event, session, organiser, exhibitor, stand, (anna, *_) = expo
    meet(anna, exhibitor, slots_of(session)[0])

    def queries() -> list[int]:
        client.force_login(organiser.person.user)
        counts = []
        for name in ("sessions", "tables"):
            with CaptureQueriesContext(connection) as captured:
                client.get(reverse(f"matchmaking:{name}", args=[event.slug]))
            counts.append(len(captured))
        client.force_login(anna.person.user)
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("agenda:page", args=[event.slug]))
        return [*counts, len(captured)]

    queries()  # the first visit to the agenda makes the calendar token
    before = queries()
    for position in (1, 2):
        holder = ParticipantFactory(event=event, role="exhibitor")
        setup.add_stand(by=None, event=event, name=f"S{position + 1}", host=holder)
        meet(anna, holder, slots_of(session)[position])
    assert queries() == before


# The add-stand form's exhibitor picker, and the sessions page at a big fair


def test_the_exhibitor_picker_suggests_by_name_address_or_organisation(client, expo):
    event, _, organiser, holder, *_ = expo
    jana = ParticipantFactory(
        event=event,
        role="exhibitor",
        person__first_name="Jana",
        person__last_name="Růžičková",
        person__organisation__name="Kral Sensors",
    )
    ParticipantFactory(event=event, role="delegate", person__first_name="Janina")
    client.force_login(organiser.person.user)

    def suggested(typed: str) -> list[str]:
        response = client.get(reverse("matchmaking:stand-hosts", args=[event.slug]), {"q": typed})
        return re.findall(r'data-suggestion="([^"]*)"', response.content.decode())

    label = f"Jana Růžičková (Kral Sensors) · {jana.person.user.email}"
    assert suggested("ruzi") == [label]
    assert suggested("JAN kral") == [label]
    assert suggested(jana.person.user.email) == [label]
    # Delegates, and exhibitors who hold a stand already, are not offered a stand.
    assert suggested(holder.person.first_name) == []
    assert suggested("janina") == []
    assert suggested("") == []


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("Novák", "Several exhibitors match “Novák”: pick one from the suggestions."),
        ("Nobody", "No exhibitor without a stand matches “Nobody”."),
        ("%_*", "No exhibitor without a stand matches “%_*”."),
        ("x" * 10_000, f"No exhibitor without a stand matches “{'x' * 50}”."),
    ],
)
def test_typed_words_that_name_no_exhibitor_or_several_are_refused(expo, typed, error):
    event, *_ = expo
    for first in ("Petr", "Pavel"):
        ParticipantFactory(
            event=event, role="exhibitor", person__first_name=first, person__last_name="Novák"
        )
    form = StandForm({"stand-name": "S9", "stand-host": typed}, event=event)
    assert form.errors == {"host": [error]}


def test_a_suggestion_an_address_or_words_of_one_exhibitor_are_taken(expo):
    event, *_ = expo
    petr, pavel = (
        ParticipantFactory(
            event=event, role="exhibitor", person__first_name=first, person__last_name="Novák"
        )
        for first in ("Petr", "Pavel")
    )
    for typed, chosen in [
        (participant_label(petr), petr),
        (pavel.person.user.email.upper(), pavel),
        ("pavel novak", pavel),
    ]:
        form = StandForm({"stand-name": "S9", "stand-host": typed}, event=event)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["host"] == chosen


def fill_the_fair(event, count: int) -> None:
    """`count` exhibitors with a stand, and as many without one."""
    for number in range(count):
        holder, waiting = (
            ParticipantFactory(
                event=event, role="exhibitor", person__last_name=f"{kind} {number:02}"
            )
            for kind in ("Holder", "Waiting")
        )
        Table.objects.create(event=event, name=f"Stand {number:02}", host=holder)


@pytest.mark.parametrize("count", [5, 60])
def test_the_sessions_page_stays_small_however_many_exhibitors(
    client, expo, count, django_assert_num_queries
):
    event, _, organiser, *_ = expo
    fill_the_fair(event, count)
    client.force_login(organiser.person.user)
    page = reverse("matchmaking:sessions", args=[event.slug])
    client.get(page)
    with django_assert_num_queries(SESSIONS_PAGE_QUERIES):
        response = client.get(page)
    html = response.content.decode()
    assert "Waiting 00" not in html
    assert f"{count + 1} stands" in html
    shown = re.findall(r"<strong>Stand (Stand \d\d|S1)", html)
    assert len(shown) == min(count + 1, STANDS_PAGE_SIZE)
    assert f"{count} exhibitors have no stand yet." in html
    if count > STANDS_PAGE_SIZE:
        assert "Page 1 of 2" in html
        rest = client.get(page, {"page": 2}).content.decode()
        assert len(re.findall(r"<strong>Stand Stand", rest)) == count + 1 - STANDS_PAGE_SIZE


def test_removing_a_stand_returns_to_its_page(client, expo):
    event, _, organiser, *_ = expo
    fill_the_fair(event, 60)
    client.force_login(organiser.person.user)
    last = event.tables.get(name="Stand 59")
    response = client.post(
        reverse("matchmaking:remove-stand", args=[event.slug, last.pk]), {"page": "2"}
    )
    assert response["Location"] == reverse("matchmaking:sessions", args=[event.slug]) + "?page=2"
    response = client.post(
        reverse("matchmaking:remove-stand", args=[event.slug, event.tables.get(name="S1").pk]),
        {"page": "2; drop"},
    )
    assert response["Location"] == reverse("matchmaking:sessions", args=[event.slug])
