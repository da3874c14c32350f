"""Reads for the directory pages: search with filters, an organisation's page, the catalogue."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from modus.common.permissions import person_of
from modus.directory.models import Membership, Organisation, Person, Visibility
from modus.directory.search import search_terms


@dataclass(frozen=True)
class DirectoryFilters:
    query: str = ""
    kind: str = ""
    country: str = ""
    ecosystem: str = ""
    stage: str = ""
    member_of: str = ""


def visible_organisations(viewer) -> QuerySet[Organisation]:
    """What the viewer may see in the directory: public entries, more once signed in."""
    organisations = Organisation.objects.all()
    if getattr(viewer, "is_staff", False):
        return organisations
    if person_of(viewer) is not None:
        return organisations.filter(
            Q(visibility__in=[Visibility.PUBLIC, Visibility.PARTICIPANTS]) | Q(manager__user=viewer)
        )
    return organisations.filter(visibility=Visibility.PUBLIC)


def search_organisations(viewer, filters: DirectoryFilters) -> QuerySet[Organisation]:
    organisations = visible_organisations(viewer)
    for term in search_terms(filters.query):
        organisations = organisations.filter(search_text__contains=term)
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.ecosystem:
        organisations = organisations.filter(ecosystems__code=filters.ecosystem)
    if filters.stage:
        organisations = organisations.filter(value_chain_stages__code=filters.stage)
    if filters.member_of:
        organisations = organisations.filter(memberships_held__parent__slug=filters.member_of)
    return organisations.prefetch_related("ecosystems").order_by("name", "pk")


def parent_organisations() -> QuerySet[Organisation]:
    """Clusters and associations that have members: the choices of the membership filter."""
    return Organisation.objects.filter(members_held__isnull=False).distinct().order_by("name")


def visible_people(viewer, people: QuerySet[Person]) -> QuerySet[Person]:
    if getattr(viewer, "is_staff", False):
        return people
    shown = Q(visibility=Visibility.PUBLIC)
    if person_of(viewer) is not None:
        shown |= Q(visibility=Visibility.PARTICIPANTS) | Q(user=viewer)
    return people.filter(shown)


def organisation_page(viewer, organisation: Organisation) -> dict:
    """Everything the organisation page shows, already cut to what the viewer may see."""
    members = (
        visible_organisations(viewer).filter(memberships_held__parent=organisation).order_by("name")
    )
    parents = visible_organisations(viewer).filter(members_held__member=organisation)
    people = visible_people(viewer, organisation.people.select_related("user")).prefetch_related(
        "participations__event", "opportunities"
    )
    return {"members": members, "parents": parents, "people": people}


def catalogue(association: Organisation) -> QuerySet[Organisation]:
    """The association's member clusters with their managers, as its member magazine lists them."""
    return (
        Organisation.objects.filter(memberships_held__parent=association)
        .select_related("manager__user")
        .prefetch_related(
            "ecosystems",
            Prefetch(
                "members_held",
                queryset=Membership.objects.select_related("member").order_by("member__name"),
            ),
        )
        .order_by("name")
    )
