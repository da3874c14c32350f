"""Reads for the directory pages: search with filters, an organisation's page, the catalogue."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from modus.common.collation import in_reading_order
from modus.common.models import AuditEntry
from modus.common.permissions import (
    audience_of,
    contacts_for_audience,
    manageable_events,
    organisations_for_audience,
    people_for_audience,
    people_visible_to,
    visible_contacts,
    visible_organisations,
    with_contact_visibility,
)
from modus.directory import search
from modus.directory.models import (
    IntroductionRequest,
    Membership,
    Organisation,
    OrganisationJoinRequest,
    Person,
)
from modus.directory.search import search_terms
from modus.events.models import Participant


@dataclass(frozen=True)
class DirectoryFilters:
    query: str = ""
    kind: str = ""
    country: str = ""
    ecosystem: str = ""
    stage: str = ""
    member_of: str = ""
    refused: bool = False  # the search itself was refused: show nothing, and the message


def search_organisations(
    viewer, filters: DirectoryFilters, *, partly: bool = False
) -> QuerySet[Organisation]:
    """The organisations the viewer may see that match, the most relevant first: a match
    in the name before one in the profile, before one in offers and requests only. With
    `partly`, those that hold some of the query's words, the most words first: what a
    search that nothing matches whole shows instead."""
    organisations = visible_organisations(viewer)
    if filters.refused:
        organisations = organisations.none()
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.ecosystem:
        organisations = organisations.filter(ecosystems__code=filters.ecosystem)
    if filters.stage:
        organisations = organisations.filter(value_chain_stages__code=filters.stage)
    if filters.member_of:
        # Only a parent the viewer may see: a hidden cluster's members stay unnamed.
        parents = visible_organisations(viewer).filter(slug=filters.member_of)
        organisations = organisations.filter(memberships_held__parent__in=parents)
    # Anonymous visitors search only what public profiles offer. The word filters come
    # last: SQLite tests a row's terms in order, and a LIKE costs more than an equality.
    keys = search_terms(filters.query)
    narrowed = bool(filters.ecosystem or filters.stage or filters.member_of)
    audience = audience_of(viewer)
    if partly:
        organisations = search.matching_any(organisations, audience, keys, narrowed=narrowed)
    else:
        organisations = search.matching(organisations, audience, keys, narrowed=narrowed)
    organisations = organisations.prefetch_related("ecosystems", "value_chain_stages")
    if not keys:
        return organisations.order_by(*in_reading_order("name"), "pk")
    order = ("-held", "-relevance") if partly else ("-relevance",)
    ranked = organisations.annotate(relevance=search.rank(keys))
    return ranked.order_by(*order, *in_reading_order("name"), "pk")


def explain_results(viewer, filters: DirectoryFilters, organisations) -> list[Organisation]:
    """The page's results, each with its name highlighted and the texts it matched in,
    cut to what the viewer may see."""
    results = list(organisations)
    search.explain(results, audience_of(viewer), search_terms(filters.query))
    return results


def joinable_organisations(viewer, person: Person | None) -> QuerySet[Organisation]:
    """The organisations `person` (the viewer's profile) may ask to join: those the viewer
    may see, but their own."""
    choices = visible_organisations(viewer)
    if person is not None and person.organisation_id:
        choices = choices.exclude(pk=person.organisation_id)
    return choices


def parent_organisations(viewer) -> QuerySet[Organisation]:
    """Visible clusters and associations that have members: the membership filter's choices."""
    has_members = Membership.objects.filter(parent=OuterRef("pk"))
    parents = visible_organisations(viewer).filter(Exists(has_members))
    return parents.order_by(*in_reading_order("name"), "pk")


def visible_people(viewer, people: QuerySet[Person]) -> QuerySet[Person]:
    """Profiles of `people` the viewer may see: the one people rule of the policy."""
    return people.filter(people_visible_to(viewer))


def visible_participations(viewer) -> QuerySet[Participant]:
    """Registrations at public events, and at events the viewer may manage."""
    return Participant.objects.filter(
        Q(event__is_public=True) | Q(event__in=manageable_events(viewer))
    ).select_related("event")


def organisation_page(viewer, organisation: Organisation) -> dict:
    """Everything the organisation page shows, already cut to what the viewer may see."""
    visible = visible_organisations(viewer)
    by_name = (*in_reading_order("name"), "pk")
    members = visible.filter(memberships_held__parent=organisation).order_by(*by_name)
    parents = visible.filter(members_held__member=organisation).order_by(*by_name)
    people = with_contact_visibility(
        visible_people(viewer, organisation.people.select_related("user")),
        visible_contacts(viewer),
    ).prefetch_related(
        Prefetch("participations", queryset=visible_participations(viewer)), "opportunities"
    )
    my_events = events_attended_by(viewer)
    people = list(people)
    for person in people:
        # The person's page at the first event both attend: where their name links to.
        person.event_page = next(
            (p for p in person.participations.all() if p.event_id in my_events), None
        )
    manager = organisation.manager
    manager_shown = manager is not None and (
        visible_people(viewer, Person.objects.filter(pk=manager.pk)).exists()
    )
    return {
        "members": members,
        "parents": parents,
        "people": people,
        "manager": manager if manager_shown else None,
        "manager_contact": manager_shown
        and visible_contacts(viewer).filter(pk=manager.pk).exists(),
        "my_events": my_events,
    }


def events_attended_by(viewer) -> set[int]:
    """The events `viewer` is registered at: where a person's event page opens for them."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    return set(Participant.objects.filter(person__user=viewer).values_list("event_id", flat=True))


def catalogue(association: Organisation, audience: str) -> QuerySet[Organisation]:
    """The association's member clusters and their managers, as much as `audience` may see.

    The same for everyone in the audience, so its PDF can be cached per audience.
    Each cluster carries `shown_manager` (or None) and `manager_contact` (bool).
    """
    shown_people = people_for_audience(audience)
    members = organisations_for_audience(audience)
    return (
        members.filter(memberships_held__parent=association)
        .annotate(
            manager_shown=Exists(shown_people.filter(pk=OuterRef("manager"))),
            manager_contact=Exists(
                contacts_for_audience(audience)
                .filter(pk=OuterRef("manager"))
                .filter(pk__in=shown_people.values("pk"))
            ),
        )
        .select_related("manager__user")
        .prefetch_related(
            "ecosystems",
            Prefetch(
                "members_held",
                queryset=Membership.objects.filter(member__in=members)
                .select_related("member")
                .order_by("member__name"),
            ),
        )
        .order_by("name")
    )


def pending_join_requests(organisation: Organisation) -> QuerySet[OrganisationJoinRequest]:
    """Open requests to join the organisation, for whoever may decide them."""
    return organisation.join_requests.filter(
        status=OrganisationJoinRequest.Status.PENDING
    ).select_related("person")


def introductions_listed() -> QuerySet[IntroductionRequest]:
    """Introduction requests with what their lists show, in one query."""
    return IntroductionRequest.objects.select_related(
        "requester__organisation", "organisation", "routed_to"
    )


def introductions_asked(person: Person) -> QuerySet[IntroductionRequest]:
    return introductions_listed().filter(requester=person)


def introductions_to_answer(person: Person) -> QuerySet[IntroductionRequest]:
    """Requests routed to `person`: open ones first, oldest first among them."""
    return (
        introductions_listed()
        .filter(routed_to=person)
        .annotate(
            answered=Case(
                When(status=IntroductionRequest.Status.OPEN, then=Value(0)), default=Value(1)
            )
        )
        .order_by("answered", "created_at", "pk")
    )


def open_introductions(unrouted_only: bool = False) -> QuerySet[IntroductionRequest]:
    """Every open introduction request, the longest waiting first (staff's overview)."""
    found = introductions_listed().filter(status=IntroductionRequest.Status.OPEN)
    if unrouted_only:
        found = found.filter(routed_to__isnull=True)
    return found.order_by("created_at", "pk")


def median_time_to_answer() -> timedelta | None:
    """The median of answered requests' time from asking to answer: two queries, on SQLite
    and PostgreSQL alike (the middle one or two rows of the ordered durations)."""
    answered = IntroductionRequest.objects.filter(answered_at__isnull=False)
    count = answered.count()
    if count == 0:
        return None
    waited = ExpressionWrapper(F("answered_at") - F("created_at"), output_field=DurationField())
    ordered = answered.annotate(waited=waited).order_by("waited", "pk")
    middle = [row["waited"] for row in ordered.values("waited")[(count - 1) // 2 : count // 2 + 1]]
    return sum(middle, timedelta()) / len(middle)


def introduction_history(introduction: IntroductionRequest) -> QuerySet[AuditEntry]:
    """What happened to a request, from the audit log: asked, nudged, reassigned, answered."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(IntroductionRequest),
            object_id=str(introduction.pk),
        )
        .select_related("actor__person")
        .order_by("created_at", "pk")
    )
