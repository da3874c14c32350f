"""Every change to halls, stands and leads: one function per intention, in one transaction,
recorded in the audit log."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from modus.common import audit
from modus.common.permissions import require
from modus.directory.models import Organisation
from modus.events.badges import participant_for_badge
from modus.events.models import Event, Participant
from modus.matchmaking.models import Table
from modus.matchmaking.services.locks import lock_hall, lock_registered, lock_stand
from modus.matchmaking.services.notifications import notify
from modus.stands.models import Hall, Lead, Stand
from modus.stands.selectors import staff_candidates, staff_choices


def check_inside(hall: Hall | None, *, x: int, y: int, width: int, depth: int, number: str) -> None:
    if hall is not None and (x + width > hall.width or y + depth > hall.height):
        raise ValidationError(
            _("Stand %(number)s does not fit in %(hall)s (%(width)s × %(height)s).")
            % {"number": number, "hall": hall.name, "width": hall.width, "height": hall.height}
        )


def overlap(a: Stand, b: Stand) -> bool:
    """Whether two stands of a hall share floor; touching edges share none."""
    return (
        a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.depth and b.y < a.y + a.depth
    )


def check_apart(stand: Stand, others: Iterable[Stand]) -> None:
    """A stand covering another on the plan hides it: neither could be tapped."""
    for other in others:
        if other.pk != stand.pk and overlap(stand, other):
            raise ValidationError(
                _("Stand %(number)s would cover stand %(other)s on the plan.")
                % {"number": stand.number, "other": other.number}
            )


@transaction.atomic
def save_hall(
    *,
    by,
    event: Event,
    hall: Hall | None = None,
    name: str,
    width: int,
    height: int,
    image=None,
    clear_image: bool = False,
) -> Hall:
    """Add a hall, or change one: its name, grid size and plan image."""
    require(by, "events.manage_event", event)
    hall = hall or Hall(event=event)
    if hall.event_id != event.pk:
        raise ValidationError(_("This hall belongs to another event."))
    if hall.pk:
        lock_hall(hall.pk)  # a stand added meanwhile is then inside the size checked here
    hall.name, hall.width, hall.height = name, width, height
    if image is not None:
        hall.image = image
    elif clear_image:
        hall.image = ""
    hall.full_clean()
    if hall.pk:
        for stand in hall.stands.all():
            check_inside(
                hall,
                x=stand.x,
                y=stand.y,
                width=stand.width,
                depth=stand.depth,
                number=stand.number,
            )
    hall.save()
    audit.record(
        by=by, action="stands.hall_saved", obj=hall, data={"width": width, "height": height}
    )
    return hall


def check_stand_parts(
    event: Event, *, hall: Hall | None, meeting_point: Table | None, staff: Iterable[Participant]
) -> list[Participant]:
    if hall is not None and hall.event_id != event.pk:
        raise ValidationError(_("The hall belongs to another event."))
    if meeting_point is not None and (
        meeting_point.event_id != event.pk or not meeting_point.is_stand
    ):
        raise ValidationError(_("The meeting point must be a stand of this event's matchmaking."))
    staff = list(staff)
    if any(member.event_id != event.pk for member in staff):
        raise ValidationError(_("Stand staff must be participants of this event."))
    return staff


@transaction.atomic
def add_stand(
    *,
    by,
    event: Event,
    number: str,
    name: str,
    exhibitor: Organisation | None = None,
    hall: Hall | None = None,
    x: int = 0,
    y: int = 0,
    width: int = 3,
    depth: int = 2,
    staff: Iterable[Participant] = (),
    meeting_point: Table | None = None,
    description: str = "",
    offers: str = "",
) -> Stand:
    """Put a stand on the floor plan, with its staff and its B2B meeting point."""
    require(by, "events.manage_event", event)
    staff = check_stand_parts(event, hall=hall, meeting_point=meeting_point, staff=staff)
    lock_registered(*staff)  # people first, in the one lock order; none withdrawn meanwhile
    if hall is not None:
        hall = lock_hall(hall.pk)
    check_inside(hall, x=x, y=y, width=width, depth=depth, number=number)
    stand = Stand(
        event=event,
        number=number.strip(),
        name=name.strip(),
        exhibitor=exhibitor,
        hall=hall,
        x=x,
        y=y,
        width=width,
        depth=depth,
        meeting_point=meeting_point,
        description=description,
        offers=offers,
    )
    stand.full_clean()
    if hall is not None:
        check_apart(stand, hall.stands.only("pk", "number", "x", "y", "width", "depth"))
    stand.save()
    stand.staff.set(staff)
    audit.record(by=by, action="stands.stand_added", obj=stand, data={"number": stand.number})
    return stand


@transaction.atomic
def set_staff(*, by, stand: Stand, staff: Iterable[Participant]) -> Stand:
    """Replace the stand's staff: they scan badges and see its leads. A person may join only
    if `by` may choose them (see selectors.staff_candidates); those already there may stay,
    and those `by` may not see stay whatever `staff` says (they were never offered)."""
    require(by, "stands.change_staff", stand)
    staff = check_stand_parts(stand.event, hall=None, meeting_point=None, staff=staff)
    lock_registered(*staff)
    stand = lock_stand(stand.pk)
    if by is not None:
        offered = staff_choices(by, stand).values("pk")
        staff += stand.staff.exclude(pk__in=offered).exclude(pk__in=[m.pk for m in staff])
    before = set(stand.staff.values_list("pk", flat=True))
    joining = {member.pk for member in staff} - before
    if by is not None and joining - set(
        staff_candidates(by, stand).filter(pk__in=joining).values_list("pk", flat=True)
    ):
        raise ValidationError(_("Choose the stand's staff among the people this page offers."))
    stand.staff.set(staff)
    for member in staff:
        if member.pk in joining:
            data = {"number": stand.number, "name": stand.name}
            url = reverse("stands:stand", args=[stand.event.slug, stand.pk])
            notify(member, "stand-staffed", data, url)
    after = sorted(member.pk for member in staff)
    audit.record(
        by=by, action="stands.staff_set", obj=stand, data={"before": sorted(before), "staff": after}
    )
    return stand


@transaction.atomic
def update_stand(*, by, stand: Stand, description: str, offers: str) -> Stand:
    """The exhibitor's own words on the stand's page."""
    require(by, "stands.change_stand", stand)
    stand.description, stand.offers = description, offers
    stand.full_clean()
    stand.save(update_fields=["description", "offers"])
    audit.record(by=by, action="stands.stand_updated", obj=stand)
    return stand


@transaction.atomic
def place_stands(*, by, hall: Hall, positions: Mapping[int, tuple[int, int]]) -> int:
    """Move stands of the hall to new (x, y) grid positions: all of them or, when one does
    not fit or is not in the hall, none."""
    require(by, "events.manage_event", hall.event)
    hall = lock_hall(hall.pk)
    in_hall = list(hall.stands.select_for_update().order_by("pk"))
    stands = {s.pk: s for s in in_hall if s.pk in positions}
    unknown = set(positions) - set(stands)
    if unknown:
        raise ValidationError(_("A stand to place is not in this hall."))
    moved = []
    for pk, (x, y) in positions.items():
        stand = stands[pk]
        if x < 0 or y < 0:
            raise ValidationError(_("Positions cannot be negative."))
        check_inside(hall, x=x, y=y, width=stand.width, depth=stand.depth, number=stand.number)
        if (stand.x, stand.y) != (x, y):
            stand.x, stand.y = x, y
            moved.append(stand)
    # Stands placed before on top of each other may stay so until one of them moves.
    for stand in moved:
        check_apart(stand, in_hall)
    Stand.objects.bulk_update(moved, ["x", "y"])
    audit.record(
        by=by,
        action="stands.stands_placed",
        obj=hall,
        data={"moved": {s.pk: [s.x, s.y] for s in moved}},
    )
    return len(moved)


@transaction.atomic
def scan_badge(*, by, stand: Stand, code: str) -> tuple[Lead, bool]:
    """A stand's staff scanned or typed a visitor's badge code: the visitor's lead at this
    stand, made on the first scan and touched again on later ones. A code that opens nobody
    here raises BadgeError and records nothing."""
    require(by, "stands.scan_badges", stand)
    visitor = participant_for_badge(stand.event, code)
    # A lead makes the visitor one who takes part: a withdrawal of theirs waits, then sees it.
    lock_registered(visitor)
    if stand.staff.filter(pk=visitor.pk).exists():
        raise ValidationError(_("This is a badge of the stand's own staff."), code="own-staff")
    now = timezone.now()
    scanner = by if getattr(by, "is_authenticated", False) else None
    # The unique constraint decides a race between two scanners: get_or_create inserts in
    # a savepoint and, when the other insert won, reads the row it made.
    lead, created = Lead.objects.get_or_create(
        stand=stand,
        visitor=visitor,
        defaults={"scanned_by": scanner, "first_scanned_at": now, "last_scanned_at": now},
    )
    if not created:
        Lead.objects.filter(pk=lead.pk).update(
            # A scan that lost the race may carry an earlier time than the winner's.
            scans=F("scans") + 1,
            last_scanned_at=Greatest(F("last_scanned_at"), Value(now)),
            scanned_by=scanner,
        )
        lead.refresh_from_db()
    audit.record(by=by, action="stands.badge_scanned", obj=lead, data={"created": created})
    return lead, created


@transaction.atomic
def update_lead(*, by, lead: Lead, notes: str, rating: int | None, follow_up: str) -> Lead:
    """The staff's notes, interest rating and follow-up status of a lead."""
    require(by, "stands.change_lead", lead)
    lead.notes, lead.rating, lead.follow_up = notes, rating, follow_up
    lead.full_clean(exclude=["stand", "visitor", "scanned_by"])
    lead.save(update_fields=["notes", "rating", "follow_up"])
    audit.record(
        by=by,
        action="stands.lead_updated",
        obj=lead,
        data={"rating": rating, "follow_up": follow_up},
    )
    return lead


@transaction.atomic
def withhold_contact(*, by, lead: Lead, withheld: bool) -> Lead:
    """The scanned visitor's choice: the stand keeps their name and organisation only."""
    require(by, "stands.withhold_contact", lead)
    Lead.objects.filter(pk=lead.pk).update(contact_withheld=withheld)
    lead.contact_withheld = withheld
    audit.record(by=by, action="stands.contact_withheld", obj=lead, data={"withheld": withheld})
    return lead
