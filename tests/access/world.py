"""A small, demo-like world for the access matrix: one event with every role, a second
event with its own organiser, a hidden person, a hidden cluster and contacts nobody
consented to show."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from modus.awards import services as awards
from modus.awards.models import Award, Nominee
from modus.directory import introductions
from modus.directory import services as directory
from modus.directory.models import (
    IntroductionRequest,
    OrganisationJoinRequest,
    OrganisationKind,
    Visibility,
)
from modus.events.badge_print import make_badge_print, start_badge_print
from modus.events.badges import badge_for
from modus.events.models import (
    BadgePrint,
    Event,
    Participant,
    ProgrammeSession,
    RegistrationImport,
)
from modus.events.registration_import import start_import
from modus.events.selectors import ParticipantFilters
from modus.matchmaking.models import Meeting, MeetingRequest, Table
from modus.matchmaking.services import recommendations, requests, setup
from modus.stands import services as stands
from modus.stands.models import Hall, Lead, Stand
from modus.visits.models import SiteVisit, TourBooking
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    PersonFactory,
    UserFactory,
)
from tests.matchmaking.helpers import DAY_1_STARTS, event_with_day_1

# Words that must not reach a viewer the policy does not let see them.
HIDDEN_PERSON = "Neviditelná"
HIDDEN_OFFER = "Tajné kvantové senzory"
HIDDEN_CLUSTER = "Stínový klastr"
MANAGER_EMAIL = "cyril.secret@optics-cluster.example"
MANAGER_PHONE = "+420 601 987 654"
HIDDEN_EMAIL = "zdislava.secret@hidden.example"
# A stand's notes on a lead: its staff's alone.
LEAD_NOTE = "Wants forty spectrometers by spring"

# The smallest valid PNG: one transparent pixel.
PHOTO = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)

ROLES = (
    "anonymous",
    "delegate",
    "exhibitor",
    "cluster_manager",
    "organiser",
    "other_organiser",
    "staff",
)


@dataclass
class World:
    event: Event
    other_event: Event
    users: dict
    delegate: Participant
    exhibitor: Participant
    public_person: Participant
    hidden: Participant
    meeting: Meeting
    meeting_request: MeetingRequest
    stand: Table
    exhibit: Stand
    hall: Hall
    lead: Lead
    join_request: OrganisationJoinRequest
    introduction: IntroductionRequest
    registration_import: RegistrationImport
    badge_print: BadgePrint
    association_slug: str
    cluster_slug: str
    award: Award
    nominee: Nominee
    declined_nominee: Nominee
    visit: SiteVisit | None = None
    visit_booking: TourBooking | None = None
    programme_session: ProgrammeSession | None = None


def person(first: str, last: str, email: str, **fields):
    return PersonFactory(first_name=first, last_name=last, user=UserFactory(email=email), **fields)


def build_world() -> World:
    association = OrganisationFactory(
        name="National Cluster Association", kind=OrganisationKind.ASSOCIATION
    )
    manager = person("Cyril", "Manažer", MANAGER_EMAIL, phone=MANAGER_PHONE, share_contact=False)
    cluster = OrganisationFactory(name="Optics Cluster", kind=OrganisationKind.CLUSTER)
    cluster.manager = manager
    cluster.save()
    hidden_cluster = OrganisationFactory(
        name=HIDDEN_CLUSTER, kind=OrganisationKind.CLUSTER, visibility=Visibility.HIDDEN
    )
    MembershipFactory(member=cluster, parent=association)
    MembershipFactory(member=hidden_cluster, parent=association)

    event, session = event_with_day_1(name="European Cluster Conference")
    other_event = EventFactory(name="Another Conference")
    organiser = ParticipantFactory(
        event=event, role=Participant.Role.ORGANISER, person=person("Olga", "Org", "olga@x.example")
    )
    other_organiser = ParticipantFactory(
        event=other_event,
        role=Participant.Role.ORGANISER,
        person=person("Otto", "Jiný", "otto@x.example"),
    )
    delegate = ParticipantFactory(event=event, person=person("Dana", "Delegátka", "dana@x.example"))
    exhibitor = ParticipantFactory(
        event=event,
        role=Participant.Role.EXHIBITOR,
        person=person("Emil", "Vystavovatel", "emil@x.example"),
    )
    ParticipantFactory(event=event, person=manager)
    public_person = ParticipantFactory(
        event=event,
        person=person("Petra", "Veřejná", "petra@x.example", visibility=Visibility.PUBLIC),
    )
    hidden = ParticipantFactory(
        event=event,
        person=person(
            "Zdislava", HIDDEN_PERSON, HIDDEN_EMAIL, visibility=Visibility.HIDDEN, phone="+420 1"
        ),
    )
    OpportunityFactory(person=hidden.person, title=HIDDEN_OFFER)
    # A hidden person's photo: its address must open for those who may see the person only.
    hidden.person.photo.save("zdislava.png", ContentFile(PHOTO))
    OpportunityFactory(
        person=delegate.person, direction="request", title="Sensors for quality control"
    )
    OpportunityFactory(person=public_person.person, title="Precision optics")
    stand = setup.add_stand(by=None, event=event, name="S1", host=exhibitor)
    meeting = requests.accept_request(
        request=requests.send_request(by=delegate, recipient=public_person),
        by=public_person,
        slot=session.slots.order_by("position").first(),
    )
    meeting_request = requests.send_request(by=delegate, recipient=exhibitor)
    recommendations.recompute(event)
    join_request = directory.request_to_join(by=None, person=delegate.person, organisation=cluster)
    # The delegate asks to be introduced to the cluster: routed to the cluster manager.
    introduction = introductions.ask_introduction(
        by=None, requester=delegate.person, organisation=cluster, wish="Optics suppliers"
    )
    registration_import = start_import(
        by=organiser.person.user,
        event=event,
        uploaded=SimpleUploadedFile(
            "people.csv", "email,first_name,last_name\nnew@x.example,Nora,Nová\n".encode()
        ),
    )
    hall = stands.save_hall(by=None, event=event, name="Hall 1", width=30, height=20)
    exhibit = stands.add_stand(
        by=None,
        event=event,
        number="A1",
        name="Emil's optics",
        hall=hall,
        exhibitor=exhibitor.person.organisation,
        staff=[exhibitor],
        meeting_point=stand,
    )
    lead, _created = stands.scan_badge(by=None, stand=exhibit, code=badge_for(delegate).code)
    stands.update_lead(by=None, lead=lead, notes=LEAD_NOTE, rating=4, follow_up="new")
    # The cluster manager's cluster hosts a tour the delegate booked (the event is past, so
    # the place is written directly: booking now would be refused).
    visit = SiteVisit.objects.create(
        event=event,
        host=cluster,
        title="Optics lab tour",
        starts_at=DAY_1_STARTS,
        meeting_point="Main entrance",
        capacity=10,
    )
    visit_booking = TourBooking.objects.create(
        bookable=visit, participant=delegate, status=TourBooking.Status.BOOKED
    )
    programme_session = ProgrammeSession.objects.create(
        event=event,
        title="Cluster policy",
        starts_at=DAY_1_STARTS,
        ends_at=DAY_1_STARTS + timedelta(hours=1),
    )
    staff = UserFactory(email="staff@x.example", is_staff=True, is_superuser=True)
    award, nominee, declined = build_awards(event, organiser.person.user)
    badge_print = make_badge_print(
        start_badge_print(by=None, event=event, layout="sheet", filters=ParticipantFilters())
    )
    users = {
        "anonymous": None,
        "delegate": delegate.person.user,
        "exhibitor": exhibitor.person.user,
        "cluster_manager": manager.user,
        "organiser": organiser.person.user,
        "other_organiser": other_organiser.person.user,
        "staff": staff,
    }
    return World(
        event=event,
        other_event=other_event,
        users=users,
        delegate=delegate,
        exhibitor=exhibitor,
        public_person=public_person,
        hidden=hidden,
        meeting=meeting,
        meeting_request=meeting_request,
        stand=stand,
        exhibit=exhibit,
        hall=hall,
        lead=lead,
        join_request=join_request,
        introduction=introduction,
        registration_import=registration_import,
        association_slug=association.slug,
        cluster_slug=cluster.slug,
        visit=visit,
        visit_booking=visit_booking,
        programme_session=programme_session,
        award=award,
        nominee=nominee,
        declined_nominee=declined,
        badge_print=badge_print,
    )


def build_awards(event: Event, organiser) -> tuple[Award, Nominee, Nominee]:
    """An award open to proposals, with a nominee, a declined nominee with a picture (its
    address must open for those who manage the event only), and both phases open now."""
    award = awards.add_award(by=organiser, event=event, name="Cluster Manager of the Year")
    awards.change_award(by=organiser, award=award, nominations_open=True)
    nominee = awards.add_nominee(by=organiser, award=award, name="Alena Nováková", kind="person")
    declined = awards.add_nominee(by=organiser, award=award, name="Běla Bílá", kind="person")
    declined.picture.save("bela.png", ContentFile(PHOTO))
    awards.decide_nominee(by=organiser, nominee=declined, approve=False)
    now = timezone.now()
    for kind in ("online", "onsite"):
        awards.configure_phase(
            by=organiser,
            event=event,
            kind=kind,
            opens_at=now - timedelta(hours=1),
            closes_at=now + timedelta(hours=1),
            weight=50,
        )
    return award, nominee, declined
