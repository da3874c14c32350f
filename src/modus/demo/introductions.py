"""The demo's introductions to member clusters: asked on cluster pages, from the catalogue
and at the association's booth, in every state (routed or waiting for staff, accepted,
declined, nudged, reassigned), through the real services."""

from datetime import timedelta

from django.utils import timezone

from modus.demo.programme import BOOKED_AS_OF
from modus.directory import introductions
from modus.directory.models import IntroductionRequest, Organisation, Person
from modus.directory.selectors import introduction_history
from modus.events.models import Event, Participant

Channel = IntroductionRequest.Channel

WISHES = [
    "Partners for a joint Horizon Europe project on {focus}.",
    "Suppliers in {focus} for a pilot line next year.",
    "A research partner in {focus} to test our prototype.",
    "Companies in {focus} interested in a site visit to our plant.",
]
ANSWERS = ("introduction.accepted", "introduction.declined")
DECLINE_REASON = "Our members do not work in this field; the association can suggest another."


def backdate(introduction: IntroductionRequest, asked_hours: float, answered_hours=None) -> None:
    """Spread the demo's requests over the last days, so ages and the median read true, and
    their histories with them: asked and answered when the request says."""
    now = timezone.now()
    fields = {"created_at": now - timedelta(hours=asked_hours)}
    history = introduction_history(introduction)
    history.filter(action="introduction.asked").update(created_at=fields["created_at"])
    if answered_hours is not None:
        fields["answered_at"] = now - timedelta(hours=answered_hours)
        history.filter(action__in=ANSWERS).update(created_at=fields["answered_at"])
    IntroductionRequest.objects.filter(pk=introduction.pk).update(**fields)


def build_introductions(event: Event, people: list[Person]) -> None:
    """`people` are the demo accounts first: the association's organiser (staff), the
    MECHATRONIKA manager, the delegate and the optics exhibitor."""
    staff, mechatronika_manager, delegate, exhibitor = people[:4]
    clusters = {
        cluster.name: cluster
        for cluster in Organisation.objects.filter(
            kind="cluster", manager__isnull=False, memberships_held__parent__kind="association"
        )
    }
    implant = clusters["CZECHIMPLANT"]
    nano = clusters["NANOPROGRESS"]
    clutex = clusters["CLUTEX"]
    mechatronika = next(c for c in clusters.values() if c.manager_id == mechatronika_manager.pk)

    # Open and routed: the MECHATRONIKA manager (a demo account) has one to answer.
    waiting = introductions.ask_introduction(
        by=delegate.user,
        requester=delegate,
        organisation=mechatronika,
        wish="A cluster member making end-of-line test benches for control units.",
    )
    backdate(waiting, 20)
    # Accepted at the booth: both get each other's contacts and a free matchmaking slot.
    accepted = introductions.ask_introduction(
        by=staff.user,
        requester=delegate,
        organisation=implant,
        wish="Titanium implant makers for a joint project on sensor housings.",
        channel=Channel.BOOTH,
        event=event,
    )
    # As registration ran, before the event: the slot suggested is one still to come.
    introductions.accept_introduction(
        by=implant.manager.user, introduction=accepted, now=BOOKED_AS_OF
    )
    backdate(accepted, 50, 46)
    # Declined with a reason, asked from the printed catalogue.
    declined = introductions.ask_introduction(
        by=exhibitor.user,
        requester=exhibitor,
        organisation=nano,
        wish="Optical coatings for nanofibre membranes.",
        channel=Channel.CATALOGUE,
    )
    introductions.decline_introduction(
        by=nano.manager.user, introduction=declined, reason=DECLINE_REASON
    )
    backdate(declined, 30, 24)
    # No cluster named: waiting for the association to route it.
    visitors = list(
        event.participants.filter(role=Participant.Role.DELEGATE)
        .exclude(person__in=[p.pk for p in people[:4]])
        .exclude(person__managed_organisations__isnull=False)
        .select_related("person__user")
        .order_by("pk")[:16]
    )
    unrouted = introductions.ask_introduction(
        by=staff.user,
        requester=visitors[0].person,
        wish="A cluster in medical implants in Moravia.",
        channel=Channel.BOOTH,
        event=event,
    )
    backdate(unrouted, 6)
    # Routed by staff to CLUTEX, then its manager was reminded.
    reassigned = introductions.ask_introduction(
        by=staff.user,
        requester=visitors[1].person,
        wish="Technical textiles for car seats.",
        channel=Channel.BOOTH,
        event=event,
    )
    introductions.reassign_introduction(by=staff.user, introduction=reassigned, organisation=clutex)
    introductions.nudge_introduction(by=staff.user, introduction=reassigned)
    backdate(reassigned, 70)
    # More visitors, so the staff overview and the median have something to show.
    names = sorted(clusters)
    for index, visitor in enumerate(visitors[2:]):
        cluster = clusters[names[index % len(names)]]
        wish = WISHES[index % len(WISHES)].format(focus=cluster.name)
        introduction = introductions.ask_introduction(
            by=visitor.person.user, requester=visitor.person, organisation=cluster, wish=wish
        )
        asked = 4 + 7 * index
        if index % 3 == 0:
            introductions.accept_introduction(by=cluster.manager.user, introduction=introduction)
            backdate(introduction, asked, asked - 2 - index % 5)
        elif index % 3 == 1:
            introductions.decline_introduction(
                by=cluster.manager.user, introduction=introduction, reason=DECLINE_REASON
            )
            backdate(introduction, asked, asked - 1)
        else:
            backdate(introduction, asked)
