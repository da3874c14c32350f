"""The demo's exhibition: 30 stands on the plan of the congress hall (the stand holders of
the matchmaking and the NCA's own stand with its member clusters' materials), and leads
scanned at several stands."""

import random
import zoneinfo
from collections import defaultdict
from datetime import datetime, time, timedelta

from modus.demo.seed_organisations import ASSOCIATION, SITE_VISIT_CLUSTERS
from modus.directory.models import Opportunity, Organisation
from modus.events.badges import badge_for
from modus.events.models import Event, Participant
from modus.stands import services as stands
from modus.stands.models import Lead, Stand

HALL_WIDTH, HALL_HEIGHT = 48, 30
STAND_WIDTH, STAND_DEPTH = 4, 3
# Two double rows of eight stands, back to back, with aisles between; the entrance below.
ROWS = (3, 6, 15, 18)
COLUMNS = tuple(4 + 5 * i for i in range(8))
NCA_NUMBER = "N1"
LEAD_STANDS = 6
LEAD_NOTES = (
    "Asked for a quote for a pilot series.",
    "Interested in joint Horizon Europe project.",
    "Send the product catalogue in German.",
    "Looking for a distributor in Poland.",
    "Wants to visit our production line.",
    "",
)


def build_stands(event: Event, seed: int) -> list[Stand]:
    """The hall, its 30 stands and some leads; call after the matchmaking's stands exist."""
    rng = random.Random(f"{seed}-stands")
    hall = stands.save_hall(
        by=None, event=event, name="Congress Hall, level 1", width=HALL_WIDTH, height=HALL_HEIGHT
    )
    tables = list(
        event.tables.filter(host__isnull=False)
        .select_related("host__person__organisation")
        .order_by("pk")
    )
    exhibitors = defaultdict(list)
    for participant in event.participants.filter(role=Participant.Role.EXHIBITOR).order_by("pk"):
        exhibitors[participant.person.organisation_id].append(participant)
    offers = offers_by_person(event)
    places = [(x, y) for y in ROWS for x in COLUMNS]
    made = []
    # One place is the NCA's, so the 30 stands are the NCA's and 29 stand holders'.
    for (x, y), table in zip(places, tables[: len(places) - 3], strict=False):
        host = table.host
        organisation = host.person.organisation
        staff = (
            [host] + [p for p in exhibitors[organisation.pk] if p != host]
            if organisation
            else [host]
        )
        made.append(
            stands.add_stand(
                by=None,
                event=event,
                number=table.name,
                name=organisation.name if organisation else host.person.full_name,
                exhibitor=organisation,
                hall=hall,
                x=x,
                y=y,
                width=STAND_WIDTH,
                depth=STAND_DEPTH,
                staff=staff,
                meeting_point=table,
                description=organisation.description if organisation else "",
                offers="\n".join(t for p in staff for t in offers.get(p.person_id, []))[:3000],
            )
        )
    made.append(nca_stand(event, hall))
    add_leads(rng, event, made)
    return made


def offers_by_person(event: Event) -> dict[int, list[str]]:
    titles = defaultdict(list)
    rows = Opportunity.objects.filter(
        direction=Opportunity.Direction.OFFER, person__participations__event=event
    ).values_list("person_id", "title")
    for person_id, title in rows.order_by("person_id", "pk"):
        titles[person_id].append(title)
    return titles


def nca_stand(event: Event, hall) -> Stand:
    association = Organisation.objects.get(name=ASSOCIATION.name)
    clusters = {
        o.name: o
        for o in Organisation.objects.filter(name__in=[spec.name for spec in SITE_VISIT_CLUSTERS])
    }
    materials = [
        f"{spec.name} ({spec.city}): {spec.description.split('. ')[0].rstrip('.')}."
        for spec in SITE_VISIT_CLUSTERS
        if spec.name in clusters
    ]
    staff = list(event.participants.filter(person__organisation=association).order_by("pk")[:4])
    return stands.add_stand(
        by=None,
        event=event,
        number=NCA_NUMBER,
        name=association.name,
        exhibitor=association,
        hall=hall,
        x=(HALL_WIDTH - 8) // 2,
        y=24,
        width=8,
        depth=3,
        staff=staff,
        description=(
            "The association's own stand: meet the NCA team, ask which members work on what, "
            "and leave your business card for a specific cluster manager. Take home the member "
            "magazine KLASTROVINY."
        ),
        offers="Materials of the member clusters:\n" + "\n".join(materials),
    )


def add_leads(rng: random.Random, event: Event, made: list[Stand]) -> None:
    """Leads at six stands (the demo exhibitor's and the NCA's among them), with notes,
    ratings and one visitor who keeps their contact to themselves."""
    staffed = {s.pk: set(s.staff.values_list("pk", flat=True)) for s in made}
    demo_stand = next(
        (
            s
            for s in made
            if s.staff.filter(person__user__email="exhibitor@optics.example").exists()
        ),
        made[0],
    )
    others = [s for s in made[:-1] if s != demo_stand]
    chosen = [demo_stand, made[-1], *rng.sample(others, LEAD_STANDS - 2)]
    visitors = list(
        event.participants.filter(role=Participant.Role.DELEGATE)
        .select_related("person__user")
        .order_by("pk")
    )
    demo_delegate = next(p for p in visitors if p.person.user.email == "delegate@demo.example")
    for stand in chosen:
        picked = rng.sample(visitors, rng.randint(3, 8))
        if stand == demo_stand and demo_delegate not in picked:
            picked.append(demo_delegate)
        for visitor in picked:
            if visitor.pk in staffed[stand.pk]:
                continue
            lead, _created = stands.scan_badge(by=None, stand=stand, code=badge_for(visitor).code)
            at = during_the_fair(rng, event)
            Lead.objects.filter(pk=lead.pk).update(first_scanned_at=at, last_scanned_at=at)
            stands.update_lead(
                by=None,
                lead=lead,
                notes=rng.choice(LEAD_NOTES),
                rating=rng.choice([None, 2, 3, 4, 5]),
                follow_up=rng.choice(Lead.FollowUp.values),
            )
    withholding = Lead.objects.filter(stand__in=chosen).exclude(visitor=demo_delegate).first()
    stands.withhold_contact(by=None, lead=withholding, withheld=True)


def during_the_fair(rng: random.Random, event: Event) -> datetime:
    """A moment the hall is open: either day of the event, 9:30 to 17:00 local time (the
    demo is built after its event, and a scan dated today would not fit it)."""
    day = event.start_date + timedelta(
        days=rng.randrange((event.end_date - event.start_date).days + 1)
    )
    opens = datetime.combine(day, time(9, 30), tzinfo=zoneinfo.ZoneInfo(event.time_zone))
    return opens + timedelta(minutes=rng.randrange(450))
