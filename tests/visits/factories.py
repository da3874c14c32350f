"""Tours and programme sessions on an event a month ahead, so they can still be booked."""

import zoneinfo
from datetime import date, datetime, time, timedelta

import factory

from modus.directory.models import OrganisationKind
from modus.events.models import ProgrammeSession
from modus.visits.models import SiteVisit
from tests.factories import EventFactory, OrganisationFactory

PRAGUE = zoneinfo.ZoneInfo("Europe/Prague")
FIRST_DAY = date.today() + timedelta(days=30)


def at(hour: int, minute: int = 0, day: int = 0) -> datetime:
    """An instant on the event's `day` (0: the first), at Prague local time."""
    return datetime.combine(FIRST_DAY + timedelta(days=day), time(hour, minute), PRAGUE)


class FutureEventFactory(EventFactory):
    start_date = FIRST_DAY
    end_date = FIRST_DAY + timedelta(days=1)


class SiteVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteVisit

    event = factory.SubFactory(FutureEventFactory)
    host = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.CLUSTER)
    title = factory.Sequence(lambda n: f"Tour {n}")
    starts_at = factory.LazyFunction(lambda: at(14))
    duration_minutes = 180
    meeting_point = "Main entrance"
    capacity = 5


class ProgrammeSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeSession

    event = factory.SubFactory(FutureEventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyFunction(lambda: at(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
