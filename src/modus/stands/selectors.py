"""Reads for stand pages: the floor plan, stand search, a stand's leads and a visitor's scans."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from modus.common.collation import in_reading_order
from modus.common.permissions import (
    lead_shows_contact,
    people_visible_to,
    visible_organisations,
)
from modus.directory.models import Ecosystem, Organisation
from modus.directory.search import key_lookup, search_terms
from modus.events.models import Event, Participant
from modus.stands.models import Hall, Lead, Stand


def in_number_order(stands: QuerySet[Stand]) -> QuerySet[Stand]:
    """Stands in the order people count their numbers: S1, S2, … S10 (Stand.number_key)."""
    return stands.order_by("number_key", "number")


def halls_with_stands(event: Event) -> list[Hall]:
    """Every hall of the event with its stands in number order, in two queries."""
    stands = Stand.objects.only("pk", "number", "name", "hall", "x", "y", "width", "depth")
    return list(event.halls.prefetch_related(Prefetch("stands", queryset=in_number_order(stands))))


def stands_of_hall(hall: Hall) -> list[Stand]:
    return list(in_number_order(hall.stands.all()))


def unplaced_stands(event: Event) -> QuerySet[Stand]:
    return in_number_order(event.stands.filter(hall=None))


def search_stands(
    event: Event, *, user, text: str = "", ecosystem: Ecosystem | None = None
) -> QuerySet[Stand]:
    """Stands by number, name, exhibitor, offers or description, and by the exhibitor's
    ecosystem; one query per page however many match. Every word of `text` must be found,
    as the directory finds it (accents and case folded, word forms joined). An exhibitor
    hidden from `user` is neither matched by name nor shown."""
    shown = visible_organisations(user).filter(pk=OuterRef("exhibitor"))
    stands = in_number_order(
        event.stands.select_related("exhibitor", "hall").annotate(exhibitor_shown=Exists(shown))
    )
    for key in search_terms(text):
        stands = stands.filter(
            key_lookup("search_text", key)
            | (key_lookup("exhibitor__search_name", key) & Q(exhibitor_shown=True))
        )
    if ecosystem is not None:
        in_ecosystem = Organisation.ecosystems.through.objects.filter(
            organisation=OuterRef("exhibitor"), ecosystem=ecosystem
        )
        stands = stands.filter(Exists(in_ecosystem))
    return stands


STAFFING_ROLES = (Participant.Role.EXHIBITOR, Participant.Role.ORGANISER)


def staffing_participants(event: Event) -> QuerySet[Participant]:
    """Whom the organisers may put on a new stand's staff: the event's exhibitors and
    organisers, in reading order of their names."""
    return in_name_order(event.participants.filter(role__in=STAFFING_ROLES))


def staff_suggestion_pool(user, event: Event, stand: Stand | None) -> QuerySet[Participant]:
    """Whom a staff box suggests to `user`: for a new stand, the event's exhibitors and
    organisers; on a stand's staff page, also that stand's exhibitor's own people."""
    if stand is None:
        return staffing_participants(event)
    candidates = staff_candidates(user, stand).values("pk")
    return in_name_order(Participant.objects.filter(pk__in=candidates))


def in_name_order(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    return participants.select_related("person__user", "person__organisation").order_by(
        *in_reading_order("person__last_name", "person__first_name"), "pk"
    )


def staffing_organisations(event: Event) -> QuerySet[Organisation]:
    """What a new stand may be the stand of: the organisations of those who may staff it
    (not every participant's: at 20,000 participants, thousands)."""
    staffing = event.participants.filter(role__in=STAFFING_ROLES)
    return Organisation.objects.filter(pk__in=staffing.values("person__organisation"))


def visible_staff(user, stand: Stand) -> list[Participant]:
    """The stand's staff whose profiles this user may see."""
    return list(stand.staff.filter(people_visible_to(user, "person__")).select_related("person"))


def staff_candidates(user, stand: Stand) -> QuerySet[Participant]:
    """Whom `user` may put on the stand's staff: the exhibitor's own people at the event,
    and for its organisers also the event's exhibitors and organisers; only people `user`
    may see."""
    own = Q(person__organisation=stand.exhibitor_id) if stand.exhibitor_id else Q(pk__in=[])
    if user.has_perm("events.manage_event", stand.event):
        own |= Q(role__in=[Participant.Role.EXHIBITOR, Participant.Role.ORGANISER])
    return stand.event.participants.filter(own).filter(people_visible_to(user, "person__"))


def staff_choices(user, stand: Stand) -> QuerySet[Participant]:
    """What the staff page offers `user`: whom they may choose, and the present staff they
    may see, to take off. Staff they may not see stay as they are."""
    present = stand.staff.filter(people_visible_to(user, "person__")).values("pk")
    return (
        Participant.objects.filter(
            Q(pk__in=staff_candidates(user, stand).values("pk")) | Q(pk__in=present)
        )
        .select_related("person__organisation")
        .order_by(*in_reading_order("person__last_name", "person__first_name"), "pk")
    )


def stand_of_user(user, event: Event) -> QuerySet[Stand]:
    """Stands of the event this user staffs."""
    if not getattr(user, "is_authenticated", False):
        return Stand.objects.none()
    return in_number_order(event.stands.filter(staff__person__user=user))


@dataclass(frozen=True)
class LeadRow:
    """A lead as its stand's staff see it: contact details only when the visitor shares them."""

    lead: Lead
    name: str
    organisation: str
    contact_shown: bool
    email: str
    phone: str
    job_title: str
    country: str

    @property
    def scanned_at(self) -> datetime:
        return self.lead.last_scanned_at


def leads_of(stand: Stand) -> QuerySet[Lead]:
    return stand.leads.select_related(
        "visitor__person__user", "visitor__person__organisation"
    ).order_by("-last_scanned_at", "-pk")


def lead_row(lead: Lead) -> LeadRow:
    person = lead.visitor.person
    shown = lead_shows_contact(lead)
    return LeadRow(
        lead=lead,
        name=person.full_name,
        organisation=person.organisation.name if person.organisation else "",
        contact_shown=shown,
        email=person.user.email if shown else "",
        phone=person.phone if shown else "",
        job_title=person.job_title if shown else "",
        country=str(person.country.code or "") if shown else "",
    )


def scans_of(visitor: Participant) -> QuerySet[Lead]:
    """The stands that scanned this visitor, newest first (their notes are not for them)."""
    return (
        visitor.leads.select_related("stand")
        .only(
            "pk",
            "stand__id",
            "stand__number",
            "stand__name",
            "first_scanned_at",
            "last_scanned_at",
            "contact_withheld",
            "visitor",
        )
        .order_by("-last_scanned_at", "-pk")
    )
