"""The one permission policy: may this person do this to that object?

Views, templates and the API ask `user.has_perm(name, obj)`; the rules live here only.
"""

import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from modus.awards.models import Nominee, VotingPhase
from modus.directory.models import (
    IntroductionRequest,
    Membership,
    Organisation,
    Person,
    Visibility,
)
from modus.events.models import CheckIn, Event, Participant
from modus.matchmaking.models import Meeting
from modus.stands.models import Lead, Stand
from modus.visits.models import SiteVisit


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
def manages_organisation(user, organisation: Organisation) -> bool:
    """The organisation's own manager, or the manager of a cluster it is a member of."""
    person = person_of(user)
    if not person or not organisation:
        return False
    if organisation.manager_id == person.pk:
        return True
    return organisation.memberships_held.filter(parent__manager=person).exists()


@rules.predicate
def answers_introduction(user, introduction: IntroductionRequest) -> bool:
    """The manager an introduction request is routed to."""
    person = person_of(user)
    return bool(person and introduction and introduction.routed_to_id == person.pk)


@rules.predicate
def asked_introduction(user, introduction: IntroductionRequest) -> bool:
    person = person_of(user)
    return bool(person and introduction and introduction.requester_id == person.pk)


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
def visible_to_everyone(user, obj) -> bool:
    return bool(obj and obj.visibility == Visibility.PUBLIC)


@rules.predicate
def visible_to_participants(user, obj) -> bool:
    return bool(obj and obj.visibility == Visibility.PARTICIPANTS)


# Directory visibility, as querysets: every list (search, filters, catalogue, the organisation
# page) and the view perms below read these, so the rule lives here once.
#
# An audience is what a whole class of viewers may see, independent of who they are:
# anonymous visitors, signed-in participants (a profile), staff. Pages that are the same for
# everyone in a class (the member catalogue and its cached PDF) use the audience alone.


class Audience:
    PUBLIC = "public"
    PARTICIPANTS = "participants"
    STAFF = "staff"


def audience_of(user) -> str:
    if is_staff(user):
        return Audience.STAFF
    if person_of(user) is not None:
        return Audience.PARTICIPANTS
    return Audience.PUBLIC


def organisations_for_audience(audience: str) -> QuerySet[Organisation]:
    """Organisations a whole audience may see: public ones; participants-only once signed in."""
    organisations = Organisation.objects.all()
    if audience == Audience.STAFF:
        return organisations
    if audience == Audience.PARTICIPANTS:
        return organisations.filter(visibility__in=[Visibility.PUBLIC, Visibility.PARTICIPANTS])
    return organisations.filter(visibility=Visibility.PUBLIC)


def visible_organisations(user) -> QuerySet[Organisation]:
    """Organisations this user may see: their audience's, plus those they manage."""
    audience = audience_of(user)
    organisations = organisations_for_audience(audience)
    person = person_of(user)
    if audience == Audience.STAFF or person is None:
        return organisations
    return Organisation.objects.filter(Q(pk__in=organisations.values("pk")) | managed_by(person))


def managed_by(person: Person) -> Q:
    """The `manages_organisation` rule as a filter on organisations: those `person` manages,
    and the members of clusters they manage."""
    managed_parent = Membership.objects.filter(member=OuterRef("pk"), parent__manager=person)
    return Q(manager=person) | Exists(managed_parent)


def tour_hosts_for(user, event: Event) -> QuerySet[Organisation]:
    """Organisations `user` may name as a tour's host at `event`: whichever they see for
    those who manage the event; only those they manage for a host cluster's manager, who
    would otherwise hand the tour, and its booked people, to another cluster."""
    if user.has_perm("events.manage_event", event):
        return visible_organisations(user)
    person = person_of(user)
    if person is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(managed_by(person))


def contacts_for_audience(audience: str) -> QuerySet[Person]:
    """People whose e-mail and phone a whole audience may see.

    "Share my contact" consents to signed-in participants only, never to anonymous visitors.
    """
    if audience == Audience.STAFF:
        return Person.objects.all()
    if audience == Audience.PARTICIPANTS:
        return Person.objects.filter(share_contact=True)
    return Person.objects.none()


def visible_contacts(user) -> QuerySet[Person]:
    """People whose contact this user may see: consent, themselves, their meetings, their events."""
    audience = audience_of(user)
    viewer = person_of(user)
    if audience == Audience.STAFF or viewer is None:
        return contacts_for_audience(audience)
    organised = Participant.objects.filter(
        person=OuterRef("pk"),
        event__participants__person=viewer,
        event__participants__role=Participant.Role.ORGANISER,
    )
    met = Meeting.objects.filter(
        status=Meeting.Status.CONFIRMED, seats__participant__person=viewer, seats__active=True
    ).filter(seats__participant__person=OuterRef("pk"))
    # An accepted introduction gives both sides each other's contacts.
    accepted = IntroductionRequest.objects.filter(status=IntroductionRequest.Status.ACCEPTED)
    introduced = accepted.filter(
        Q(requester=viewer, routed_to=OuterRef("pk"))
        | Q(routed_to=viewer, requester=OuterRef("pk"))
    )
    return Person.objects.filter(
        Q(share_contact=True)
        | Q(pk=viewer.pk)
        | Exists(organised)
        | Exists(met)
        | Exists(introduced)
    )


def with_contact_visibility(people: QuerySet[Person], contacts: QuerySet[Person]):
    """Annotate `contact_visible` on each person: one query for a whole list, no per-row perm."""
    return people.annotate(contact_visible=Exists(contacts.filter(pk=OuterRef("pk"))))


# Visibilities every signed-in person with a profile may see.
SEEN_BY_PARTICIPANTS = (Visibility.PUBLIC, Visibility.PARTICIPANTS)


def seen_by_participants(prefix: str = "") -> Q:
    """People every signed-in person with a profile may see: public and participants-only
    profiles (the part of `people_visible_to` that does not depend on who looks)."""
    return Q(**{f"{prefix}visibility__in": SEEN_BY_PARTICIPANTS})


def hidden_from_participants(person: Person) -> bool:
    """Whether only staff and the person see this profile: suggested to nobody, its offers
    in no list, its page found by no other participant."""
    return person.visibility not in SEEN_BY_PARTICIPANTS


def people_for_audience(audience: str) -> QuerySet[Person]:
    """Profiles a whole audience may see: public ones; participants-only once signed in."""
    if audience == Audience.STAFF:
        return Person.objects.all()
    if audience == Audience.PARTICIPANTS:
        return Person.objects.filter(seen_by_participants())
    return Person.objects.filter(visibility=Visibility.PUBLIC)


def manageable_events(user) -> QuerySet[Event]:
    """Events this user may manage: all for staff, the ones they organise otherwise."""
    if is_staff(user):
        return Event.objects.all()
    person = person_of(user)
    if person is None:
        return Event.objects.none()
    return Event.objects.filter(
        participants__person=person, participants__role=Participant.Role.ORGANISER
    )


def nominees_visible_to(user) -> Q:
    """Nominees on a ballot are as public as the event's vote page; proposed and declined
    ones only for those who manage the event."""
    return Q(status=Nominee.Status.APPROVED) | Q(award__event__in=manageable_events(user))


def nominee_seen_by_everyone(nominee: Nominee) -> bool:
    """On a ballot of a listed event: anyone may see it, a visitor who is not signed in too
    (so shared caches may keep its picture)."""
    return nominee.status == Nominee.Status.APPROVED and is_listed(None, nominee.award.event)


@rules.predicate
def may_see_organisation(user, organisation: Organisation) -> bool:
    return bool(organisation) and visible_organisations(user).filter(pk=organisation.pk).exists()


@rules.predicate
def may_see_contact(user, person: Person) -> bool:
    return bool(person) and visible_contacts(user).filter(pk=person.pk).exists()


rules.add_perm("events.manage_event", is_staff | is_event_organiser)


# Award voting. Online: a member of the community the organiser invited, by the e-mail
# address they signed in with (the sign-in link is the e-mail check). On site: a participant
# who has checked in at the venue.
def community_voter_events(user) -> QuerySet[Event]:
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    return Event.objects.filter(community_voters__email=user.email.lower())


@rules.predicate
def is_community_voter(user, event: Event) -> bool:
    return bool(event) and community_voter_events(user).filter(pk=event.pk).exists()


@rules.predicate
def is_checked_in(user, event: Event) -> bool:
    person = person_of(user)
    return bool(
        person
        and event
        and CheckIn.objects.filter(participant__event=event, participant__person=person).exists()
    )


@rules.predicate
def may_vote_in_phase(user, phase: VotingPhase) -> bool:
    if phase is None:
        return False
    if phase.kind == VotingPhase.Kind.ONLINE:
        return is_community_voter(user, phase.event)
    return is_checked_in(user, phase.event)


@rules.predicate
def is_listed(user, event: Event) -> bool:
    return bool(event and event.is_public)


@rules.predicate
def is_registered(user, event: Event) -> bool:
    person = person_of(user)
    return bool(person and event and event.participants.filter(person=person).exists())


@rules.predicate
def may_propose_nominee(user, event: Event) -> bool:
    """Community members and the event's participants may propose nominees."""
    return is_registered(user, event) or is_community_voter(user, event)


def may_vote(user, phase: VotingPhase) -> bool:
    """The voting rule itself: a superuser's every-perm does not make them a member of the
    community nor check them in (see PERSONAL_PERMS)."""
    return may_vote_in_phase.test(user, phase)


# An event's public pages (the event, programme, tours, stands, the vote and its results):
# everyone's when it is listed; an unlisted one's are for those it concerns only, or its
# address alone (a guessable slug) would open them.
rules.add_perm(
    "events.view_event",
    is_listed | is_staff | is_event_organiser | is_registered | is_community_voter,
)
rules.add_perm("awards.vote", may_vote_in_phase)
rules.add_perm("awards.propose_nominee", may_propose_nominee)
rules.add_perm("directory.change_organisation", is_staff | manages_organisation)
rules.add_perm("directory.view_organisation", may_see_organisation)
rules.add_perm("directory.change_person", is_staff | is_self)
# The calendar address is a personal secret: only its owner may change it.
rules.add_perm("events.change_calendar_feed", is_own_registration)
# Joining an organisation goes through a request its manager approves; staff set it directly.
rules.add_perm("directory.set_person_organisation", is_staff)
# The association kind belongs to the umbrella organisation: only staff give or take it.
rules.add_perm("directory.set_association", is_staff)
rules.add_perm(
    "directory.view_person",
    visible_to_everyone
    | (has_profile & visible_to_participants)
    | is_self
    | is_staff
    | organises_an_event_of,
)
rules.add_perm("directory.view_contact", may_see_contact)
# Introductions to member clusters: the visitor asks for themselves (association staff and
# the event's organisers for them, at the booth: `events.manage_event`); only the visitor,
# the manager it is routed to and association staff see one; the manager answers; staff
# route, nudge and reassign.
rules.add_perm("directory.ask_introduction", is_self)
rules.add_perm("directory.view_introduction", is_staff | answers_introduction | asked_introduction)
rules.add_perm("directory.answer_introduction", answers_introduction)
rules.add_perm("directory.route_introduction", is_staff)


# Stands and leads. A stand's leads are its staff's alone: not the organisers', not another
# exhibitor's, not even the exhibitor organisation's manager unless they staff the stand.


@rules.predicate
def staffs_stand(user, stand: Stand) -> bool:
    person = person_of(user)
    return bool(person and stand and stand.staff.filter(person=person).exists())


@rules.predicate
def manages_stand_exhibitor(user, stand: Stand) -> bool:
    return bool(stand and stand.exhibitor_id and manages_organisation(user, stand.exhibitor))


@rules.predicate
def organises_stand_event(user, stand: Stand) -> bool:
    return bool(stand and is_event_organiser(user, stand.event))


@rules.predicate
def staffs_lead_stand(user, lead: Lead) -> bool:
    return bool(lead and staffs_stand(user, lead.stand))


@rules.predicate
def is_lead_visitor(user, lead: Lead) -> bool:
    return bool(lead and lead.visitor.person.user_id == getattr(user, "pk", None))


rules.add_perm("stands.view_leads", staffs_stand)
rules.add_perm("stands.scan_badges", staffs_stand)
rules.add_perm("stands.change_lead", staffs_lead_stand)
rules.add_perm(
    "stands.change_stand",
    is_staff | organises_stand_event | manages_stand_exhibitor | staffs_stand,
)
# Staffing a stand opens its leads: the organisers and the exhibitor's manager choose who.
rules.add_perm("stands.change_staff", is_staff | organises_stand_event | manages_stand_exhibitor)
# Only the scanned visitor decides whether the stand keeps their contact details.
rules.add_perm("stands.withhold_contact", is_lead_visitor)


def lead_shows_contact(lead: Lead) -> bool:
    """Whether a lead may carry the visitor's e-mail, phone and job title (on its page, in
    the list and in the CSV); otherwise it shows their name and organisation only."""
    return not lead.contact_withheld


@rules.predicate
def organises_visit_event(user, visit: SiteVisit) -> bool:
    return bool(visit) and is_event_organiser(user, visit.event)


@rules.predicate
def hosts_visit(user, visit: SiteVisit) -> bool:
    """The host cluster's manager (or the manager of a cluster it belongs to)."""
    return bool(visit) and manages_organisation(user, visit.host)


# The tour's people list, its CSV, the bus check, writing to them and editing the tour: the
# event's organisers and the host cluster's manager.
rules.add_perm("visits.manage_visit", is_staff | organises_visit_event | hosts_visit)

# What a person may do as themselves: vote, propose, ask or answer an introduction, see and
# work their stand's leads, hide their contact from a stand, use their own badge and feed.
# Django grants an active superuser every perm; these it must not, or the demo's organiser
# (a superuser, for the admin) would read every exhibitor's leads and answer introductions
# in a cluster manager's name. Only the rules above decide them.
PERSONAL_PERMS = frozenset(
    {
        "awards.vote",
        "awards.propose_nominee",
        "directory.ask_introduction",
        "directory.answer_introduction",
        "stands.view_leads",
        "stands.scan_badges",
        "stands.change_lead",
        "stands.withhold_contact",
        "events.change_calendar_feed",
        "events.view_badge",
        "events.withdraw_registration",
    }
)


class PolicyModelBackend(ModelBackend):
    """Django's model backend (passwords, the admin's model perms), without granting a
    superuser the perms that are a person's own (`PERSONAL_PERMS`)."""

    def has_perm(self, user_obj, perm, obj=None):
        if perm in PERSONAL_PERMS:
            return False
        return super().has_perm(user_obj, perm, obj)

    def get_user(self, user_id):
        """The signed-in user with their profile, if any, in the one query: every page asks
        for it (the menu links to the profile only for those who have one)."""
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("person").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def sees_everyone(user) -> bool:
    """Staff, and active superusers (Django grants those every perm)."""
    return bool(is_staff(user) or (getattr(user, "is_superuser", False) and user.is_active))


def people_visible_to(user, prefix: str = "") -> Q:
    """The `directory.view_person` rule as a filter, for lists: which people `user` may see.

    `prefix` is the path from the listed model to its Person ("person__" for participants,
    "other__person__" for recommendations). Public profiles for everyone; profiles for
    participants to anyone signed in with a profile; oneself; everyone for staff and active
    superusers (Django grants those every perm); and everyone registered at an event the
    viewer organises.
    """
    if sees_everyone(user):
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


def people_visible_to_each(users, person_ids) -> dict[int | None, set[int]]:
    """`people_visible_to` for many viewers at once: by each user's pk, which of `person_ids`
    they may see, in two queries however many the users (a background task telling hundreds
    of people would otherwise ask once each). Users' people should come loaded."""
    users, ids = list(users), set(person_ids)
    shown = dict(
        Person.objects.filter(pk__in=ids, visibility__in=SEEN_BY_PARTICIPANTS).values_list(
            "pk", "visibility"
        )
    )
    public = {pk for pk, visibility in shown.items() if visibility == Visibility.PUBLIC}
    viewers = {user.pk: person_of(user) for user in users}
    organised = registered_with_organisers(filter(None, viewers.values()), ids)
    visible = {}
    for user in users:
        viewer = viewers[user.pk]
        if sees_everyone(user):
            visible[user.pk] = set(ids)
        elif viewer is None:
            visible[user.pk] = set(public)
        else:
            visible[user.pk] = set(shown) | ({viewer.pk} & ids) | organised.get(viewer.pk, set())
    return visible


def registered_with_organisers(organisers, person_ids) -> dict[int, set[int]]:
    """By each of these people, which of `person_ids` are registered at an event they
    organise (one query)."""
    found: dict[int, set[int]] = {}
    for organiser, person in Participant.objects.filter(
        person_id__in=person_ids,
        event__participants__person__in=[organiser.pk for organiser in organisers],
        event__participants__role=Participant.Role.ORGANISER,
    ).values_list("event__participants__person_id", "person_id"):
        found.setdefault(organiser, set()).add(person)
    return found


def require(user, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless `user` may; `None` is the system itself (demo, imports)."""
    if user is None:
        return
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


# Badges are printed and reissued by the organisers; their desk staff check people in
# (staff accounts or participants with the organiser role).
rules.add_perm("events.manage_badges", is_staff | is_event_organiser)
rules.add_perm("events.check_in", is_staff | is_event_organiser)
# One's own badge code, to show on a phone at the desk.
rules.add_perm("events.view_badge", is_own_registration)
# One's own registration, made by someone else (an import), taken back through the link in
# the e-mail telling one of it: the link was mailed to the person, so it acts as them.
rules.add_perm("events.withdraw_registration", is_own_registration)
