"""The organiser's schedule pages: starting a run, the review page, sessions, the table plan
and a participant's agenda; bad input and other events' ids."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from modus.directory.models import Person
from modus.matchmaking import schedule_views
from modus.matchmaking.models import MatchmakingSession, Meeting, ScheduleRun, Table
from modus.matchmaking.services import publishing, requests, scheduling, setup
from tests.factories import EventFactory, ParticipantFactory
from tests.matchmaking.conftest import slots_of
from tests.matchmaking.helpers import DAY_1_STARTS, meet

pytestmark = pytest.mark.django_db


def url(name, event, *args):
    return reverse(f"matchmaking:{name}", args=[event.slug, *args])


def organiser_of(event):
    return ParticipantFactory(event=event, role="organiser").person.user


def shown(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_second_run_while_one_is_under_way_is_refused_with_a_message(client, fair):
    event = fair[0]
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    scheduling.request_run(by=None, event=event)  # queued, not run: no commit in this test
    client.force_login(organiser_of(event))
    response = client.post(url("organiser-schedule", event), {"time_limit": 30})
    assert response.status_code == 302
    assert shown(response) == [
        "The scheduler is already running for this event; wait for its result."
    ]
    assert ScheduleRun.objects.count() == 1


def test_removing_a_session_with_cancelled_meetings_answers_with_a_message(client, fair):
    event, session, anna, ben, _ = fair
    meeting = meet(anna, ben, slots_of(session)[0])
    requests.cancel_meeting(meeting=meeting, by=anna)
    client.force_login(organiser_of(event))
    response = client.post(url("remove-session", event, session.pk))
    assert response.status_code == 302
    assert shown(response) == ["Session removed."]
    assert event.matchmaking_sessions.count() == 0


def placed_event(count: int):
    """An event with `count` placed meetings of distinct pairs (eight slots, ten tables), and
    one waiting meeting."""
    event = EventFactory(time_zone="Europe/Prague")
    setup.update_settings(by=None, event=event, scheduling_mode="organiser")
    session = setup.add_session(
        by=None, event=event, name="Day 1", starts_at=DAY_1_STARTS, slot_count=8
    )
    tables = setup.add_tables(by=None, event=event, count=10)
    slots = slots_of(session)
    for index in range(count):
        meeting = meet(ParticipantFactory(event=event), ParticipantFactory(event=event))
        slot, table = slots[index % 8], tables[index // 8]
        Meeting.objects.filter(pk=meeting.pk).update(slot=slot, table=table)
        meeting.seats.update(slot=slot)
    waiting = meet(ParticipantFactory(event=event), ParticipantFactory(event=event))
    return event, session, slots, tables, waiting


def review_queries(client, event, query: str = "") -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("review", event) + query)
    assert response.status_code == 200
    return len(captured), response


def test_the_review_page_makes_the_same_queries_for_few_and_many_meetings(client):
    small, *_ = placed_event(3)
    large, *_ = placed_event(70)
    client.force_login(organiser_of(small))
    few, response = review_queries(client, small)
    assert response.context["page"].paginator.count == 4
    client.force_login(organiser_of(large))
    many, response = review_queries(client, large, "?page=2")
    assert response.context["page"].paginator.count == 71
    assert len(response.context["page"].object_list) == 21
    assert many == few
    filtered, _ = review_queries(client, large, "?q=Person&session=&table=")
    assert filtered == few


def waiting_event(count: int):
    """An event in which `count` pairs have accepted a meeting that has no slot yet."""
    event, *_ = placed_event(0)
    for _index in range(count - 1):
        meet(ParticipantFactory(event=event), ParticipantFactory(event=event))
    return event


def test_the_review_page_explains_many_people_left_out_in_as_many_queries_as_few(client):
    """Each person left out used to cost a free-slot check of its own: ten queries a name."""
    one, five = waiting_event(1), waiting_event(5)
    client.force_login(organiser_of(one))
    few, response = review_queries(client, one)
    assert len(response.context["review"].left_out) == 2
    client.force_login(organiser_of(five))
    many, response = review_queries(client, five)
    assert len(response.context["review"].left_out) == 10
    assert many == few


def test_the_review_page_says_why_each_person_left_out_has_no_slot(client):
    event, session, *_ = placed_event(0)
    away = meet(ParticipantFactory(event=event), ParticipantFactory(event=event))
    absent, other = (seat.participant for seat in away.seats.order_by("pk"))
    setup.set_unavailable(by=absent, slots=slots_of(session))
    client.force_login(organiser_of(event))
    _, response = review_queries(client, event)
    reasons = {person.pk: reason for person, reason in response.context["review"].left_out}
    waiting = Meeting.objects.filter(event=event).exclude(pk=away.pk).get()
    ready = dict.fromkeys(waiting.seats.values_list("participant", flat=True))
    assert reasons == {
        **dict.fromkeys(ready, "not placed yet: run the scheduler"),
        absent.pk: "not available in any slot",
        other.pk: "no slot in which both are free, under their limits, with a table free",
    }


def test_the_review_list_is_filtered_and_paged(client):
    event, session, slots, tables, waiting = placed_event(60)
    client.force_login(organiser_of(event))
    first = client.get(url("review", event))
    assert [len(first.context["page"]), first.context["page"].paginator.num_pages] == [50, 2]
    # Waiting meetings first: they need the organiser.
    assert first.context["page"][0] == waiting
    by_table = client.get(url("review", event), {"table": tables[0].pk}).context["page"]
    assert [m.table_id for m in by_table] == [tables[0].pk] * 8
    by_session = client.get(url("review", event), {"session": "waiting"}).context["page"]
    assert list(by_session) == [waiting]
    anna = waiting.seats.order_by("pk").first().participant
    by_person = client.get(url("review", event), {"person": anna.pk})
    assert list(by_person.context["page"]) == [waiting]
    assert f"Meetings of {anna.person.full_name}." in by_person.content.decode()
    searched = client.get(url("review", event), {"q": anna.person.last_name})
    assert list(searched.context["page"]) == [waiting]


def test_review_filters_that_do_not_fit_give_field_errors_not_500(client):
    event, session, slots, tables, waiting = placed_event(2)
    other_event, _, _, other_tables, other_meeting = placed_event(1)
    stranger = other_meeting.seats.first().participant
    client.force_login(organiser_of(event))
    response = client.get(
        url("review", event),
        {"table": other_tables[0].pk, "person": stranger.pk, "session": "x", "q": "y" * 10_000},
    )
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["person", "q", "session", "table"]
    # Filters that do not fit are ignored: the list is the event's whole list.
    assert response.context["page"].paginator.count == 3
    response = client.get(url("review", event), {"page": "nonsense", "table": "abc"})
    assert (response.status_code, response.context["page"].number) == (200, 1)


def test_the_move_dialog_loads_one_meetings_slot_list_on_demand(client):
    event, session, slots, tables, waiting = placed_event(2)
    client.force_login(organiser_of(event))
    review_html = client.get(url("review", event), {"table": tables[0].pk}).content.decode()
    # The review page carries no slot list; each row links to its meeting's small form.
    assert "<option" not in review_html.split('data-testid="schedule"')[1]
    meeting = Meeting.objects.get(slot=slots[0])
    move_url = url("move", event, meeting.pk)
    assert f'hx-get="{move_url}?back=table%3D{tables[0].pk}"' in review_html
    fragment = client.get(
        move_url, {"back": f"table={tables[0].pk}"}, headers={"HX-Request": "true"}
    )
    assert fragment.templates[0].name == "matchmaking/_move.html"
    html = fragment.content.decode()
    assert html.count("<option") == 8  # the event's eight slots
    assert "<html" not in html
    page = client.get(move_url)
    assert page.templates[0].name == "matchmaking/move.html"
    response = client.post(move_url, {"slot": slots[7].pk, "back": f"table={tables[0].pk}&x=1"})
    assert response.url == url("review", event) + f"?table={tables[0].pk}"
    meeting.refresh_from_db()
    assert meeting.slot == slots[7]


def test_moves_and_locks_keep_to_the_event(client):
    event, session, slots, tables, waiting = placed_event(1)
    other_event, other_session, other_slots, _, other_meeting = placed_event(1)
    client.force_login(organiser_of(event))
    assert client.get(url("move", event, other_meeting.pk)).status_code == 404
    assert (
        client.post(url("move", event, other_meeting.pk), {"slot": slots[0].pk}).status_code == 404
    )
    assert client.post(url("lock", event, other_meeting.pk), {"locked": "1"}).status_code == 404
    for nonsense in (other_slots[0].pk, "abc", ""):
        response = client.post(url("move", event, waiting.pk), {"slot": nonsense}, follow=True)
        assert [str(m) for m in response.context["messages"]] == ["Pick a slot."]
    assert (
        list(Meeting.objects.filter(slot__isnull=False, pk__in=[waiting.pk, other_meeting.pk]))
        == []
    )
    assert Meeting.objects.get(pk=other_meeting.pk).locked is False


def test_my_meetings_page_shows_my_availability(client, fair):
    event, session, anna, ben, cyril = fair
    setup.set_unavailable(by=anna, slots=slots_of(session)[3:])
    client.force_login(anna.person.user)
    response = client.get(url("inbox", event))
    assert response.context["availability_form"]["away"].value() == [slots_of(session)[3].pk]
    saved = client.post(url("availability", event), {"away": [slots_of(session)[2].pk]})
    assert saved["Location"] == url("inbox", event)
    assert list(anna.unavailable_slots.values_list("slot", flat=True)) == [slots_of(session)[2].pk]


def test_the_sessions_page_takes_as_many_queries_for_many_sessions_and_stands(client, fair):
    event, session, anna, ben, cyril = fair
    client.force_login(organiser_of(event))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("sessions", event)).status_code == 200
        return len(captured)

    exhibitor = ParticipantFactory(event=event, role="exhibitor")
    setup.add_stand(by=None, event=event, name="S1", host=exhibitor)
    ParticipantFactory(event=event, role="exhibitor")
    few = queries()
    for day in (1, 2, 3):
        starts_at = DAY_1_STARTS.replace(day=26 + day)
        setup.add_session(by=None, event=event, name=f"Day {day + 1}", starts_at=starts_at)
    for number in (2, 3, 4):
        host = ParticipantFactory(event=event, role="exhibitor")
        setup.add_stand(by=None, event=event, name=f"S{number}", host=host)
        ParticipantFactory(event=event, role="exhibitor")
    assert queries() == few


def test_the_table_plan_takes_as_many_queries_for_many_meetings(client):
    small, *_ = placed_event(2)
    large, *_ = placed_event(40)
    counts = []
    for event in (small, large):
        client.force_login(organiser_of(event))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("table-plan", event)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_move_opened_from_the_table_plan_returns_to_it(client):
    event, session, slots, tables, waiting = placed_event(1)
    client.force_login(organiser_of(event))
    html = client.get(url("move", event, waiting.pk), {"from": "plan"}).content.decode()
    assert '<input type="hidden" name="from" value="plan">' in html
    response = client.post(url("move", event, waiting.pk), {"slot": slots[5].pk, "from": "plan"})
    assert response.url == url("table-plan", event)


LONG = "x" * 10_000
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_names_of_ten_thousand_characters_get_field_errors_and_change_nothing(client, fair):
    event, session, anna, ben, cyril = fair
    exhibitor = ParticipantFactory(event=event, role="exhibitor")
    client.force_login(organiser_of(event))
    response = client.post(
        url("sessions", event),
        {"name": LONG, "day": "2022-09-26", "start": "09:00", "slot_minutes": 20, "slot_count": 4},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Ensure this value has at most 100 characters (it has 10000)."]
    }
    response = client.post(
        url("add-stand", event),
        {"stand-name": LONG, "stand-host": exhibitor.person.user.email},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Stand name: Ensure this value has at most 50 characters (it has 10000)."
    ]
    for count in (LONG, "-1", "100000", "1e3"):
        response = client.post(url("add-tables", event), {"count": count}, follow=True)
        assert [str(m) for m in response.context["messages"]] == [
            "Give a number of tables between 1 and 500."
        ]
    assert [s.name for s in event.matchmaking_sessions.all()] == ["Day 1"]
    assert sorted(event.tables.values_list("name", flat=True)) == ["T1", "T2"]


def test_ids_of_another_event_answer_404_and_change_nothing(client, fair):
    event, session, anna, ben, cyril = fair
    other, other_session, *_ = placed_event(1)
    other_stand = setup.add_stand(
        by=None, event=other, name="S", host=ParticipantFactory(event=other, role="exhibitor")
    )
    client.force_login(organiser_of(event))
    assert client.post(url("remove-session", event, other_session.pk)).status_code == 404
    assert client.post(url("remove-stand", event, other_stand.pk)).status_code == 404
    elsewhere = other_stand.host.person
    for typed in (elsewhere.user.email, elsewhere.full_name, str(other_stand.host_id)):
        assert (
            client.post(url("add-stand", event), {"stand-name": "S9", "stand-host": typed})
        ).status_code == 302
    # Nor is another event's exhibitor suggested, nor its stand holder found.
    response = client.get(url("stand-hosts", event), {"q": elsewhere.user.email})
    assert response.content.decode().strip().startswith('<p class="muted">Nothing matches')
    assert other.matchmaking_sessions.count() == 1
    assert list(event.tables.filter(host__isnull=False)) == []
    assert Table.objects.filter(pk=other_stand.pk).exists()


def test_html_in_names_is_shown_escaped_everywhere(client, fair, monkeypatch):
    event, session, anna, ben, cyril = fair
    setup.update_settings(by=None, event=event, scheduling_mode="organiser", schedule_state="final")
    MatchmakingSession.objects.filter(pk=session.pk).update(name=SCRIPT)
    Person.objects.filter(pk=anna.person_id).update(first_name=SCRIPT)
    host = ParticipantFactory(event=event, role="exhibitor")
    stand = setup.add_stand(by=None, event=event, name=SCRIPT[:50], host=host)
    publishing.move_meeting(by=None, meeting=meet(anna, ben), slot=slots_of(session)[0])
    publishing.move_meeting(
        by=None, meeting=meet(host, cyril), slot=slots_of(session)[1], table=stand
    )
    client.force_login(organiser_of(event))
    for name in ("review", "table-plan", "tables", "sessions"):
        html = client.get(url(name, event)).content.decode()
        assert SCRIPT not in html, name
        assert ESCAPED in html, name
    captured = []
    monkeypatch.setattr(
        "modus.agenda.views.html_to_pdf",
        lambda html: captured.append(html) or b"%PDF",
    )
    client.force_login(anna.person.user)
    agenda = reverse("agenda:page", args=[event.slug])
    assert client.get(reverse("agenda:pdf", args=[event.slug])).content == b"%PDF"
    assert SCRIPT not in captured[0]
    assert ESCAPED in captured[0]
    html = client.get(agenda).content.decode()
    assert SCRIPT not in html
    assert ESCAPED in html


def test_ids_out_of_any_range_give_404_or_field_errors(client):
    event, session, slots, tables, waiting = placed_event(1)
    huge = "9" * 30
    client.force_login(organiser_of(event))
    response = client.get(url("review", event), {"table": huge, "person": huge, "session": huge})
    assert sorted(response.context["form"].errors) == ["person", "session", "table"]
    response = client.post(url("move", event, waiting.pk), {"slot": huge}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Pick a slot."]
    response = client.post(
        url("drop", event, waiting.pk), {"slot": huge, "table": huge}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Drop the meeting onto a cell of the plan."
    ]
    assert (
        client.get(f"/events/{event.slug}/manage/schedule/meetings/{huge}/move/").status_code == 404
    )
    waiting.refresh_from_db()
    assert (waiting.slot_id, waiting.table_id) == (None, None)


def test_a_run_with_no_sign_of_life_is_shown_cut_off_and_not_polled(client, fair):
    event = fair[0]
    ScheduleRun.objects.create(
        event=event,
        status="running",
        time_limit=30,
        progress=40,
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )
    client.force_login(organiser_of(event))
    html = client.get(url("organiser-runs", event)).content.decode()
    assert "No sign of life: cut off by a restart? Start a new run." in html
    assert "hx-trigger" not in html
    assert "<progress" not in html


def test_the_sessions_page_takes_as_many_queries_for_two_parallel_sessions_as_for_five(
    client, fair
):
    event, session, *_ = fair
    organiser = ParticipantFactory(event=event, role="organiser")
    client.force_login(organiser.person.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("matchmaking:sessions", args=[event.slug]))
        assert response.status_code == 200
        return len(context)

    setup.add_session(
        by=None, event=event, name="Hall B", starts_at=DAY_1_STARTS + timedelta(minutes=30)
    )
    two = queries()
    for hour in (3, 4, 5):
        starts_at = DAY_1_STARTS + timedelta(hours=hour)
        setup.add_session(by=None, event=event, name=f"Hall {hour}", starts_at=starts_at)
    assert queries() == two


def test_runs_are_listed_in_the_event_s_time(client, fair):
    """Found by QA: a run started at 23:01 in Prague was listed at 22:01 (UTC)."""
    event = fair[0]
    run = ScheduleRun.objects.create(event=event, status="done", time_limit=30)
    ScheduleRun.objects.filter(pk=run.pk).update(
        created_at=datetime(2026, 12, 5, 22, 1, 27, tzinfo=UTC)
    )
    client.force_login(organiser_of(event))
    html = client.get(url("organiser-runs", event)).content.decode()
    assert event.time_zone == "Europe/Prague"
    assert "23:01:27" in html and "22:01:27" not in html


def test_parallel_session_names_are_quoted_as_the_readers_language_quotes(monkeypatch):
    """The quotation marks are the translators' to choose: „…“ in Czech, not “…”."""
    czech = {"“%(name)s”": "„%(name)s“"}
    monkeypatch.setattr(schedule_views, "_", lambda message: czech.get(message, message))
    sessions = [SimpleNamespace(name="B2B dopoledne"), SimpleNamespace(name="Odpoledne")]
    assert schedule_views.quoted_names(sessions) == "„B2B dopoledne“, „Odpoledne“"
