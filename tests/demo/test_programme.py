"""The demo's programme and site visits, built on a small event of the demo's dates."""

import copy
import random
from datetime import date

import pytest
from django.db.models import Count, Q

from modus.demo.programme import SESSIONS, TOURS, build_programme, build_site_visits
from modus.events.models import Participant, ProgrammeSession
from modus.visits.models import SiteVisit
from tests.environment import rolled_back
from tests.factories import EventFactory, OrganisationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """Built once for the module's tests: 158 participants take most of a test's time."""
    with rolled_back(django_db_blocker):
        yield build()


@pytest.fixture
def built(shared, db):
    return copy.deepcopy(shared)


def build():
    event = EventFactory(slug="ecc-2022", start_date=date(2022, 9, 26), end_date=date(2022, 9, 27))
    for tour in TOURS:
        OrganisationFactory(name=tour.host, kind="cluster")
    speakers = [ParticipantFactory(event=event, role=Participant.Role.SPEAKER) for _ in range(8)]
    crowd = [ParticipantFactory(event=event) for _ in range(150)]
    delegate = crowd[0]
    rng = random.Random(2022)
    build_programme(rng, event, delegate)
    build_site_visits(rng, event, delegate)
    return event, delegate, speakers


def test_both_days_programme_with_the_nca_side_event(built):
    event, delegate, _ = built
    sessions = event.programme.all()
    assert sessions.count() == len(SESSIONS)
    days = {s.starts_at.astimezone(s.starts_at.tzinfo).date() for s in sessions}
    assert {d.day for d in days} == {26, 27}
    nca = sessions.get(title="Introducing the National Cluster Association")
    assert nca.kind == ProgrammeSession.Kind.SIDE_EVENT
    assert nca.places.filter(participant=delegate, status="booked").exists()
    kinds = set(sessions.values_list("kind", flat=True))
    assert {"plenary", "side-event", "partner-meeting"} <= kinds


def test_five_tours_by_the_five_clusters_and_one_full_with_a_waitlist(built):
    event, delegate, _ = built
    visits = SiteVisit.objects.filter(event=event).annotate(
        booked=Count("places", filter=Q(places__status="booked")),
        waiting=Count("places", filter=Q(places__status="waiting")),
    )
    assert sorted(v.host.name for v in visits) == sorted(t.host for t in TOURS)
    assert all(v.booked <= v.capacity for v in visits)
    full = [v.host.name for v in visits if v.booked == v.capacity and v.waiting]
    assert full == ["CZECHIMPLANT"]
    optics = visits.get(host__name="Czech Optical Cluster")
    assert optics.places.filter(participant=delegate, status="booked").exists()
