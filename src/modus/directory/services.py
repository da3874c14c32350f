"""Every change to the directory: organisations, memberships, people and their offers."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from modus.common import audit
from modus.common.permissions import require, visible_organisations
from modus.directory.models import (
    MAX_OPPORTUNITIES,
    Ecosystem,
    Membership,
    Opportunity,
    Organisation,
    OrganisationJoinRequest,
    OrganisationKind,
    Person,
    ValueChainStage,
    changed_elsewhere,
    removed_elsewhere,
    too_many_opportunities,
)
from modus.directory.search import refresh_search_text, refresh_search_texts
from modus.matchmaking.services import recommendations
from modus.matchmaking.services.locks import lock_person

ORGANISATION_FIELDS = {"name", "kind", "country", "city", "website", "description", "visibility"}
PROFILE_FIELDS = {
    "first_name",
    "last_name",
    "job_title",
    "organisation",
    "country",
    "languages",
    "language",
    "phone",
    "photo",
    "visibility",
    "share_contact",
}


def unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def unique_slugs(names: list[str]) -> list[str]:
    """A free slug for each name, unlike each other too: one query per 500 names, and more
    only for a name whose slug is taken already (rare: equal names are the same organisation)."""
    bases = [slugify(name)[:200] or "organisation" for name in names]
    unique_bases = sorted(set(bases))
    taken: set[str] = set()
    for start in range(0, len(unique_bases), 500):
        part = unique_bases[start : start + 500]
        taken |= set(Organisation.objects.filter(slug__in=part).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug = base
        if slug in taken:
            taken |= set(
                Organisation.objects.filter(slug__startswith=f"{base}-").values_list(
                    "slug", flat=True
                )
            )
            number = 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


def check_kind(by, *, old: str | None, new: str) -> None:
    """The association kind is the umbrella's: only staff (or the system) give or take it."""
    involves_association = OrganisationKind.ASSOCIATION in {old, new} and old != new
    if involves_association and by is not None and not by.has_perm("directory.set_association"):
        raise ValidationError(
            {"kind": _("Only staff may make an organisation an association or change that.")}
        )


@transaction.atomic
def create_organisation(
    *,
    by,
    name: str,
    kind: str,
    country: str,
    ecosystems: Iterable[Ecosystem] = (),
    stages: Iterable[ValueChainStage] = (),
    **fields,
) -> Organisation:
    unknown = set(fields) - ORGANISATION_FIELDS
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    check_kind(by, old=None, new=kind)
    organisation = Organisation(name=name, kind=kind, country=country, **fields)
    organisation.slug = unique_slug(name)
    organisation.full_clean()
    organisation.save()
    organisation.ecosystems.set(ecosystems)
    organisation.value_chain_stages.set(stages)
    refresh_search_text(organisation)
    audit.record(by=by, action="organisation.created", obj=organisation)
    return organisation


@transaction.atomic
def create_organisations(*, by, rows: list[dict]) -> list[Organisation]:
    """Many new organisations (name, kind, country, visibility each) in a fixed number of
    queries: for imports, where `create_organisation` per row would cost several each."""
    for row in rows:
        check_kind(by, old=None, new=row["kind"])
    organisations = [
        Organisation(**row, slug=slug)
        for row, slug in zip(rows, unique_slugs([row["name"] for row in rows]), strict=True)
    ]
    for organisation in organisations:
        # Field checks only: the unique and constraint checks query the database per object;
        # unique_slugs and the field choices cover them.
        organisation.clean_fields()
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    refresh_search_texts(organisations)
    audit.record_many(
        by=by, action="organisation.created", objects=organisations, data=lambda _: {}
    )
    return organisations


@transaction.atomic
def update_organisation(
    *,
    by,
    organisation: Organisation,
    ecosystems: Iterable[Ecosystem] | None = None,
    stages: Iterable[ValueChainStage] | None = None,
    **fields,
) -> Organisation:
    require(by, "directory.change_organisation", organisation)
    unknown = set(fields) - ORGANISATION_FIELDS
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    if "kind" in fields:
        previous = Organisation.objects.values_list("kind", flat=True).get(pk=organisation.pk)
        check_kind(by, old=previous, new=fields["kind"])
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if ecosystems is not None:
        organisation.ecosystems.set(ecosystems)
    if stages is not None:
        organisation.value_chain_stages.set(stages)
    refresh_search_text(organisation)
    audit.record(
        by=by, action="organisation.updated", obj=organisation, data={"fields": sorted(fields)}
    )
    transaction.on_commit(lambda: recommendations.schedule_for_organisation(organisation))
    return organisation


@transaction.atomic
def set_manager(*, by, organisation: Organisation, manager: Person | None) -> None:
    require(by, "directory.change_organisation", organisation)
    organisation.manager = manager
    organisation.save(update_fields=["manager", "updated_at"])
    audit.record(
        by=by,
        action="organisation.manager_set",
        obj=organisation,
        data={"manager": manager.pk if manager else None},
    )


@transaction.atomic
def add_membership(
    *, by, member: Organisation, parent: Organisation, since: date | None = None
) -> Membership:
    require(by, "directory.change_organisation", parent)
    if member.pk == parent.pk:
        raise ValidationError(_("An organisation cannot be a member of itself."))
    membership, created = Membership.objects.get_or_create(
        member=member, parent=parent, defaults={"since": since}
    )
    if created:
        audit.record(by=by, action="membership.added", obj=membership)
    return membership


@transaction.atomic
def remove_membership(*, by, membership: Membership) -> None:
    require(by, "directory.change_organisation", membership.parent)
    audit.record(by=by, action="membership.removed", obj=membership)
    membership.delete()


def person_for_email(email: str) -> Person | None:
    return Person.objects.filter(user__email__iexact=email.strip()).first()


@transaction.atomic
def create_person(*, by, email: str, first_name: str, last_name: str, **fields) -> Person:
    """A new account and profile; the address must not be taken."""
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    email = email.strip().lower()
    User = get_user_model()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This e-mail address is already registered.")})
    user = User.objects.create_user(email)
    person = Person(user=user, first_name=first_name, last_name=last_name, **fields)
    person.full_clean()
    person.save()
    audit.record(by=by, action="person.created", obj=person)
    return person


@transaction.atomic
def update_profile(*, by, person: Person, **fields) -> Person:
    require(by, "directory.change_person", person)
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    previous_organisation = person.organisation
    if "organisation" in fields:
        check_organisation_change(by, person, fields["organisation"])
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    audit.record(by=by, action="person.updated", obj=person, data={"fields": sorted(fields)})
    refresh_people_search(previous_organisation, person.organisation)
    return person


def check_organisation_change(by, person: Person, organisation: Organisation | None) -> None:
    """Joining an organisation is a request its manager approves; leaving one is free.

    Staff and the system (imports, demo) may still set it directly.
    """
    if organisation is None or organisation.pk == person.organisation_id:
        return
    if by is None or by.has_perm("directory.set_person_organisation", person):
        return
    raise ValidationError(
        {"organisation": _("Ask to join the organisation; its manager approves the request.")}
    )


def refresh_people_search(*organisations: Organisation | None) -> None:
    refresh_search_texts(list({org for org in organisations if org is not None}))


@transaction.atomic
def add_opportunity(
    *,
    by,
    person: Person,
    direction: str,
    kind: str,
    title: str,
    description: str = "",
    ecosystems: Iterable[Ecosystem] = (),
    stage: ValueChainStage | None = None,
    refresh_search: bool = True,
) -> Opportunity:
    require(by, "directory.change_person", person)
    # Two tabs adding at once take turns here, so the second counts the first's.
    lock_person(person)
    if person.opportunities.count() >= MAX_OPPORTUNITIES:
        raise too_many_opportunities()
    opportunity = Opportunity(
        person=person,
        direction=direction,
        kind=kind,
        title=title,
        description=description,
        value_chain_stage=stage,
    )
    opportunity.full_clean()
    opportunity.save()
    opportunity.ecosystems.set(ecosystems)
    audit.record(by=by, action="opportunity.added", obj=opportunity)
    if refresh_search:
        refresh_people_search(person.organisation)
    return opportunity


@transaction.atomic
def remove_opportunity(*, by, opportunity: Opportunity) -> None:
    person = opportunity.person
    require(by, "directory.change_person", person)
    audit.record(by=by, action="opportunity.removed", obj=opportunity)
    opportunity.delete()
    refresh_people_search(person.organisation)


@transaction.atomic
def update_opportunity(
    *,
    by,
    opportunity: Opportunity,
    ecosystems: Iterable[Ecosystem] | None = None,
    version: str = "",
    **fields,
) -> Opportunity:
    """Change an offer or a request. `version` is the `edit_version` it had when the change
    was begun: from two tabs, the later change is refused instead of silently undoing the
    earlier one."""
    require(by, "directory.change_person", opportunity.person)
    lock_person(opportunity.person)
    stored = Opportunity.objects.filter(pk=opportunity.pk).first()
    if stored is None:
        # Saving it would write it anew.
        raise removed_elsewhere()
    if version and version != stored.edit_version:
        raise changed_elsewhere(stored.title)
    allowed = {"direction", "kind", "title", "description", "value_chain_stage"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown opportunity fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.full_clean()
    opportunity.save()
    if ecosystems is not None:
        opportunity.ecosystems.set(ecosystems)
    audit.record(by=by, action="opportunity.updated", obj=opportunity)
    refresh_people_search(opportunity.person.organisation)
    return opportunity


def open_join_request(person: Person) -> OrganisationJoinRequest | None:
    return (
        OrganisationJoinRequest.objects.filter(
            person=person, status=OrganisationJoinRequest.Status.PENDING
        )
        .select_related("organisation")
        .first()
    )


@transaction.atomic
def request_to_join(*, by, person: Person, organisation: Organisation) -> OrganisationJoinRequest:
    """Ask to join `organisation`; an open request for another one is withdrawn."""
    require(by, "directory.change_person", person)
    if by is not None and not visible_organisations(by).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("Choose an organisation from the list.")})
    person = lock_person(person)
    if person.organisation_id == organisation.pk:
        raise ValidationError({"organisation": _("You already belong to this organisation.")})
    previous = open_join_request(person)
    if previous is not None:
        if previous.organisation_id == organisation.pk:
            return previous
        close_join_request(by, previous, OrganisationJoinRequest.Status.WITHDRAWN)
    join_request = OrganisationJoinRequest.objects.create(person=person, organisation=organisation)
    audit.record(
        by=by,
        action="organisation.join_requested",
        obj=join_request,
        data={"organisation": organisation.pk, "person": person.pk},
    )
    return join_request


def close_join_request(by, join_request: OrganisationJoinRequest, status: str) -> None:
    join_request.status = status
    join_request.decided_at = timezone.now()
    join_request.decided_by = by if getattr(by, "is_authenticated", False) else None
    join_request.save(update_fields=["status", "decided_at", "decided_by"])
    audit.record(
        by=by,
        action=f"organisation.join_{status}",
        obj=join_request,
        data={"organisation": join_request.organisation_id, "person": join_request.person_id},
    )


def pending_for_decision(join_request: OrganisationJoinRequest) -> OrganisationJoinRequest:
    """The request, re-read under the person's lock, still pending; else a clear error."""
    lock_person(join_request.person)
    current = OrganisationJoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if current.status != OrganisationJoinRequest.Status.PENDING:
        raise ValidationError(_("This request was already answered or withdrawn."))
    return current


@transaction.atomic
def approve_join(*, by, join_request: OrganisationJoinRequest) -> Person:
    """The organisation's manager (or staff) accepts: the person now shows as one of its people."""
    require(by, "directory.change_organisation", join_request.organisation)
    join_request = pending_for_decision(join_request)
    person = Person.objects.select_related("organisation").get(pk=join_request.person_id)
    previous_organisation = person.organisation
    person.organisation = join_request.organisation
    person.save(update_fields=["organisation", "updated_at"])
    close_join_request(by, join_request, OrganisationJoinRequest.Status.APPROVED)
    refresh_people_search(previous_organisation, join_request.organisation)
    # Their profile is now their new organisation's: its description, ecosystems, stages.
    transaction.on_commit(lambda: recommendations.schedule_for_person(person))
    return person


@transaction.atomic
def decline_join(*, by, join_request: OrganisationJoinRequest) -> None:
    require(by, "directory.change_organisation", join_request.organisation)
    join_request = pending_for_decision(join_request)
    close_join_request(by, join_request, OrganisationJoinRequest.Status.DECLINED)


@transaction.atomic
def withdraw_join(*, by, join_request: OrganisationJoinRequest) -> None:
    """The person takes their request back."""
    require(by, "directory.change_person", join_request.person)
    join_request = pending_for_decision(join_request)
    close_join_request(by, join_request, OrganisationJoinRequest.Status.WITHDRAWN)


def remember_language(sender, request, user, **kwargs) -> None:
    """At sign-in, note the language the person uses the site in: their e-mails' language
    unless they chose one (`Person.preferred_language`). Not an audited change of theirs."""
    code = getattr(request, "LANGUAGE_CODE", "") if request is not None else ""
    if code in {known for known, _name in settings.LANGUAGES}:
        Person.objects.filter(user=user).exclude(last_used_language=code).update(
            last_used_language=code
        )
