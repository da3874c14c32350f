"""Booking tours and sessions: places, the waitlist, clashes and bad input (SQLite and PG)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from modus.agenda import providers
from modus.agenda.providers import Entry
from modus.common.models import AuditEntry
from modus.directory.models import OrganisationKind
from modus.events import programme
from modus.events.models import Participant
from modus.matchmaking.models import Notification
from modus.visits import services
from modus.visits.models import TourBooking
from tests.factories import OrganisationFactory, ParticipantFactory, PersonFactory
from tests.visits.factories import ProgrammeSessionFactory, SiteVisitFactory, at

pytestmark = pytest.mark.django_db


def people(event, count):
    return [ParticipantFactory(event=event) for _ in range(count)]


def statuses(visit):
    return list(visit.places.order_by("pk").values_list("participant_id", "status"))


def test_books_until_full_then_waitlists_in_order():
    visit = SiteVisitFactory(capacity=2)
    a, b, c, d = people(visit.event, 4)
    for person in (a, b, c, d):
        services.book(visit=visit, participant=person, by=None)
    assert statuses(visit) == [
        (a.pk, "booked"),
        (b.pk, "booked"),
        (c.pk, "waiting"),
        (d.pk, "waiting"),
    ]


def test_cancelling_promotes_the_first_in_line_and_tells_them(django_capture_on_commit_callbacks):
    visit = SiteVisitFactory(capacity=1, title="Optics lab")
    a, b, c = people(visit.event, 3)
    for person in (a, b, c):
        services.book(visit=visit, participant=person, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(visit=visit, participant=a, by=None)
    assert [p.participant_id for p in promoted] == [b.pk]
    assert statuses(visit) == [(b.pk, "booked"), (c.pk, "waiting")]
    notice = Notification.objects.get(recipient=b)
    assert notice.kind == "tour-promoted"
    assert notice.url == visit.get_absolute_url()
    assert len(mail.outbox) == 1
    assert "Optics lab" in mail.outbox[0].subject


def test_leaving_the_waitlist_promotes_nobody():
    visit = SiteVisitFactory(capacity=1)
    a, b, c = people(visit.event, 3)
    for person in (a, b, c):
        services.book(visit=visit, participant=person, by=None)
    assert services.cancel(visit=visit, participant=b, by=None) == []
    assert statuses(visit) == [(a.pk, "booked"), (c.pk, "waiting")]


@pytest.mark.parametrize(
    ("first", "message"),
    [
        ("booked", "You already have a place on this tour."),
        ("waiting", "You are already on the waitlist of this tour."),
    ],
)
def test_booking_twice_is_refused_and_changes_nothing(first, message):
    visit = SiteVisitFactory(capacity=1)
    a, b = people(visit.event, 2)
    services.book(visit=visit, participant=a, by=None)
    services.book(visit=visit, participant=b, by=None)
    again = a if first == "booked" else b
    before = (statuses(visit), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.book(visit=visit, participant=again, by=None)
    assert refused.value.messages == [message]
    assert (statuses(visit), AuditEntry.objects.count()) == before


def test_a_past_tour_cannot_be_booked():
    visit = SiteVisitFactory()
    # A tour that has begun: moved into the past behind the services' back.
    type(visit).objects.filter(pk=visit.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        services.book(visit=visit, participant=ParticipantFactory(event=visit.event), by=None)
    assert refused.value.messages == ["This tour has already started."]
    assert TourBooking.objects.count() == 0


def test_a_tour_open_to_other_roles_refuses():
    visit = SiteVisitFactory(open_to=[Participant.Role.EXHIBITOR])
    with pytest.raises(ValidationError) as refused:
        services.book(visit=visit, participant=ParticipantFactory(event=visit.event), by=None)
    assert refused.value.messages == ["This tour is open to other participants only."]
    exhibitor = ParticipantFactory(event=visit.event, role=Participant.Role.EXHIBITOR)
    assert services.book(visit=visit, participant=exhibitor, by=None).is_booked


def test_a_tour_clashing_with_a_booked_session_is_refused_with_its_name():
    visit = SiteVisitFactory(starts_at=at(14), duration_minutes=120)
    session = ProgrammeSessionFactory(
        event=visit.event, title="Green transition", starts_at=at(15), capacity=10
    )
    person = ParticipantFactory(event=visit.event)
    programme.attend(session=session, participant=person, by=None)
    with pytest.raises(ValidationError) as refused:
        services.book(visit=visit, participant=person, by=None)
    when = refused.value.messages[0]
    assert when.startswith("This clashes with “Green transition” at ")
    assert TourBooking.objects.count() == 0


def test_a_waitlist_place_does_not_clash_and_a_clashing_waiter_keeps_their_turn():
    visit = SiteVisitFactory(capacity=1, starts_at=at(14))
    other = SiteVisitFactory(event=visit.event, capacity=1, starts_at=at(15))
    a, b, c = people(visit.event, 3)
    for person in (a, b, c):
        services.book(visit=visit, participant=person, by=None)
    # b waits for the first tour, so may still book the second one at the same time.
    services.book(visit=other, participant=b, by=None)
    services.cancel(visit=visit, participant=a, by=None)
    assert statuses(visit) == [(b.pk, "waiting"), (c.pk, "booked")]


def test_a_meeting_provider_clash_is_named(monkeypatch):
    class Meetings:
        kind = "meeting"

        def entries(self, ids):
            return {
                pk: [Entry("meeting", "meeting:1", at(14), at(14, 20), "Meeting with Ben")]
                for pk in ids
            }

    monkeypatch.setitem(providers._providers, "meeting", Meetings())
    visit = SiteVisitFactory(starts_at=at(13))
    with pytest.raises(ValidationError) as refused:
        services.book(visit=visit, participant=ParticipantFactory(event=visit.event), by=None)
    assert "“Meeting with Ben”" in refused.value.messages[0]


def test_more_places_promote_and_fewer_than_booked_are_refused():
    visit = SiteVisitFactory(capacity=1)
    a, b, c = people(visit.event, 3)
    for person in (a, b, c):
        services.book(visit=visit, participant=person, by=None)
    services.update_visit(visit=visit, by=None, capacity=2)
    assert statuses(visit) == [(a.pk, "booked"), (b.pk, "booked"), (c.pk, "waiting")]
    with pytest.raises(ValidationError) as refused:
        services.update_visit(visit=visit, by=None, capacity=1)
    assert refused.value.message_dict == {
        "capacity": ["2 people are already booked: the capacity cannot be lower."]
    }
    visit.refresh_from_db()
    assert visit.capacity == 2


def test_times_outside_the_event_and_end_before_start_are_refused():
    session = ProgrammeSessionFactory()
    with pytest.raises(ValidationError) as refused:
        programme.update_session(
            session=session, by=None, ends_at=session.starts_at - timedelta(hours=1)
        )
    assert refused.value.message_dict == {"ends_at": ["The end must be after the start."]}
    with pytest.raises(ValidationError) as refused:
        programme.create_session(
            event=session.event,
            by=None,
            title="Late",
            starts_at=at(10, day=3),
            ends_at=at(11, day=3),
        )
    assert list(refused.value.message_dict) == ["starts_at"]
    session.refresh_from_db()
    assert session.ends_at > session.starts_at


def test_deleting_a_tour_tells_everyone_with_a_place():
    visit = SiteVisitFactory(capacity=1)
    a, b = people(visit.event, 2)
    for person in (a, b):
        services.book(visit=visit, participant=person, by=None)
    assert services.delete_visit(visit=visit, by=None) == 2
    assert sorted(Notification.objects.values_list("recipient", "kind")) == [
        (a.pk, "tour-cancelled"),
        (b.pk, "tour-cancelled"),
    ]


def test_changing_a_session_tells_those_who_added_it():
    session = ProgrammeSessionFactory()
    person = ParticipantFactory(event=session.event)
    programme.attend(session=session, participant=person, by=None)
    programme.update_session(session=session, by=None, room="Hall B")
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (person.pk, "session-changed")
    ]


def test_open_seating_never_waits_and_speakers_see_their_sessions():
    session = ProgrammeSessionFactory(capacity=None)
    speaker = ParticipantFactory(event=session.event, role=Participant.Role.SPEAKER)
    session.speakers.set([speaker])
    listeners = people(session.event, 3)
    for person in listeners:
        assert programme.attend(session=session, participant=person, by=None).is_booked
    found = providers.entries_for([speaker.pk, *(p.pk for p in listeners)])
    assert [e.key for e in found[speaker.pk]] == [session.agenda_key]
    assert found[speaker.pk][0].detail == "You speak"
    # The speaker is taken; a listener at open seating is shown the session but stays free.
    assert found[speaker.pk][0].busy
    assert [(e.key, e.busy) for e in found[listeners[0].pk]] == [(session.agenda_key, False)]


def test_providers_answer_for_many_in_a_fixed_number_of_queries(
    django_assert_num_queries, django_assert_max_num_queries
):
    visit = SiteVisitFactory(capacity=50)
    session = ProgrammeSessionFactory(event=visit.event, capacity=50)
    crowd = people(visit.event, 20)
    for person in crowd:
        services.book(visit=visit, participant=person, by=None)
        programme.attend(session=session, participant=person, by=None)
    # Every kind's queries (meetings' too), as many for twenty people as for one.
    with django_assert_max_num_queries(20) as one:
        providers.entries_for([crowd[0].pk])
    with django_assert_num_queries(len(one.captured_queries)):
        found = providers.entries_for([p.pk for p in crowd])
    assert {len(entries) for entries in found.values()} == {2}


def test_message_and_bus_check():
    visit = SiteVisitFactory(capacity=1, title="Nanofibres")
    a, b = people(visit.event, 2)
    services.book(visit=visit, participant=a, by=None)
    services.book(visit=visit, participant=b, by=None)
    assert services.message_booked(visit=visit, message="Bus at 13:30", sender="Host", by=None) == 1
    assert Notification.objects.get().recipient == a
    with pytest.raises(ValidationError):
        services.message_booked(visit=visit, message="  ", sender="Host", by=None)
    place = visit.places.get(participant=a)
    assert services.mark_showed_up(place=place, showed_up=True, by=None).showed_up_at is not None
    with pytest.raises(ValidationError):
        services.mark_showed_up(place=visit.places.get(participant=b), showed_up=True, by=None)


def test_a_host_manager_cannot_hand_a_tour_to_another_cluster_by_any_path():
    """The edit form offers only their own cluster; the service holds the rule for every
    other caller too, and the system (by=None) and the event's organisers keep the choice."""
    visit = SiteVisitFactory()
    manager = PersonFactory()
    visit.host.manager = manager
    visit.host.save()
    other = OrganisationFactory(kind=OrganisationKind.CLUSTER, name="NANOPROGRESS")
    with pytest.raises(ValidationError) as refused:
        services.update_visit(visit=visit, by=manager.user, host=other, title="Moved")
    assert list(refused.value.message_dict) == ["host"]
    visit.refresh_from_db()
    assert (visit.host_id, visit.title) != (other.pk, "Moved")
    with pytest.raises(ValidationError) as refused:
        services.create_visit(
            event=visit.event,
            by=manager.user,
            host=other,
            title="New",
            starts_at=visit.starts_at,
            meeting_point="Gate",
            capacity=5,
        )
    assert list(refused.value.message_dict) == ["host"]
    services.update_visit(visit=visit, by=manager.user, host=visit.host, title="Kept host")
    organiser = ParticipantFactory(event=visit.event, role=Participant.Role.ORGANISER)
    services.update_visit(visit=visit, by=organiser.person.user, host=other)
    visit.refresh_from_db()
    assert (visit.host_id, visit.title) == (other.pk, "Kept host")
