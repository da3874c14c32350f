"""Recommendations: load the event's profiles, ask the pure engine, store the lists.

Recomputed in the background (through `modus.tasks`) whenever profiles, requests or
dismissals change; pages only read the stored lists. Each recomputation also stores which
requests no offer answers, and tells the owner of a request that was unanswered until now.
"""

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from modus import tasks
from modus.common import audit
from modus.common.models import AuditEntry
from modus.common.permissions import (
    people_visible_to,
    people_visible_to_each,
    seen_by_participants,
)
from modus.directory.models import Opportunity, Organisation, Person
from modus.events.models import Event, Participant
from modus.matchmaking.models import (
    Dismissal,
    Meeting,
    MeetingRequest,
    Notification,
    Recommendation,
    UnansweredRequest,
)
from modus.matchmaking.recommend import (
    OpportunityInput,
    ProfileInput,
    get_backend,
    profile_text,
    reason_dict,
    recommend,
    without_filler,
)
from modus.matchmaking.services.encodings import DatabaseStore
from modus.matchmaking.services.locks import lock_people
from modus.matchmaking.services.notifications import notify

STORED_PER_PERSON = 30  # enough for the page's filters to leave a useful list


def schedule(event: Event) -> None:
    """Ask for a recomputation after this transaction; changes made while one is queued share it."""
    if cache.add(queued_key(event.pk), True, timeout=120):
        tasks.enqueue(recompute_recommendations, event.pk)


def schedule_for_person(person: Person) -> None:
    for event in Event.objects.filter(participants__person=person):
        schedule(event)


def schedule_for_organisation(organisation: Organisation) -> None:
    """Its description, ecosystems and stages are part of each of its people's profiles."""
    for event in Event.objects.filter(participants__person__organisation=organisation).distinct():
        schedule(event)


def queued_key(event_id: int) -> str:
    return f"modus:recommendations-queued:{event_id}"


def running_key(event_id: int) -> str:
    return f"modus:recommendations-running:{event_id}"


def updating(event: Event) -> bool:
    """Whether a recomputation of the event is queued or running: the stored lists do not
    show the latest profile changes yet."""
    return bool(cache.get_many([queued_key(event.pk), running_key(event.pk)]))


@tasks.task
def recompute_recommendations(event_id: int) -> None:
    # Running from before the queued mark goes, so the page never looks up to date early;
    # the timeout outlives any recomputation, and clears a mark a crash left.
    cache.set(running_key(event_id), True, timeout=600)
    try:
        cache.delete(queued_key(event_id))
        recompute(Event.objects.get(pk=event_id))
    finally:
        cache.delete(running_key(event_id))


def recompute(event: Event) -> int:
    """Replace the event's stored lists; returns how many suggestions were stored."""
    started = database_now(event)
    # On the clock that stamps offers' updated_at (auto_now: this server's), to the
    # microsecond: an unanswered request's "since", which an offer must be newer than to be
    # told of (the database's clock may round, to the millisecond on SQLite).
    read_at = timezone.now()
    participants = event_participants(event)
    if len(participants) < 2:
        return 0
    profiles = [profile_of(p) for p in participants]
    dismissals = list(
        Dismissal.objects.filter(participant__event=event).values_list("participant_id", "other_id")
    )
    answers: dict[int, list[int]] = {}
    found = recommend(
        profiles,
        k=STORED_PER_PERSON,
        exclusions=exclusions(event),
        pending_requests=pending_counts(event),
        dismissals=dismissals,
        # Hidden profiles get their own suggestions but are never suggested to anyone.
        candidate_ids=event.participants.filter(seen_by_participants("person__")).values_list(
            "pk", flat=True
        ),
        backend=get_backend(settings.RECOMMENDATION_BACKEND, store=DatabaseStore()),
        answers=answers,
    )
    rows = [
        Recommendation(
            participant_id=viewer,
            other_id=item.other_id,
            rank=rank,
            score=item.score,
            reasons=[reason_dict(reason) for reason in item.reasons],
        )
        for viewer, items in without_filler(found, profiles).items()
        for rank, item in enumerate(items, start=1)
    ]
    unanswered = {
        (participant.pk, opportunity.pk)
        for participant in participants
        for opportunity in participant.person.opportunities.all()
        if opportunity.direction == Opportunity.Direction.REQUEST and opportunity.pk not in answers
    }
    with transaction.atomic():
        # Two recomputations of one event (a request racing a profile change) take turns:
        # without this the later one's insert meets the earlier one's rows.
        list(Event.objects.select_for_update(no_key=True).filter(pk=event.pk))
        if stored_since(event, started):
            # A recomputation that read the profiles after us already stored its lists:
            # ours are older, and storing them would undo (and re-announce) its answers.
            return 0
        Recommendation.objects.filter(participant__event=event).delete()
        Recommendation.objects.bulk_create(rows, batch_size=2000)
        answered = store_unanswered(event, unanswered, answers, read_at)
        tell_answered(participants, answered, answers, set(dismissals))
        audit.record(
            by=None,
            action="recommendations.computed",
            obj=event,
            data={"stored": len(rows), "started": started.isoformat()},
        )
    return len(rows)


def database_now(event: Event) -> datetime:
    """The database's clock, the one every app server and worker shares (theirs may differ)."""
    return Event.objects.filter(pk=event.pk).annotate(now=Now()).values_list("now", flat=True).get()


def stored_since(event: Event, moment: datetime) -> bool:
    """Whether a recomputation of `event` that started after `moment` has stored its lists."""
    latest = (
        AuditEntry.objects.filter(
            action="recommendations.computed",
            object_id=str(event.pk),
            content_type__app_label="events",
            content_type__model="event",
        )
        .order_by("-pk")
        .values_list("data", flat=True)
        .first()
    )
    started = (latest or {}).get("started")
    return bool(started) and datetime.fromisoformat(started) > moment


def store_unanswered(
    event: Event,
    unanswered: set[tuple[int, int]],
    answers: dict[int, list[int]],
    started: datetime,
) -> dict[tuple[int, int], datetime]:
    """Store the event's unanswered (participant, request) pairs, each since `started` (just
    before this recomputation read the profiles); returns those that were unanswered until
    now and have an answer (a request since deleted has none), with when they were first
    unanswered."""
    stored = UnansweredRequest.objects.filter(participant__event=event)
    before = {
        (participant, opportunity): (pk, since)
        for pk, participant, opportunity, since in stored.values_list(
            "pk", "participant_id", "opportunity_id", "since"
        )
    }
    gone = before.keys() - unanswered
    if gone:
        UnansweredRequest.objects.filter(pk__in=[before[pair][0] for pair in gone]).delete()
    UnansweredRequest.objects.bulk_create(
        [
            UnansweredRequest(participant_id=participant, opportunity_id=opportunity, since=started)
            for participant, opportunity in sorted(unanswered - before.keys())
        ],
        batch_size=2000,
    )
    return {pair: before[pair][1] for pair in gone if pair[1] in answers}


def tell_answered(
    participants: list[Participant],
    answered: dict[tuple[int, int], datetime],
    answers: dict[int, list[int]],
    dismissed: set[tuple[int, int]],
) -> None:
    """Tell each owner of a newly answered request which offer answers it and whose it is,
    naming only someone the owner may see and has not dismissed (else no notice: a hidden
    person's offer must not show through), and never the same offer for it twice: a request
    whose best offer is near the answer level may lose and regain its answer as the event
    changes, and is told only of an offer it has not been told of.

    Only an offer that is new to the event since the request was found unanswered (added or
    changed since, or its owner registered since) is told of. Any edit anywhere recomputes
    the whole event, and the similarities of texts nobody touched move a little with it: an
    old offer that drifts over the answer level is no news, and announcing it would send
    people notices about profiles nobody changed."""
    if not answered:
        return
    by_pk = {participant.pk: participant for participant in participants}
    offered_by = {
        opportunity.pk: (participant, opportunity)
        for participant in participants
        for opportunity in participant.person.opportunities.all()
    }
    told = told_answers({owner for owner, _ in answered})
    owners = [by_pk[owner_pk] for owner_pk, _ in answered]
    visible = people_visible_to_each(
        [owner.person.user for owner in owners],
        {offered_by[offer][0].person_id for _, request in answered for offer in answers[request]
         if offer in offered_by},
    )  # fmt: skip
    notices = []
    for owner_pk, request_pk in sorted(answered):
        owner = by_pk[owner_pk]
        request = offered_by[request_pk][1]
        offers = [offered_by[offer] for offer in answers[request_pk] if offer in offered_by]
        seen = visible[owner.person.user_id]
        since = answered[owner_pk, request_pk]
        shown = [
            (answerer, offer)
            for answerer, offer in offers
            if max(offer.updated_at, answerer.registered_at) > since
            and (owner_pk, answerer.pk) not in dismissed
            and (owner_pk, answerer.pk, request.title, offer.title) not in told
            and answerer.person_id in seen
        ]
        if shown:
            notices.append((owner, request, *shown[0]))
    # Notices quiet e-mails about one person by looking at earlier ones: hold both people.
    lock_people(sorted({p.pk for owner, _, answerer, _ in notices for p in (owner, answerer)}))
    for owner, request, answerer, offer in notices:
        notify(
            owner,
            "opportunity-answered",
            {"request": request.title, "offer": offer.title, "name": str(answerer.person)},
            # Their page, where the offer is and a meeting can be asked for: the stored list
            # may not hold them (30 places; or a meeting already joins the two).
            reverse("matchmaking:participant", args=[owner.event.slug, answerer.pk]),
            about=answerer,
        )


def told_answers(owners: set[int]) -> set[tuple[int, int, str, str]]:
    """(owner, answerer, request title, offer title) of the answers these owners were told of."""
    return set(
        Notification.objects.filter(recipient__in=owners, kind="opportunity-answered").values_list(
            "recipient_id", "about_id", "data__request", "data__offer"
        )
    )


def event_participants(event: Event) -> list[Participant]:
    opportunities = Opportunity.objects.select_related("value_chain_stage").prefetch_related(
        "ecosystems"
    )
    return list(
        event.participants.exclude(role=Participant.Role.ORGANISER)
        .select_related("person__organisation", "person__user")
        .prefetch_related(
            Prefetch("person__opportunities", queryset=opportunities),
            "person__organisation__ecosystems",
            "person__organisation__value_chain_stages",
        )
        .order_by("pk")
    )


def profile_of(participant: Participant) -> ProfileInput:
    person = participant.person
    organisation = person.organisation
    country = (person.country.code or (organisation.country.code if organisation else "")) or "XX"
    return ProfileInput(
        id=participant.pk,
        organisation_id=organisation.pk if organisation else f"person-{person.pk}",
        country=country,
        organisation_kind=organisation.kind if organisation else "other",
        ecosystems=frozenset(e.code for e in organisation.ecosystems.all())
        if organisation
        else frozenset(),
        stages=frozenset(s.position for s in organisation.value_chain_stages.all())
        if organisation
        else frozenset(),
        profile_text=profile_text(
            person.job_title, organisation.description if organisation else ""
        ),
        opportunities=tuple(
            OpportunityInput(
                id=item.pk,
                direction=item.direction,
                kind=item.kind,
                title=item.title,
                description=item.description,
                ecosystems=frozenset(e.code for e in item.ecosystems.all()),
                stage=item.value_chain_stage.position if item.value_chain_stage else None,
            )
            for item in person.opportunities.all()
        ),
    )


def exclusions(event: Event) -> list[tuple[int, int]]:
    """Pairs who already asked each other (in any state) or already meet."""
    pairs = list(
        MeetingRequest.objects.filter(event=event).values_list("requester_id", "recipient_id")
    )
    for meeting in Meeting.objects.filter(
        event=event, status=Meeting.Status.CONFIRMED
    ).prefetch_related("seats"):
        seats = [seat.participant_id for seat in meeting.seats.all()]
        pairs += [(a, b) for a in seats for b in seats if a < b]
    return pairs


def pending_counts(event: Event) -> dict[int, int]:
    rows = (
        MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.PENDING)
        .values("recipient_id")
        .annotate(total=Count("pk"))
    )
    return {row["recipient_id"]: row["total"] for row in rows}


@transaction.atomic
def dismiss(*, by: Participant, other: Participant) -> None:
    """ "Not interested": hidden at once, and the next recomputation learns from it."""
    Dismissal.objects.get_or_create(participant=by, other=other)
    Recommendation.objects.filter(participant=by, other=other).delete()
    audit.record(
        by=by.person.user, action="recommendation.dismissed", obj=by, data={"other": other.pk}
    )
    schedule(by.event)


def own_opportunities(participant: Participant) -> list[Opportunity]:
    """The participant's offers and requests, oldest first; `unanswered` marks each request
    that no offer answered at the last recomputation."""
    unanswered = UnansweredRequest.objects.filter(
        participant=participant, opportunity=OuterRef("pk")
    )
    return list(
        participant.person.opportunities.annotate(
            unanswered=Exists(unanswered) & Q(direction=Opportunity.Direction.REQUEST)
        ).order_by("pk")
    )


def stored_for(participant: Participant):
    """The stored list (at most STORED_PER_PERSON), less anyone asked or dismissed since it
    was computed, and anyone whose profile the participant may not see (it may have been
    hidden since)."""
    # Both kinds of pair in one query (the participant is in each, and never listed).
    asked = (
        MeetingRequest.objects.filter(Q(requester=participant) | Q(recipient=participant))
        .order_by()
        .values_list("requester_id", "recipient_id")
    )
    dismissed = (
        Dismissal.objects.filter(participant=participant)
        .order_by()
        .values_list("participant_id", "other_id")
    )
    hidden = {pid for pair in asked.union(dismissed, all=True) for pid in pair}
    return (
        Recommendation.objects.filter(participant=participant)
        .filter(people_visible_to(participant.person.user, "other__person__"))
        .exclude(other_id__in=hidden)
        .select_related("other__person__organisation")
        .prefetch_related("other__person__organisation__ecosystems")
        .order_by("rank")
    )


def country_of(row: Recommendation) -> str:
    """The country of the person suggested: their own, else their organisation's."""
    person = row.other.person
    organisation = person.organisation
    return person.country.code or (organisation.country.code if organisation else "")


def matching(
    rows: list[Recommendation], *, country: str = "", kind: str = "", ecosystem: str = ""
) -> list[Recommendation]:
    """The rows of a stored list (`stored_for`, read once) that pass the page's filters."""

    def passes(row: Recommendation) -> bool:
        organisation = row.other.person.organisation
        return (
            (not country or country_of(row) == country)
            and (not kind or (organisation is not None and organisation.kind == kind))
            and (
                not ecosystem
                or (
                    organisation is not None
                    and ecosystem in {e.code for e in organisation.ecosystems.all()}
                )
            )
        )

    return [row for row in rows if passes(row)]
