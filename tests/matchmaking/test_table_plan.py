"""The organiser's table plan: the grid, moves by dropping a meeting onto a cell, the
stand rule for cells picked by hand, and the scheduler's progress."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from modus.events.models import CheckIn
from modus.matchmaking import table_plan
from modus.matchmaking.models import ScheduleRun, Table
from modus.matchmaking.services import publishing, setup
from tests.factories import EventFactory, ParticipantFactory, PersonFactory
from tests.matchmaking.conftest import slots_of
from tests.matchmaking.helpers import meet

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, event, *args):
    return reverse(f"matchmaking:{name}", args=[event.slug, *args])


@pytest.fixture
def planned(fair):
    """Anna–Ben at 14:00 and Cyril–Ben at 14:20, both at T1; Anna–Cyril waits for a slot."""
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    organiser = ParticipantFactory(event=event, role="organiser")
    slots = slots_of(session)
    first, second, waiting = meet(anna, ben), meet(cyril, ben), meet(anna, cyril)
    publishing.move_meeting(by=None, meeting=first, slot=slots[0])
    publishing.move_meeting(by=None, meeting=second, slot=slots[1])
    t1, t2 = event.tables.order_by("pk")
    return event, slots, (t1, t2), organiser, first, second, waiting


def grid(plan):
    """Each session's rows as (table name, [meeting id or None per slot])."""
    return [
        [
            (row.table.name, [c.meeting.pk if c.meeting else None for c in row.cells])
            for row in s.rows
        ]
        for s in plan.sessions
    ]


def place_of(meeting):
    meeting.refresh_from_db()
    return (
        meeting.slot_id,
        meeting.table_id,
        list(meeting.seats.order_by("pk").values_list("slot", flat=True)),
    )


def drop(client, event, meeting, slot, table, **extra):
    return client.post(
        url("drop", event, meeting.pk), {"slot": slot.pk, "table": table.pk}, **extra
    )


def test_the_plan_shows_tables_by_slots_in_the_event_time_zone(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    client.force_login(organiser.person.user)
    response = client.get(url("table-plan", event))
    assert response.status_code == 200
    plan = response.context["plan"]
    assert grid(plan) == [[("T1", [first.pk, second.pk, None, None]), ("T2", [None] * 4)]]
    assert [m.pk for m in plan.waiting] == [waiting.pk]
    html = response.content.decode()
    # 12:00 UTC is 14:00 in Prague in September.
    assert re.findall(r'<th scope="col">([^<]*)</th>', html) == [
        "Table",
        "14:00–14:20",
        "14:20–14:40",
        "14:40–15:00",
        "15:00–15:20",
    ]
    assert re.findall(r'<th scope="row">([^<]*)</th>', html) == ["T1", "T2"]
    assert html.count('<span class="muted">free</span>') == 6
    anna, ben = (seat.participant.person for seat in first.seats.order_by("participant_id"))
    person = f'<span class="plan-person">{anna.full_name} ({anna.organisation.name})</span>'
    assert html.count(person) == 2  # in Anna–Ben's cell and in Anna–Cyril, waiting
    fallback = reverse("matchmaking:move", args=[event.slug, first.pk]) + "?from=plan"
    assert f'href="{fallback}" draggable="true"' in html


def test_a_locked_meeting_is_marked_and_not_draggable(client, planned):
    event, slots, tables, organiser, first, second, waiting = planned
    publishing.set_locked(by=None, meeting=first, locked=True)
    client.force_login(organiser.person.user)
    html = client.get(url("table-plan", event)).content.decode()
    locked = re.findall(
        r'<a class="plan-meeting locked"[^>]*draggable="(\w+)" data-meeting="(\d+)"', html
    )
    assert locked == [("false", str(first.pk))]
    assert html.count('aria-label="locked in place"') == 1
    assert '<span class="lock-icon" role="img"' in html


def test_a_stand_is_a_row_labelled_with_its_name(client, planned):
    event, slots, tables, organiser, first, second, waiting = planned
    Table.objects.create(event=event, name="Stand 7", host=ParticipantFactory(event=event))
    client.force_login(organiser.person.user)
    response = client.get(url("table-plan", event))
    assert [row.table.name for row in response.context["plan"].sessions[0].rows] == [
        "T1",
        "T2",
        "Stand 7",
    ]
    assert '<th scope="row">Stand 7 <span class="muted">(stand)</span></th>' in (
        response.content.decode()
    )


def test_the_plan_shows_only_this_events_tables_and_meetings(client, planned):
    event, slots, tables, organiser, first, second, waiting = planned
    other = EventFactory()
    setup.add_tables(by=None, event=other, count=3)
    client.force_login(organiser.person.user)
    plan = client.get(url("table-plan", event)).context["plan"]
    assert [row.table.name for row in plan.sessions[0].rows] == ["T1", "T2"]
    assert len(plan.sessions) == 1


def test_the_review_page_links_to_the_plan_and_anchors_each_meeting(client, planned):
    event, slots, tables, organiser, first, second, waiting = planned
    client.force_login(organiser.person.user)
    html = client.get(url("review", event)).content.decode()
    assert f'<a href="{url("table-plan", event)}">Table plan</a>' in html
    assert f'<tr id="meeting-{first.pk}">' in html


def test_the_review_page_makes_as_many_queries_for_many_meetings(client, planned):
    event, slots, tables, organiser, first, second, waiting = planned
    client.force_login(organiser.person.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("review", event)).status_code == 200
        return len(captured)

    few = queries()
    setup.add_tables(by=None, event=event, count=6)
    for slot in slots[2:]:
        for _ in range(6):
            meeting = meet(ParticipantFactory(event=event), ParticipantFactory(event=event))
            publishing.move_meeting(by=None, meeting=meeting, slot=slot)
    assert queries() == few


def test_only_organisers_see_the_plan_and_drop_meetings(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    plan = url("table-plan", event)
    assert client.get(plan).status_code == 302  # to the sign-in page
    anna = first.seats.order_by("participant_id").first().participant
    for user in (anna.person.user, PersonFactory().user):
        client.force_login(user)
        assert client.get(plan).status_code == 403
        assert drop(client, event, first, slots[3], t2, **HTMX).status_code == 403
    assert place_of(first) == (slots[0].pk, t1.pk, [slots[0].pk, slots[0].pk])
    client.force_login(organiser.person.user)
    assert client.get(reverse("matchmaking:table-plan", args=["no-such-event"])).status_code == 404
    other = EventFactory()
    assert drop(client, other, first, slots[3], t2).status_code == 403


def test_the_plan_makes_the_same_few_queries_for_many_meetings(
    client, planned, django_assert_max_num_queries
):
    event, slots, tables, organiser, first, second, waiting = planned
    setup.add_tables(by=None, event=event, count=6)
    for slot in slots[2:]:
        for _ in range(6):
            arrived = ParticipantFactory(event=event)
            CheckIn.objects.create(participant=arrived)
            meeting = meet(arrived, ParticipantFactory(event=event))
            publishing.move_meeting(by=None, meeting=meeting, slot=slot)
    client.force_login(organiser.person.user)
    with django_assert_max_num_queries(11):
        response = client.get(url("table-plan", event))
    assert sum(1 for row in grid(response.context["plan"])[0] for pk in row[1] if pk) == 14


def test_the_plan_shows_the_first_waiting_meetings_and_counts_them_all(
    client, planned, monkeypatch
):
    """Before the scheduler runs every accepted meeting waits: thousands at a big event."""
    event, slots, tables, organiser, first, second, waiting = planned
    monkeypatch.setattr(table_plan, "WAITING_SHOWN", 2)
    later = [meet(ParticipantFactory(event=event), ParticipantFactory(event=event)) for _ in "ab"]
    client.force_login(organiser.person.user)
    response = client.get(url("table-plan", event))
    plan = response.context["plan"]
    assert ([m.pk for m in plan.waiting], plan.waiting_total) == ([waiting.pk, later[0].pk], 3)
    html = response.content.decode()
    assert "3 meetings wait for a slot" in html
    shown = re.search(r'data-testid="plan-waiting-shown">([^<]*)<', html).group(1)
    assert shown == (
        "The first 2 are shown: place one and the next appears. The review page lists them all."
    )


def test_dropping_a_meeting_on_a_free_cell_moves_it_there(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    client.force_login(organiser.person.user)
    response = drop(client, event, second, slots[3], t2, **HTMX)
    assert response.status_code == 200
    assert response.templates[0].name == "matchmaking/_table_plan.html"
    html = response.content.decode()
    assert '<p class="plan-message no-print" role="status" data-testid="plan-message">' in html
    assert "Meeting moved." in html
    assert grid(response.context["plan"]) == [
        [("T1", [first.pk, None, None, None]), ("T2", [None, None, None, second.pk])]
    ]
    assert place_of(second) == (slots[3].pk, t2.pk, [slots[3].pk, slots[3].pk])


def test_a_waiting_meeting_dropped_on_a_cell_gets_its_slot_and_table(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    client.force_login(organiser.person.user)
    response = drop(client, event, waiting, slots[2], t2, **HTMX)
    assert response.context["plan"].waiting == []
    assert place_of(waiting) == (slots[2].pk, t2.pk, [slots[2].pk, slots[2].pk])


def alert_of(response) -> str:
    found = re.findall(
        r'<p class="plan-message error no-print" role="alert"[^>]*>([^<]*)</p>',
        response.content.decode(),
    )
    assert len(found) == 1
    return found[0]


def test_a_drop_into_a_clash_says_why_and_changes_nothing(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    client.force_login(organiser.person.user)
    response = drop(client, event, second, slots[0], t2, **HTMX)
    assert response.status_code == 200
    ben = second.request.recipient.person.full_name
    assert alert_of(response) == f"{ben} already has a meeting in that slot."
    assert "Meeting moved." not in response.content.decode()
    assert place_of(second) == (slots[1].pk, t1.pk, [slots[1].pk, slots[1].pk])
    assert grid(response.context["plan"])[0] == [
        ("T1", [first.pk, second.pk, None, None]),
        ("T2", [None] * 4),
    ]


def test_a_drop_onto_a_taken_cell_says_why(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    other = meet(ParticipantFactory(event=event), ParticipantFactory(event=event))
    client.force_login(organiser.person.user)
    response = drop(client, event, other, slots[0], t1, **HTMX)
    assert alert_of(response) == "T1 already has a meeting in that slot."
    assert place_of(other) == (None, None, [None, None])


def test_a_locked_meeting_cannot_be_dropped_elsewhere(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    publishing.set_locked(by=None, meeting=first, locked=True)
    client.force_login(organiser.person.user)
    response = drop(client, event, first, slots[3], t2, **HTMX)
    assert response.context["refused"] == "This meeting is locked in place; unlock it to move it."
    assert place_of(first) == (slots[0].pk, t1.pk, [slots[0].pk, slots[0].pk])


def test_a_drop_outside_the_events_grid_is_refused(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    other = EventFactory()
    setup.add_tables(by=None, event=other, count=1)
    client.force_login(organiser.person.user)
    response = drop(client, event, first, slots[3], other.tables.get(), **HTMX)
    assert response.context["refused"] == "Drop the meeting onto a cell of the plan."
    response = client.post(url("drop", event, first.pk), {"slot": "x", "table": t2.pk}, **HTMX)
    assert response.context["refused"] == "Drop the meeting onto a cell of the plan."
    assert place_of(first) == (slots[0].pk, t1.pk, [slots[0].pk, slots[0].pk])


def test_without_htmx_a_drop_returns_to_the_plan_with_a_message(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    client.force_login(organiser.person.user)
    response = drop(client, event, second, slots[0], t2, follow=True)
    assert response.redirect_chain == [(url("table-plan", event), 302)]
    ben = second.request.recipient.person.full_name
    assert [str(m) for m in response.context["messages"]] == [
        f"{ben} already has a meeting in that slot."
    ]


def test_a_stand_takes_others_meetings_only_when_every_table_is_taken(planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    anna = first.request.requester
    stand = Table.objects.create(event=event, name="Stand 7", host=ParticipantFactory(event=event))
    with pytest.raises(ValidationError, match="Stand 7 is an exhibitor's stand"):
        publishing.move_meeting(by=None, meeting=second, slot=slots[2], table=stand)
    assert place_of(second)[:2] == (slots[1].pk, t1.pk)
    # With T1 and T2 both taken at 14:00, the stand takes Cyril's meeting with Dana.
    dana = ParticipantFactory(event=event)
    filler = meet(ParticipantFactory(event=event), ParticipantFactory(event=event))
    publishing.move_meeting(by=None, meeting=filler, slot=slots[0], table=t2)
    late = meet(waiting.request.recipient, dana)
    publishing.move_meeting(by=None, meeting=late, slot=slots[0], table=stand)
    assert place_of(late)[:2] == (slots[0].pk, stand.pk)
    # The stand's host meets there whenever the stand is free.
    own = meet(stand.host, anna)
    publishing.move_meeting(by=None, meeting=own, slot=slots[2], table=stand)
    assert place_of(own)[:2] == (slots[2].pk, stand.pk)


def test_a_running_run_shows_its_progress(client, planned):
    event, *_, organiser, first, second, waiting = planned
    ScheduleRun.objects.create(event=event, status="done", placed=2, bound=2, meetings=3)
    ScheduleRun.objects.create(event=event, status="running", progress=40)
    client.force_login(organiser.person.user)
    html = client.get(url("organiser-runs", event)).content.decode()
    assert re.findall(r'<progress max="100" value="(\d+)"', html) == ["40"]
    assert "40% of the time limit" in html
    assert 'hx-trigger="every 2s"' in html


def test_moving_by_picking_a_slot_still_takes_the_first_free_table(client, planned):
    event, slots, (t1, t2), organiser, first, second, waiting = planned
    other = meet(ParticipantFactory(event=event), ParticipantFactory(event=event))
    client.force_login(organiser.person.user)
    client.post(url("move", event, waiting.pk), {"slot": slots[2].pk})
    client.post(url("move", event, other.pk), {"slot": slots[2].pk})
    assert [place_of(m)[:2] for m in (waiting, other)] == [
        (slots[2].pk, t1.pk),
        (slots[2].pk, t2.pk),
    ]


def test_once_people_check_in_each_is_marked_and_each_slot_counts_its_meetings_all_here(
    client, planned
):
    event, slots, tables, organiser, first, second, waiting = planned
    client.force_login(organiser.person.user)
    html = client.get(url("table-plan", event)).content.decode()
    assert 'class="arrival' not in html and 'data-testid="slot-here"' not in html
    anna, ben = (seat.participant for seat in first.seats.order_by("participant_id"))
    for person in (anna, ben):
        CheckIn.objects.create(participant=person)
    html = client.get(url("table-plan", event)).content.decode()
    here = re.findall(r'<span class="plan-here" data-testid="slot-here">([^<]*)</span>', html)
    # Anna and Ben at 14:00; Cyril, not here, meets Ben at 14:20.
    assert here == ["all here at 1 of 1 meeting", "all here at 0 of 1 meeting"]
    marks = re.findall(
        r'<span class="plan-person">([^<(]*) \([^)]*\)'
        r' <span class="arrival[^"]*" role="img" aria-label="([^"]*)">',
        html,
    )
    cyril = waiting.seats.exclude(participant=anna).get().participant
    names = {anna: anna.person.full_name, ben: ben.person.full_name}
    names[cyril] = cyril.person.full_name
    assert sorted(marks) == sorted(
        [
            (names[anna], "checked in"),
            (names[ben], "checked in"),
            (names[cyril], "not checked in yet"),
            (names[ben], "checked in"),
            (names[anna], "checked in"),
            (names[cyril], "not checked in yet"),
        ]
    )


def test_the_marks_are_in_czech_too(client, planned):
    event, slots, tables, organiser, first, second, waiting = planned
    CheckIn.objects.create(participant=first.seats.first().participant)
    client.force_login(organiser.person.user)
    html = client.get(url("table-plan", event), HTTP_ACCEPT_LANGUAGE="cs").content.decode()
    assert 'aria-label="odbaveno"' in html
    assert "všichni na místě" in html
