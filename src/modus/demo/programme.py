"""The demo's two-day programme and the five site visits, built through the real services.

The event is in the past; bookings are made "as of" 1 September 2022, when registration ran.
"""

import contextlib
import random
import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError

from modus.directory.models import Organisation
from modus.events import programme
from modus.events.models import Event, Participant, ProgrammeSession
from modus.visits import services as visits

BOOKED_AS_OF = datetime(2022, 9, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Prague"))
Kind = ProgrammeSession.Kind


@dataclass(frozen=True)
class SessionSpec:
    day: int  # 26 or 27 September
    start: str
    end: str
    kind: str
    title: str
    room: str
    track: str = ""
    capacity: int | None = None
    speakers: int = 0
    description: str = ""
    language: str = "English"
    attendance: int = 0  # how many participants add it to their agenda


SESSIONS = (
    SessionSpec(
        26,
        "09:30",
        "10:15",
        Kind.PLENARY,
        "Opening: cluster policy in the Czech EU Presidency",
        "Forum Hall",
        "Plenary",
        speakers=3,
        attendance=60,
        description=(
            "Welcome by the Ministry of Industry and Trade and the European Commission: "
            "why clusters matter for Europe's industrial policy."
        ),
    ),
    SessionSpec(
        26,
        "10:30",
        "11:45",
        Kind.PLENARY,
        "European cluster policy after 2022",
        "Forum Hall",
        "Plenary",
        speakers=4,
        attendance=40,
        description=(
            "Cluster policy-makers from member states on the next generation of cluster "
            "programmes and Euroclusters."
        ),
    ),
    SessionSpec(
        26,
        "12:00",
        "13:00",
        Kind.PANEL,
        "Clusters for the green transition",
        "Hall A",
        "Green transition",
        speakers=4,
        attendance=30,
        description=(
            "How cluster organisations help their members cut emissions, reuse materials "
            "and find green finance."
        ),
    ),
    SessionSpec(
        26,
        "12:00",
        "13:00",
        Kind.PANEL,
        "The digital transition of SMEs",
        "Hall B",
        "Digital transition",
        speakers=4,
        attendance=30,
        description=(
            "Data spaces, AI and cybersecurity for small manufacturers: what clusters can do."
        ),
    ),
    SessionSpec(
        26,
        "14:00",
        "15:30",
        Kind.SIDE_EVENT,
        "Introducing the National Cluster Association",
        "Club Room",
        "Side events",
        capacity=60,
        speakers=2,
        attendance=40,
        description=(
            "The NCA presents itself: its member clusters, its services and how to work "
            "with Czech clusters."
        ),
    ),
    SessionSpec(
        26,
        "15:45",
        "17:00",
        Kind.WORKSHOP,
        "Cluster managers' workshop: going international",
        "Room 3",
        "Side events",
        capacity=30,
        speakers=2,
        attendance=25,
        description=(
            "Hands-on: building international partnerships and joint projects between clusters."
        ),
    ),
    SessionSpec(
        26,
        "17:30",
        "18:30",
        Kind.PARTNER_MEETING,
        "European Cluster Collaboration Platform partners' meeting",
        "Room 4",
        "Side events",
        capacity=40,
        speakers=1,
        attendance=20,
    ),
    SessionSpec(
        27,
        "09:00",
        "10:30",
        Kind.PLENARY,
        "Industrial ecosystems and resilient value chains",
        "Forum Hall",
        "Plenary",
        speakers=4,
        attendance=50,
        description=(
            "The 14 industrial ecosystems of the EU industrial strategy, and the role of "
            "clusters in their transition pathways."
        ),
    ),
    SessionSpec(
        27,
        "10:45",
        "12:00",
        Kind.PANEL,
        "Clusters across the industrial ecosystems",
        "Hall A",
        "Industrial ecosystems",
        speakers=4,
        attendance=25,
    ),
    SessionSpec(
        27,
        "10:45",
        "12:00",
        Kind.WORKSHOP,
        "Skills partnerships for the green deal",
        "Room 3",
        "Green transition",
        capacity=40,
        speakers=2,
        attendance=30,
    ),
    SessionSpec(
        27,
        "12:00",
        "13:00",
        Kind.PARTNER_MEETING,
        "Euroclusters consortium meeting",
        "Room 4",
        "Industrial ecosystems",
        capacity=25,
        speakers=1,
        attendance=15,
    ),
    SessionSpec(
        27,
        "12:00",
        "13:00",
        Kind.PLENARY,
        "Closing: the green and digital transition together",
        "Forum Hall",
        "Plenary",
        speakers=3,
        attendance=40,
    ),
)


@dataclass(frozen=True)
class TourSpec:
    host: str
    title: str
    start: str
    minutes: int
    capacity: int
    meeting_point: str
    transport: str
    description: str
    bookings: int  # more than the capacity: a waitlist
    video_url: str = ""


TOURS = (
    TourSpec(
        "MECHATRONIKA Cluster",
        "Smart factories of the Zlín region",
        "13:30",
        330,
        40,
        "Prague Congress Centre, entrance 1, bus bay B",
        "Coach, about 3 hours each way",
        "Robotic welding, automated assembly lines and a vocational school's Industry 4.0 lab.",
        28,
        "https://video.mechatronika.example/invitation",
    ),
    TourSpec(
        "NANOPROGRESS",
        "Nanofibres from lab to production",
        "13:30",
        300,
        30,
        "Prague Congress Centre, entrance 1, bus bay C",
        "Coach, about 2 hours each way",
        "Needle-free electrospinning lines for filtration and medical nanofibre products.",
        22,
    ),
    TourSpec(
        "CLUTEX",
        "Technical textiles in Liberec",
        "13:30",
        300,
        30,
        "Prague Congress Centre, entrance 1, bus bay D",
        "Coach, about 1.5 hours each way",
        "Smart and protective textiles, composites and the textile research institute.",
        20,
    ),
    TourSpec(
        "CZECHIMPLANT",
        "Medical implants: design, testing and certification",
        "13:30",
        360,
        25,
        "Prague Congress Centre, entrance 1, bus bay E",
        "Coach, about 3.5 hours each way",
        (
            "Implant manufacturing, biomaterials testing and preparing for the EU Medical Device "
            "Regulation."
        ),
        33,
    ),
    TourSpec(
        "Czech Optical Cluster",
        "Precision optics and lasers in Turnov",
        "13:30",
        300,
        35,
        "Prague Congress Centre, entrance 1, bus bay A",
        "Coach, about 1.5 hours each way",
        "Optical coating, precision lens making and laser systems for science and space.",
        25,
    ),
)


def at(event: Event, day: int, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime(2022, 9, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(event.time_zone))


def build_programme(rng: random.Random, event: Event, delegate: Participant) -> None:
    """Both days' sessions with speakers, and who added which to their agenda."""
    participants = list(event.participants.order_by("pk"))
    speakers = [p for p in participants if p.role == Participant.Role.SPEAKER]
    audience = [p for p in participants if p.role != Participant.Role.ORGANISER]
    for spec in SESSIONS:
        session = programme.create_session(
            event=event,
            by=None,
            title=spec.title,
            kind=spec.kind,
            description=spec.description,
            starts_at=at(event, spec.day, spec.start),
            ends_at=at(event, spec.day, spec.end),
            room=spec.room,
            track=spec.track,
            language=spec.language,
            capacity=spec.capacity,
            speakers=rng.sample(speakers, spec.speakers),
        )
        attendees = rng.sample(audience, spec.attendance)
        if spec.kind == Kind.SIDE_EVENT:
            attendees.insert(0, delegate)
        for participant in attendees:
            # A speaker elsewhere at that time, or a clash: they do not add it.
            with contextlib.suppress(ValidationError):
                programme.attend(
                    session=session, participant=participant, by=None, now=BOOKED_AS_OF
                )


def build_site_visits(rng: random.Random, event: Event, delegate: Participant) -> None:
    """The five member clusters' tours on the second afternoon; CZECHIMPLANT's is full."""
    hosts = {o.name: o for o in Organisation.objects.filter(name__in=[t.host for t in TOURS])}
    people = list(
        event.participants.exclude(role=Participant.Role.ORGANISER)
        .exclude(pk=delegate.pk)
        .order_by("pk")
    )
    rng.shuffle(people)
    start = 0
    for spec in TOURS:
        visit = visits.create_visit(
            event=event,
            by=None,
            host=hosts[spec.host],
            title=spec.title,
            description=spec.description,
            video_url=spec.video_url,
            starts_at=at(event, 27, spec.start),
            duration_minutes=spec.minutes,
            meeting_point=spec.meeting_point,
            transport=spec.transport,
            capacity=spec.capacity,
            language="English",
        )
        bookers = people[start : start + spec.bookings]
        start += spec.bookings
        if spec.host == "Czech Optical Cluster":
            bookers.insert(0, delegate)
        for participant in bookers:
            with contextlib.suppress(ValidationError):
                visits.book(visit=visit, participant=participant, by=None, now=BOOKED_AS_OF)
