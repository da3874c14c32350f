"""The one permission policy: may this person do this to that object?

Views, templates and the API ask `user.has_perm(name, obj)`; the rules live here only.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from modus.directory.models import Organisation, Person, Visibility
from modus.events.models import Event, Participant
from modus.matchmaking.models import Meeting


def person_of(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


@rules.predicate
def is_staff(user) -> bool:
    return bool(getattr(user, "is_staff", False) and user.is_active)


@rules.predicate
def is_event_organiser(user, event: Event) -> bool:
    person = person_of(user)
    return bool(
        person
        and event
        and Participant.objects.filter(
            event=event, person=person, role=Participant.Role.ORGANISER
        ).exists()
    )


@rules.predicate
def organises_an_event_of(user, person: Person) -> bool:
    """Organisers see the people registered at the events they run."""
    organiser = person_of(user)
    return bool(
        organiser
        and person
        and Participant.objects.filter(
            person=person,
            event__participants__person=organiser,
            event__participants__role=Participant.Role.ORGANISER,
        ).exists()
    )


@rules.predicate
def has_meeting_with(user, person: Person) -> bool:
    """People who accepted a meeting with each other see each other's contact details."""
    viewer = person_of(user)
    return bool(
        viewer
        and person
        and Meeting.objects.filter(
            status=Meeting.Status.CONFIRMED, seats__participant__person=viewer, seats__active=True
        )
        .filter(seats__participant__person=person)
        .exists()
    )


@rules.predicate
def manages_organisation(user, organisation: Organisation) -> bool:
    """The organisation's own manager, or the manager of a cluster it is a member of."""
    person = person_of(user)
    if not person or not organisation:
        return False
    if organisation.manager_id == person.pk:
        return True
    return organisation.memberships_held.filter(parent__manager=person).exists()


@rules.predicate
def is_self(user, person: Person) -> bool:
    return bool(person and person.user_id == getattr(user, "pk", None))


@rules.predicate
def is_own_registration(user, participant: Participant) -> bool:
    return bool(participant and participant.person.user_id == getattr(user, "pk", None))


@rules.predicate
def has_profile(user) -> bool:
    return person_of(user) is not None


@rules.predicate
def shares_contact(user, person: Person) -> bool:
    return bool(person and person.share_contact)


@rules.predicate
def visible_to_everyone(user, obj) -> bool:
    return bool(obj and obj.visibility == Visibility.PUBLIC)


@rules.predicate
def visible_to_participants(user, obj) -> bool:
    return bool(obj and obj.visibility == Visibility.PARTICIPANTS)


rules.add_perm("events.manage_event", is_staff | is_event_organiser)
rules.add_perm("directory.change_organisation", is_staff | manages_organisation)
rules.add_perm(
    "directory.view_organisation",
    visible_to_everyone | (has_profile & visible_to_participants) | is_staff | manages_organisation,
)
rules.add_perm("directory.change_person", is_staff | is_self)
# The calendar address is a personal secret: only its owner may change it.
rules.add_perm("events.change_calendar_feed", is_own_registration)
rules.add_perm(
    "directory.view_person",
    visible_to_everyone
    | (has_profile & visible_to_participants)
    | is_self
    | is_staff
    | organises_an_event_of,
)
rules.add_perm(
    "directory.view_contact",
    is_self | is_staff | organises_an_event_of | has_meeting_with | (has_profile & shares_contact),
)


def seen_by_participants(prefix: str = "") -> Q:
    """People every signed-in person with a profile may see: public and participants-only
    profiles (the part of `people_visible_to` that does not depend on who looks)."""
    return Q(**{f"{prefix}visibility__in": [Visibility.PUBLIC, Visibility.PARTICIPANTS]})


def people_visible_to(user, prefix: str = "") -> Q:
    """The `directory.view_person` rule as a filter, for lists: which people `user` may see.

    `prefix` is the path from the listed model to its Person ("person__" for participants,
    "other__person__" for recommendations). Public profiles for everyone; profiles for
    participants to anyone signed in with a profile; oneself; everyone for staff and active
    superusers (Django grants those every perm); and everyone registered at an event the
    viewer organises.
    """
    if is_staff(user) or (getattr(user, "is_superuser", False) and user.is_active):
        return Q()
    shown = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    viewer = person_of(user)
    if viewer is None:
        return shown
    organised = Participant.objects.filter(
        event__participants__person=viewer,
        event__participants__role=Participant.Role.ORGANISER,
    ).values("person_id")
    return (
        seen_by_participants(prefix)
        | Q(**{f"{prefix}pk": viewer.pk})
        | Q(**{f"{prefix}pk__in": organised})
    )


def require(user, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless `user` may; `None` is the system itself (demo, imports)."""
    if user is None:
        return
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)
